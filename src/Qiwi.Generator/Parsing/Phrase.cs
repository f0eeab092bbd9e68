namespace Qiwi.Generator.Parsing;

/// <summary>
/// A piece of diagnostic text (an owner, a "where") kept as up to five parts and joined only when a
/// diagnostic needs it: on the success path nothing is concatenated. <see cref="ToString"/> is the text.
/// </summary>
internal readonly struct Phrase
{
    private readonly string? _a;
    private readonly string? _b;
    private readonly string? _c;
    private readonly string? _d;
    private readonly string? _e;

    public Phrase(string? a, string? b = null, string? c = null, string? d = null, string? e = null)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
        _e = e;
    }

    public static implicit operator Phrase(string text) => new(text);

    /// <summary>This phrase followed by <paramref name="tail"/> (up to five parts in all; more are joined now).</summary>
    public Phrase Append(string? tail)
        => _b is null ? new Phrase(_a, tail)
            : _c is null ? new Phrase(_a, _b, tail)
            : _d is null ? new Phrase(_a, _b, _c, tail)
            : _e is null ? new Phrase(_a, _b, _c, _d, tail)
            : new Phrase(ToString(), tail);

    public override string ToString() => _e is null ? string.Concat(_a, _b, _c, _d) : string.Concat(_a, _b, _c, _d) + _e;
}
