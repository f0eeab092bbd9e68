using System.Text.Json;

namespace Qiwi.Sandbox.Control;

/// <summary>
/// How the control API writes and reads JSON: snake_case names, as the QIWI API's own fields are
/// (<c>result_code</c>, <c>bill_id</c>). Clients of the control API (tests, samples, tools) use the same options.
/// </summary>
public static class SandboxControlJson
{
    /// <summary>Web defaults (case-insensitive reading, numbers as numbers) with snake_case property names.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the control API's naming to <paramref name="options"/>.</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return options;
    }
}
