using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Ledger;

/// <summary>A ledger operation's outcome: the value, or the QIWI result code that refuses it (and, when the code's own description would mislead, a better one).</summary>
internal readonly record struct LedgerResult<T>(T? Value, ResultCode Code, string? Description = null)
    where T : class
{
    public static LedgerResult<T> Ok(T value) => new(value, ResultCode.Success);

    public static LedgerResult<T> Refuse(ResultCode code, string? description = null) => new(null, code, description);
}
