namespace Qiwi.Generator.Model;

/// <summary>An API operation: one async method of the client.</summary>
internal sealed record OperationModel(
    string OperationId,
    string Name,
    string Method,
    string PathTemplate,
    string? Summary,
    string? Description,
    EquatableArray<ParameterModel> Parameters,
    ResponseModel Response,
    bool Idempotent,
    string MethodName,
    OutcomeReadModel? OutcomeRead = null);
