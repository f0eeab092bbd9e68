namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// A row or field of the data file that is not what the sandbox writes (missing, null, of another JSON kind, out of
/// range, an id that does not match its row, a key twice): raised where the load reads it, naming the file, the row
/// (table and key) and the field. <see cref="SandboxStore.StartAsync"/> reports it as the start error
/// (<see cref="InvalidDataException"/>), with this message. Only the load's own checks raise it, so an exception of any
/// other type out of the load is not taken for a damaged file.
/// </summary>
internal sealed class DataFileException(string path, string row, string? field, string problem)
    : Exception($"The data file '{path}' cannot be read as a sandbox data file: {row}" + (field is null ? " " : $", field {field} ") + problem + ".")
{
    /// <summary>The table and key of the row, such as <c>sandbox_invoice row (shop_id 77, bill_id 'B1')</c>.</summary>
    public string Row { get; } = row;

    /// <summary>The column or JSON field (a path such as <c>'Refunds[0].Amount'</c>), or null when the row as a whole is wrong.</summary>
    public string? Field { get; } = field;
}
