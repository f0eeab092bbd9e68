namespace Qiwi.Generator.Model;

/// <summary>
/// What every generated file reads from the spec: namespace, client name (and the names derived from it),
/// visibility. Each output's scope below adds only what that output's emitter reads, so an edit elsewhere in
/// the spec leaves the output's unit equal and the output cached.
/// </summary>
internal record EmitContext(string Namespace, string ClientName, bool Public, ClientNames Names)
{
    public string Visibility => Public ? "public" : "internal";

    public static EmitContext Of(SpecModel spec) => new(spec.Namespace, spec.ClientName, spec.Public, spec.Names);
}

/// <summary>The client interface's scope: the operations, and whether the client offers redirect builders.</summary>
internal record OperationsScope(
    string Namespace,
    string ClientName,
    bool Public,
    ClientNames Names,
    string ClientDescription,
    EquatableArray<OperationModel> Operations,
    bool HasBuilders)
    : EmitContext(Namespace, ClientName, Public, Names);

/// <summary>The client class's scope: the interface's, plus the client-level parameters and the objects operations return (their success checks).</summary>
internal sealed record ClientScope(
    string Namespace,
    string ClientName,
    bool Public,
    ClientNames Names,
    string ClientDescription,
    EquatableArray<OperationModel> Operations,
    bool HasBuilders,
    EquatableArray<ParameterModel> ClientParameters,
    EquatableArray<ObjectModel> Objects)
    : OperationsScope(Namespace, ClientName, Public, Names, ClientDescription, Operations, HasBuilders);

/// <summary>The client options' scope: the client-level parameters.</summary>
internal sealed record OptionsScope(string Namespace, string ClientName, bool Public, ClientNames Names, EquatableArray<ParameterModel> ClientParameters)
    : EmitContext(Namespace, ClientName, Public, Names);

/// <summary>The redirects' scope.</summary>
internal sealed record RedirectsScope(string Namespace, string ClientName, bool Public, ClientNames Names, EquatableArray<RedirectModel> Redirects)
    : EmitContext(Namespace, ClientName, Public, Names);

/// <summary>A form reader's scope: the wire values of the enums (a listed-value check names them), not their docs.</summary>
internal record FormScope(string Namespace, string ClientName, bool Public, ClientNames Names, EquatableArray<EnumValues> Enums)
    : EmitContext(Namespace, ClientName, Public, Names);

/// <summary>The path checks' scope: the form readers', plus the operations.</summary>
internal sealed record PathChecksScope(string Namespace, string ClientName, bool Public, ClientNames Names, EquatableArray<EnumValues> Enums, EquatableArray<OperationModel> Operations)
    : FormScope(Namespace, ClientName, Public, Names, Enums);

/// <summary>A webhook's scope: its reply model and the enum of the reply's code (the descriptor's roles), when it has them.</summary>
internal sealed record WebhookScope(string Namespace, string ClientName, bool Public, ClientNames Names, EquatableArray<ObjectModel> Objects, EquatableArray<EnumModel> Enums)
    : EmitContext(Namespace, ClientName, Public, Names);

/// <summary>An enum as a listed-value check sees it: its name and wire values.</summary>
internal sealed record EnumValues(string Name, EquatableArray<EnumWireValue> Members);

/// <summary>One wire value of an enum.</summary>
internal sealed record EnumWireValue(string WireValue);

/// <summary>The result-code enum as the catalog sees it: its name and whether any code has a fatal flag (not the codes' docs).</summary>
internal sealed record ResultCodeEnum(string Name, bool HasFatal);
