namespace Qiwi.Runtime.Tests.Infrastructure;

/// <summary>A hand-written result-code catalog (the generated one comes from the spec's ResultCode enum).</summary>
internal sealed class TestResultCodes : IQiwiResultCodeCatalog
{
    private static readonly Dictionary<int, (bool? Fatal, string Description)> Codes = new()
    {
        [0] = (false, "Success."),
        [13] = (false, "Server is busy, try again later."),
        [150] = (true, "Authorization error (wrong login/password)."),
        [341] = (true, "Required parameter is incorrectly specified or absent."),
        [1018] = (null, "Operator of the number could not be determined."),
    };

    public static TestResultCodes Instance { get; } = new();

    public bool? IsFatal(int resultCode) => Codes.TryGetValue(resultCode, out var code) ? code.Fatal : null;

    public string? GetDescription(int resultCode) => Codes.TryGetValue(resultCode, out var code) ? code.Description : null;
}
