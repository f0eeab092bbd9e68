namespace Qiwi.Generator.Model;

/// <summary>
/// Everything the emitters need from one spec file, as equatable values; and the top-level types the spec generates
/// (<see cref="TypeNames"/>, from the parser's NameRegistry, without the dependency injection extensions, which hang on
/// the project's references), which the project and the other specs may not declare.
/// </summary>
internal sealed record SpecModel(
    string FilePath,
    string Namespace,
    string ClientName,
    string ClientDescription,
    bool Public,
    string? ResultCodeEnum,
    EquatableArray<EnumModel> Enums,
    EquatableArray<ObjectModel> Objects,
    EquatableArray<OperationModel> Operations,
    EquatableArray<RedirectModel> Redirects,
    EquatableArray<WebhookModel> Webhooks,
    ClientNames Names,
    EquatableArray<ParameterModel> ClientParameters = default,
    EquatableArray<string> TypeNames = default)
{
    public string Visibility => Public ? "public" : "internal";
}

/// <summary>The types named after the client, and their files.</summary>
internal sealed record ClientNames(
    string Interface,
    string Client,
    string ResultCodes,
    string Redirects,
    string Patterns,
    string ServiceCollectionExtensions,
    string PathChecks,
    string Options)
{
    public static ClientNames For(string clientName) => new(
        Parsing.Naming.ClientInterface(clientName),
        Parsing.Naming.ClientClass(clientName),
        Parsing.Naming.ResultCodes(clientName),
        Parsing.Naming.Redirects(clientName),
        Parsing.Naming.Patterns(clientName),
        Parsing.Naming.ServiceCollectionExtensions(clientName),
        Parsing.Naming.PathChecks(clientName),
        Parsing.Naming.ClientOptions(clientName));
}
