using System.Globalization;
using System.Text.RegularExpressions;

namespace Qiwi.Runtime;

/// <summary>Which rule of the spec a received field breaks.</summary>
public enum QiwiFieldRule
{
    /// <summary>A required field is absent.</summary>
    Missing,

    /// <summary>The text cannot be read as the field's type (a number, a date in the spec's format).</summary>
    Unreadable,

    /// <summary>Too short or too long (<c>minLength</c> / <c>maxLength</c>).</summary>
    Length,

    /// <summary>Does not match the field's <c>pattern</c>.</summary>
    Pattern,

    /// <summary>Below the <c>minimum</c> (after the spec's rounding).</summary>
    Minimum,

    /// <summary>Above the <c>maximum</c> (after the spec's rounding).</summary>
    Maximum,

    /// <summary>A moment in the past, or further ahead than the spec allows.</summary>
    DateTimeWindow,

    /// <summary>A value the spec does not list (an <c>enum</c>).</summary>
    NotListed,
}

/// <summary>A received field that breaks a rule of the spec: which field (its wire name), which rule, and a sentence that says so.</summary>
/// <param name="Field">The wire name (<c>user</c>, <c>amount</c>, <c>bill_id</c>).</param>
/// <param name="Rule">The rule it breaks.</param>
/// <param name="Description">One sentence naming the field and the rule, e.g. <c>'user' must match ^tel:\+[0-9]{1,15}$.</c></param>
public sealed record QiwiFieldProblem(string Field, QiwiFieldRule Rule, string Description);

/// <summary>The outcome of reading a form with the spec's rules: the value, or the first field that breaks one.</summary>
/// <typeparam name="T">The generated model.</typeparam>
public readonly record struct QiwiFormResult<T>(T? Value, QiwiFieldProblem? Problem)
    where T : class
{
    /// <summary>A form that follows every rule.</summary>
    public static QiwiFormResult<T> Ok(T value) => new(value, null);

    /// <summary>A form with a field that breaks a rule.</summary>
    public static QiwiFormResult<T> Fail(QiwiFieldProblem problem) => new(null, problem);
}

/// <summary>
/// The spec's rules applied to received values (what a server does with a request, or a merchant with a
/// notification): each check returns the problem, or null when the value follows the rule. Generated form
/// readers call these; nothing here throws for bad input.
/// </summary>
public static class QiwiFieldCheck
{
    /// <summary>A required field is absent.</summary>
    public static QiwiFieldProblem Missing(string field) => new(field, QiwiFieldRule.Missing, $"'{field}' is required and absent.");

    /// <summary>The text cannot be read as <paramref name="expected"/>.</summary>
    public static QiwiFieldProblem Unreadable(string field, string text, string expected)
        => new(field, QiwiFieldRule.Unreadable, $"'{field}' must be {expected} (was '{QiwiFormat.Shorten(text ?? string.Empty)}').");

    /// <summary>The length must be within the bounds.</summary>
    public static QiwiFieldProblem? Length(string field, string value, int? minLength, int? maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if ((minLength is not int min || value.Length >= min) && (maxLength is not int max || value.Length <= max))
        {
            return null;
        }

        var rule = (minLength, maxLength) switch
        {
            (int low, int high) => $"{low} to {high} characters",
            (int low, null) => $"at least {low} characters",
            (null, int high) => $"at most {high} characters",
            _ => "of any length",
        };
        return new(field, QiwiFieldRule.Length, $"'{field}' must be {rule} (was {value.Length}).");
    }

    /// <summary>The value must match the pattern.</summary>
    public static QiwiFieldProblem? Pattern(string field, string value, Regex pattern, string patternText)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            return pattern.IsMatch(value)
                ? null
                : new(field, QiwiFieldRule.Pattern, $"'{field}' must match {patternText} (was '{QiwiFormat.Shorten(value)}').");
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern that backtracks catastrophically on this value: refused, as it is not known to match.
            return new(field, QiwiFieldRule.Pattern, $"'{field}' could not be checked against {patternText} in time (a value of {value.Length} characters), so it is refused.");
        }
    }

    /// <summary>The number must be at least (or, exclusive, greater than) the minimum.</summary>
    public static QiwiFieldProblem? Minimum(string field, decimal value, decimal minimum, bool exclusive)
        => (exclusive ? value > minimum : value >= minimum)
            ? null
            : new(field, QiwiFieldRule.Minimum, $"'{field}' must be {(exclusive ? "greater than" : "at least")} {minimum.ToString(CultureInfo.InvariantCulture)} (was {value.ToString(CultureInfo.InvariantCulture)}).");

    /// <summary>The number must be at most (or, exclusive, less than) the maximum.</summary>
    public static QiwiFieldProblem? Maximum(string field, decimal value, decimal maximum, bool exclusive)
        => (exclusive ? value < maximum : value <= maximum)
            ? null
            : new(field, QiwiFieldRule.Maximum, $"'{field}' must be {(exclusive ? "less than" : "at most")} {maximum.ToString(CultureInfo.InvariantCulture)} (was {value.ToString(CultureInfo.InvariantCulture)}).");

    /// <summary>The moment must not be in the past (unless allowed) nor more than <paramref name="maxDaysAhead"/> days ahead.</summary>
    public static QiwiFieldProblem? DateTimeWindow(string field, DateTimeOffset value, TimeProvider timeProvider, int? maxDaysAhead, bool allowPast)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        if (!allowPast && value < now)
        {
            return new(field, QiwiFieldRule.DateTimeWindow, $"'{field}' must not be in the past (was {value:O}, now is {now:O}).");
        }

        return maxDaysAhead is int days && DaysAfter.Of(now, days) is var latest && value > latest
            ? new(field, QiwiFieldRule.DateTimeWindow, $"'{field}' must be at most {days} days ahead (was {value:O}, the latest is {latest:O}).")
            : null;
    }

    /// <summary>The value must be one the spec lists.</summary>
    public static QiwiFieldProblem? Listed(string field, bool listed, string value, string allowed)
        => listed ? null : new(field, QiwiFieldRule.NotListed, $"'{field}' must be one of {allowed} (was '{QiwiFormat.Shorten(value ?? string.Empty)}').");
}
