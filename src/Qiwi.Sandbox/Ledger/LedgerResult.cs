using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Ledger;

/// <summary>A ledger operation's outcome: the value, or the QIWI result code that refuses it.</summary>
internal readonly record struct LedgerResult<T>(T? Value, ResultCode Code)
    where T : class
{
    public static LedgerResult<T> Ok(T value) => new(value, ResultCode.Success);

    public static LedgerResult<T> Refuse(ResultCode code) => new(null, code);
}
