using System.Globalization;
using System.Text.Json;

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// The fields of one JSON object in a data file row, read by name with each one's kind and range checked where it is
/// read: a field missing (where it is required), null, of another JSON kind, a number that does not fit, an instant or
/// duration out of range, or a name twice, is a <see cref="DataFileException"/> naming the row and the field's path
/// (such as <c>'Refunds[0].Amount'</c>). Names are matched as the serializer writes them (case-sensitive); fields of
/// other names are ignored, as the serializer ignored them. A nullable field may be missing (read as null).
/// </summary>
internal sealed class JsonFields
{
    /// <summary>The earliest instant a data file holds (chosen: the sandbox's clock, the system's plus an advance, never goes before it).</summary>
    public static readonly DateTimeOffset EarliestInstant = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The instant a data file's instants stay before (chosen: far past any clock advance, <see cref="MaxClockOffset"/>, and far enough from <see cref="DateTimeOffset.MaxValue"/> for the ledger's and the schedule's arithmetic).</summary>
    public static readonly DateTimeOffset LatestInstant = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The largest clock advance a data file holds (chosen: 1,000 years, 913 advances of the 400 days the control API allows at once).</summary>
    public static readonly TimeSpan MaxClockOffset = TimeSpan.FromDays(365_250);

    private readonly DataFileRow _row;
    private readonly string? _path;
    private readonly Dictionary<string, JsonElement> _fields;

    private JsonFields(DataFileRow row, string? path, Dictionary<string, JsonElement> fields) => (_row, _path, _fields) = (row, path, fields);

    /// <summary>The object <paramref name="element"/> at <paramref name="path"/> (null: the row's JSON itself).</summary>
    public static JsonFields Of(DataFileRow row, JsonElement element, string? path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw row.Bad(path is null ? "json" : $"'{path}'", $"is {Kind(element)}, not an object");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = Text(row, property, path);
            if (!fields.TryAdd(name, property.Value))
            {
                throw row.Bad(Quoted(path, name), "appears twice in its object (which one is meant is not known)");
            }
        }

