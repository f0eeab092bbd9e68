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

    /// <summary>
    /// The string must be an absolute URI (<c>format: uri</c>): a scheme (a letter, then letters, digits, '+', '-' or
    /// '.'), ':', and the rest as .NET reads an absolute URI, with no control character and no white space at its end.
    /// A relative URL ("/success"),
    /// one without its scheme ("shop.example/ok") or one with a line break from configuration text is refused here
    /// rather than sent: QIWI would not send the payer back to it.
    /// </summary>
    public static void AbsoluteUri(string value, string paramName)
    {
        NotNull(value, paramName);
        if (!IsAbsoluteUri(value))
        {
            throw new ArgumentException($"{paramName} must be an absolute URI with its scheme, such as https://shop.example/success (was '{QiwiFormat.Shorten(value)}').", paramName);
        }
    }

    /// <summary>Whether <paramref name="value"/> passes <see cref="AbsoluteUri"/>.</summary>
    internal static bool IsAbsoluteUri(string value)
    {
        var colon = value.IndexOf(':');
        if (colon < 1 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        if (char.IsWhiteSpace(value[^1]))
        {
            return false;   // a space copied with it: .NET would drop it, QIWI would get it
        }

        // .NET reads "C:/x" as a file path of scheme "file": the scheme it reads must be the one written.
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme.Equals(value[..colon], StringComparison.OrdinalIgnoreCase);
    }

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

        if (maxDaysAhead is int days && DaysAfter.Of(now, days) is var latest && value > latest)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at most {days} days ahead (until {latest:O}).");
        }
    }
}
