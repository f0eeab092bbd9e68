using System.Globalization;

namespace Qiwi.Runtime;

/// <summary>
/// Reads a client's settings from configuration text, key by key, with no reflection (so it works trimmed and compiled
/// ahead of time, where .NET's configuration binder cannot see a generated options type). A key is the setting's path
/// with <c>:</c> (<c>Retry:MaxAttempts</c>); a missing key leaves the setting as it is. Text that is not a value of the
/// setting's type is not thrown: it becomes a failure naming the setting (<c>Retry.MaxAttempts</c>), reported with the
/// options' other failures (<see cref="QiwiClientOptions.GetErrors"/>), and never quotes the text (a secret may have
/// been pasted into the wrong key).
/// </summary>
public sealed class QiwiSettingsReader
{
    private readonly Func<string, string?> _settings;
    private readonly List<QiwiOptionsError> _errors = new();

    /// <summary>A reader of <paramref name="settings"/>: the text of a key (<c>Retry:MaxAttempts</c>), or null when it has none.</summary>
    public QiwiSettingsReader(Func<string, string?> settings)
        => _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The failures so far, one per setting whose text could not be read.</summary>
    public IReadOnlyList<QiwiOptionsError> Errors => _errors;

    /// <summary>The text of <paramref name="key"/> as it is (an empty text included), or null when the key has none.</summary>
    public string? String(string key) => _settings(key ?? throw new ArgumentNullException(nameof(key)));

    /// <summary>A whole number (invariant culture), or null when the key has no text.</summary>
    public int? Int32(string key)
        => TryRead(key, "a whole number", static (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value), out var read) ? read : null;

    /// <summary>A whole number (invariant culture), or null when the key has no text.</summary>
    public long? Int64(string key)
        => TryRead(key, "a whole number", static (string text, out long value) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value), out var read) ? read : null;

    /// <summary>A number with a point for decimals (invariant culture), or null when the key has no text.</summary>
    public decimal? Decimal(string key)
        => TryRead(key, "a number", static (string text, out decimal value) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value), out var read) ? read : null;

    /// <summary><c>true</c> or <c>false</c> (any case), or null when the key has no text.</summary>
    public bool? Boolean(string key)
        => TryRead(key, "true or false", static (string text, out bool value) => bool.TryParse(text, out value), out var read) ? read : null;

    /// <summary>A duration as .NET writes one (<c>00:00:30</c>; a bare number is days), or null when the key has no text.</summary>
    public TimeSpan? TimeSpan(string key)
        => TryRead(key, "a duration (hh:mm:ss)", static (string text, out System.TimeSpan value) => System.TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value), out var read) ? read : null;

    /// <summary>A date and time with its offset (ISO 8601), or null when the key has no text.</summary>
    public DateTimeOffset? DateTimeOffset(string key)
        => TryRead(key, "a date and time (ISO 8601)", static (string text, out System.DateTimeOffset value) => System.DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value), out var read) ? read : null;

    /// <summary>A URL, absolute or not (the options' checks say which they need), or null when the key has no text.</summary>
    public Uri? Uri(string key)
        => TryRead(key, "a URL", static (string text, out Uri? value) => System.Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out value), out var read) ? read : null;

    /// <summary>
    /// A value of <typeparamref name="TEnum"/> by its name (any case) or number, or null when the key has no text. Names
    /// joined by commas are refused (.NET and <c>Bind</c> read <c>"Json,Xml"</c> as the two values OR-ed: <c>Xml</c>, a
    /// valid setting no check could then refuse). A number is read as .NET reads it, defined or not, as <c>Bind</c> does:
    /// the options' checks refuse a number no member has (<c>"MediaType": "7"</c>), in the report of every other setting.
    /// </summary>
    public TEnum? Enum<TEnum>(string key)
        where TEnum : struct, Enum
        => TryRead(key, "one of " + string.Join(", ", System.Enum.GetNames<TEnum>()), static (string text, out TEnum value) =>
        {
            value = default;
            return !text.Contains(',', StringComparison.Ordinal) && System.Enum.TryParse(text, ignoreCase: true, out value);
        }, out var read) ? read : null;

    private delegate bool Parse<T>(string text, out T value);

    /// <summary>True with the value when the key has text of the type; false when it has none, or (a failure added) text of another type.</summary>
    private bool TryRead<T>(string key, string what, Parse<T> parse, out T value)
    {
        if (String(key) is not { } text)
        {
            value = default!;
            return false;
        }

        if (parse(text, out value))
        {
            return true;
        }

        Fail(key, what);
        return false;
    }

    private void Fail(string key, string what)
    {
        var option = key.Replace(':', '.');
        _errors.Add(new QiwiOptionsError(option, $"{option} must be {what}; the configured text is not (it is not shown)."));
    }
}
