namespace Qiwi.Runtime.Serialization;

/// <summary>
/// Checks generated code runs on a success payload: a field that names the resource must repeat the
/// request's value, and an amount must be within the spec's bounds and scale. Each returns why the payload is
/// impossible, or null. Reasons never quote the values (the exception keeps the raw body).
/// </summary>
public static class QiwiPayloadChecks
{
    /// <summary>The payload's <paramref name="wireName"/> must be the one the request named.</summary>
    public static string? Echo(string wireName, string? actual, string requested)
        => string.Equals(actual, requested, StringComparison.Ordinal) ? null : $"'{wireName}' is not the one requested";

    /// <summary>
    /// The payload's decimal <paramref name="wireName"/> must be the one the request sent: equal once both are rounded
    /// as the wire writes them (<paramref name="scale"/> places, <paramref name="rounding"/>), which is equal wire text,
    /// without writing either (a write's success check runs on every call).
    /// </summary>
    public static string? EchoDecimal(string wireName, decimal? actual, decimal? requested, int scale, QiwiRounding rounding)
        => (actual, requested) switch
        {
            (null, null) => null,
            ({ } a, { } r) when QiwiFormat.Round(a, scale, rounding) == QiwiFormat.Round(r, scale, rounding) => null,
            _ => $"'{wireName}' is not the one requested",
        };

    /// <summary>The amount must have at most <paramref name="scale"/> decimals and respect the spec's minimum (null: none).</summary>
    public static string? Amount(string wireName, decimal? value, int scale, decimal? minimum, bool exclusiveMinimum)
    {
        if (value is not { } amount)
        {
            return null;
        }

        if (decimal.Round(amount, scale) != amount)
        {
            return $"'{wireName}' has more than {scale} decimal places";
        }

        if (minimum is { } min && (exclusiveMinimum ? amount <= min : amount < min))
        {
            return $"'{wireName}' is {(exclusiveMinimum ? "not above" : "below")} the minimum";
        }

        return null;
    }
}
