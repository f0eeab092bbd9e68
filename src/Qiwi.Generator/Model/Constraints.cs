namespace Qiwi.Generator.Model;

/// <summary>
/// What the spec says a value must satisfy, and how it is written on the wire.
/// Numbers are kept as their invariant text so the record stays simply equatable.
/// </summary>
internal sealed record Constraints
{
    public static readonly Constraints None = new();

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? Pattern { get; init; }

    /// <summary><c>format: uri</c> on a string: an absolute URI (RFC 3986: a scheme, then ':'), checked before sending.</summary>
    public bool AbsoluteUri { get; init; }

    public string? Minimum { get; init; }

    public bool ExclusiveMinimum { get; init; }

    public string? Maximum { get; init; }

    public bool ExclusiveMaximum { get; init; }

    /// <summary>x-qiwi-decimal: decimal places sent.</summary>
    public int? DecimalScale { get; init; }

    /// <summary>x-qiwi-decimal: how values are rounded to the scale.</summary>
    public Rounding Rounding { get; init; }

    /// <summary>x-qiwi-datetime: the zone offset in minutes.</summary>
    public int? OffsetMinutes { get; init; }

    /// <summary>x-qiwi-datetime: the .NET format of the wire value.</summary>
    public string? DateTimeFormat { get; init; }

    public int? MaxDaysAhead { get; init; }

    public bool AllowPast { get; init; } = true;
}
