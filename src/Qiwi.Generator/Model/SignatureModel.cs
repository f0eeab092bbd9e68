namespace Qiwi.Generator.Model;

/// <summary>x-qiwi-signature: how a redirect or a webhook is signed.</summary>
internal sealed record SignatureModel(
    SignatureAlgorithm Algorithm,
    string Key,
    string Target,
    bool AllFields,
    EquatableArray<string> Fields,
    EquatableArray<string> Optional,
    string Separator,
    SignatureEncoding Encoding);
