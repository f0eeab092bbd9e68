namespace Qiwi.Generator.Model;

/// <summary>Outbound: the merchant builds the URL. Inbound: QIWI sends the payer back; parse it.</summary>
internal enum RedirectKind
{
    Outbound,
    Inbound,
}

/// <summary>A redirect operation (x-qiwi-redirect): a URL builder or parser, not an HTTP call.</summary>
internal sealed record RedirectModel(
    string OperationId,
    string Name,
    RedirectKind Kind,
    string ServerUrl,
    string Path,
    string? Summary,
    string? Description,
    EquatableArray<ParameterModel> Parameters,
    SignatureModel? Signature,
    RedirectNames Names);

/// <summary>The members a redirect adds to the redirects class, and its record (inbound).</summary>
internal sealed record RedirectNames(string Signed, string Signature, string Parse, string TryParse, string Record);
