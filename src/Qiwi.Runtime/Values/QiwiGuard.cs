using System.Globalization;
using System.Text.RegularExpressions;

namespace Qiwi.Runtime;

/// <summary>
/// Argument checks generated code runs before anything is sent. Each failure names the parameter
/// (<see cref="ArgumentException.ParamName"/>) and states the rule.
/// </summary>
public static class QiwiGuard
{
    /// <summary>The value must not be null.</summary>
    public static void NotNull(object? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, $"{paramName} is required.");
        }
    }

    /// <summary>The string's length must be within the bounds.</summary>
    public static void Length(string value, string paramName, int? minLength, int? maxLength)
    {
        NotNull(value, paramName);
        if ((minLength is int min && value.Length < min) || (maxLength is int max && value.Length > max))
        {
            var rule = (minLength, maxLength) switch
            {
                (int low, int high) => $"{low} to {high} characters",
                (int low, null) => $"at least {Characters(low)}",
                (null, int high) => $"at most {Characters(high)}",
                _ => "of any length",
            };
            throw new ArgumentException($"{paramName} must be {rule} (was {value.Length}).", paramName);
        }
    }

    private static string Characters(int count) => count == 1 ? "1 character" : count.ToString(CultureInfo.InvariantCulture) + " characters";

    /// <summary>The string must match the pattern.</summary>
    public static void Pattern(string value, string paramName, Regex pattern, string patternText)
    {
        NotNull(value, paramName);
        ArgumentNullException.ThrowIfNull(pattern);
        bool matches;
        try
        {
            matches = pattern.IsMatch(value);
        }
        catch (RegexMatchTimeoutException exception)
        {
            // A pattern that backtracks catastrophically on this value: refused, as it is not known to match.
            throw new ArgumentException($"{paramName} could not be checked against {patternText} in time (a value of {value.Length} characters), so it is refused.", paramName, exception);
        }

        if (!matches)
        {
            throw new ArgumentException($"{paramName} must match {patternText} (was '{QiwiFormat.Shorten(value)}').", paramName);
        }
    }

    /// <summary>The number must be at least (or, exclusive, greater than) the minimum.</summary>
    public static void Minimum(decimal value, string paramName, decimal minimum, bool exclusive)
    {
        if (exclusive ? value <= minimum : value < minimum)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be {(exclusive ? "greater than" : "at least")} {minimum.ToString(CultureInfo.InvariantCulture)}{(exclusive && minimum == 0 ? " after rounding" : string.Empty)}.");
        }
    }

    /// <summary>The number must be at most (or, exclusive, less than) the maximum.</summary>
    public static void Maximum(decimal value, string paramName, decimal maximum, bool exclusive)
    {
        if (exclusive ? value >= maximum : value > maximum)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be {(exclusive ? "less than" : "at most")} {maximum.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>The integer must be at least (or, exclusive, greater than) the minimum.</summary>
    public static void Minimum(long value, string paramName, long minimum, bool exclusive)
    {
        if (exclusive ? value <= minimum : value < minimum)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be {(exclusive ? "greater than" : "at least")} {minimum.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>The moment must not be in the past (unless allowed) nor more than <paramref name="maxDaysAhead"/> days ahead.</summary>
    public static void DateTimeWindow(DateTimeOffset value, string paramName, TimeProvider timeProvider, int? maxDaysAhead, bool allowPast)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        if (!allowPast && value < now)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must not be in the past (now is {now:O}).");
        }

        if (maxDaysAhead is int days && value > now.AddDays(days))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at most {days} days ahead (until {now.AddDays(days):O}).");
        }
    }
}