        return new JsonFields(row, path, fields);
    }

    /// <summary>The error for the field <paramref name="name"/> of this object (a path below it, such as <c>Refunds[2].Amount</c>, too).</summary>
    public DataFileException Bad(string name, string problem) => _row.Bad(Quoted(_path, name), problem);

    public string String(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.String ? Text(value, name) : throw Bad(name, $"is {Kind(value)}, not a string");
    }

    public string? OptionalString(string name)
        => Optional(name) is { } value ? value.ValueKind == JsonValueKind.String ? Text(value, name) : throw Bad(name, $"is {Kind(value)}, not a string or null") : null;

    /// <summary>A string that <paramref name="parse"/> reads (a wire value of one of the spec's enums); the string as it is.</summary>
    public string Listed<T>(string name, TryParse<T> parse)
    {
        var text = String(name);
        return parse(text, out _) ? text : throw Bad(name, $"is {DataFileRow.Quote(text)}, which is no {typeof(T).Name} value");
    }

    public string? OptionalListed<T>(string name, TryParse<T> parse)
        => OptionalString(name) is { } text ? parse(text, out _) ? text : throw Bad(name, $"is {DataFileRow.Quote(text)}, which is no {typeof(T).Name} value") : null;

    /// <summary>An amount: a JSON number above 0 that fits a decimal.</summary>
    public decimal Amount(string name) => Amount(name, Required(name));

    public decimal? OptionalAmount(string name) => Optional(name) is { } value ? Amount(name, value) : null;

    public int Int32(string name, int min, int max) => Int32(name, Required(name), min, max);

    public int? OptionalInt32(string name, int min, int max) => Optional(name) is { } value ? Int32(name, value, min, max) : null;

    public long Int64(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw Bad(name, $"is {Kind(value)}, not a 64-bit integer");
    }

    public bool Boolean(string name)
    {
        var value = Required(name);
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Bad(name, $"is {Kind(value)}, not true or false");
    }

    /// <summary>An instant (ISO 8601, as the serializer writes it) from <see cref="EarliestInstant"/> to before <see cref="LatestInstant"/>.</summary>
    public DateTimeOffset Instant(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.String || !value.TryGetDateTimeOffset(out var instant))
        {
            throw Bad(name, $"is {Kind(value)}, not an instant (ISO 8601)");
        }

        return instant >= EarliestInstant && instant < LatestInstant
            ? instant
            : throw Bad(name, $"is {instant.ToString("O", CultureInfo.InvariantCulture)}, outside {EarliestInstant.Year} to {LatestInstant.Year}");
    }

    /// <summary>A clock advance: a duration as the serializer writes one (<c>[d.]hh:mm:ss[.fffffff]</c>) from 0 to <see cref="MaxClockOffset"/>.</summary>
    public TimeSpan ClockOffset(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.String || !TimeSpan.TryParseExact(Text(value, name), "c", CultureInfo.InvariantCulture, out var offset))
        {
            throw Bad(name, $"is {Kind(value)}, not a duration ([d.]hh:mm:ss)");
        }

        return offset >= TimeSpan.Zero && offset <= MaxClockOffset ? offset : throw Bad(name, $"is {offset}, outside 0 to {MaxClockOffset.Days} days");
    }

    /// <summary>An absolute http or https URL (what the dispatcher can post to).</summary>
    public Uri Url(string name)
    {
        var text = String(name);
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw Bad(name, $"is {DataFileRow.Quote(text)}, not an absolute http or https URL");
    }

    /// <summary>An array of objects, each read with <paramref name="read"/> (its fields named <c>name[i].field</c>).</summary>
    public List<T> Objects<T>(string name, Func<JsonFields, T> read)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Bad(name, $"is {Kind(value)}, not an array");
        }

        var items = new List<T>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(read(Of(_row, item, $"{Path(_path, name)}[{index++}]")));
        }

        return items;
    }

    private JsonElement Required(string name) => _fields.TryGetValue(name, out var value) ? value : throw Bad(name, "is missing");

    private JsonElement? Optional(string name) => _fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private decimal Amount(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount))
        {
            throw Bad(name, $"is {Kind(value)}, not a number a decimal holds");
        }

        return amount > 0 ? amount : throw Bad(name, $"is {amount.ToString(CultureInfo.InvariantCulture)}, not above 0");
    }

    private int Int32(string name, JsonElement value, int min, int max)
        => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw Bad(name, $"is {Kind(value)}, not an integer from {min} to {max}");

    /// <summary>A string's text; a string the reader cannot give as .NET text (an escaped lone surrogate) is this field's error, not the reader's InvalidOperationException.</summary>
    private string Text(JsonElement value, string name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Bad(name, "is a string that is not valid text (an escaped lone surrogate)");
        }
    }

    private static string Text(DataFileRow row, JsonProperty property, string? path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw row.Bad(path is null ? "json" : $"'{path}'", "has a field name that is not valid text (an escaped lone surrogate)");
        }
    }

    /// <summary>What a JSON value is, for an error message: its kind, and a number's or string's text (cut short).</summary>
    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => value.ValueKind == JsonValueKind.True ? "true" : "false",
        JsonValueKind.Number => "the number " + Cut(value.GetRawText()),
        JsonValueKind.String => "the string " + Cut(value.GetRawText()),
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Cut(string raw) => raw.Length <= 42 ? raw : string.Concat(raw.AsSpan(0, 40), $"... ({raw.Length} characters)");

    private static string Path(string? path, string name) => path is null ? name : path + "." + name;

    private static string Quoted(string? path, string name) => $"'{Path(path, name)}'";
}

/// <summary>A generated enum's <c>TryParse</c> (a wire value to the enum).</summary>
internal delegate bool TryParse<T>(string? wireValue, out T value);
