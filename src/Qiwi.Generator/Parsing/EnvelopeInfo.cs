namespace Qiwi.Generator.Parsing;

/// <summary>The root x-qiwi-envelope, as the parser needs it.</summary>
internal sealed record EnvelopeInfo(string Wrapper, string ResultCode, string Description, int SuccessCode, string? ResultCodeEnum);
