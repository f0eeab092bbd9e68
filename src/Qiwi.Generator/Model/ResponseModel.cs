namespace Qiwi.Generator.Model;

/// <summary>
/// How an operation's success response is read: the JSON envelope model, the XML result model
/// (the XML root is the wrapper), and the names inside the result.
/// </summary>
internal sealed record ResponseModel(
    string JsonEnvelopeType,
    string WrapperProperty,
    string ResultType,
    string XmlRootName,
    string ResultCodeProperty,
    bool ResultCodeIsEnum,
    string? DescriptionProperty,
    string PayloadProperty,
    string PayloadType,
    string Description,
    int SuccessCode,
    string ReaderName,
    string ReaderHintName,
    bool ResultCodeRequired,
    bool WrapperRequired);
