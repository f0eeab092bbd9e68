namespace Qiwi.Generator.Model;

/// <summary>Everything the emitters need from one spec file, as equatable values.</summary>
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
    EquatableArray<WebhookModel> Webhooks)
{
    public string Visibility => Public ? "public" : "internal";
}
