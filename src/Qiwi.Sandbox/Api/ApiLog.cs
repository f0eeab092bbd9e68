using Microsoft.Extensions.Logging;

namespace Qiwi.Sandbox.Api;

/// <summary>The API's log lines: every refusal with its code and description (which field, which rule).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{Operation} for shop {ShopId}, bill {BillId}: result code {ResultCode}, {Description}")]
    public static partial void Refused(ILogger logger, string operation, long shopId, string billId, int resultCode, string description);
}
