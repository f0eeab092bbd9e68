using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qiwi.Sandbox.Contract;
using Qiwi.Sandbox.Ledger;

namespace Qiwi.Sandbox.Control;

/// <summary>
/// The control API for tests and demos, kept apart from the emulated paths (under <c>/sandbox/control</c>):
/// do what a payer or QIWI would do to an invoice or a refund. Answers the new state as JSON, or 409 with the
/// result code that refuses it.
/// </summary>
internal static class ControlEndpoints
{
    public static void MapSandboxControl(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/sandbox/control").DisableAntiforgery();
        control.MapPost("/bills/{shopId:long}/{billId}/pay", (long shopId, string billId, SandboxLedger ledger) => Bill(ledger.Move(shopId, billId, BillStatus.Paid)));
        control.MapPost("/bills/{shopId:long}/{billId}/reject", (long shopId, string billId, SandboxLedger ledger) => Bill(ledger.Move(shopId, billId, BillStatus.Rejected)));
        control.MapPost("/bills/{shopId:long}/{billId}/fail", (long shopId, string billId, SandboxLedger ledger) => Bill(ledger.Move(shopId, billId, BillStatus.Unpaid)));
        control.MapPost("/bills/{shopId:long}/{billId}/expire", (long shopId, string billId, SandboxLedger ledger) => Bill(ledger.Move(shopId, billId, BillStatus.Expired)));
        control.MapPost("/bills/{shopId:long}/{billId}/sms/confirm", (long shopId, string billId, SandboxLedger ledger) => Bill(ledger.ReplySms(shopId, billId, confirm: true)));
        control.MapPost("/bills/{shopId:long}/{billId}/sms/decline", (long shopId, string billId, SandboxLedger ledger) => Bill(ledger.ReplySms(shopId, billId, confirm: false)));
        control.MapPost("/faults", (SandboxFault fault, FaultInjector faults) =>
        {
            try
            {
                faults.Add(fault);
                return Results.NoContent();
            }
            catch (ArgumentException exception)
            {
                return Results.BadRequest(exception.Message);
            }
        });
        control.MapGet("/ledger", (SandboxLedger ledger) => Results.Json(ledger.Snapshot()));
        control.MapGet("/faults", (FaultInjector faults) => Results.Json(new { pending = faults.Pending }));
        control.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        control.MapGet("/notifications", (Notifications.NotificationDispatcher dispatcher) => Results.Json(dispatcher.Log));
        control.MapPost("/refunds/{shopId:long}/{billId}/{refundId}/fail", (long shopId, string billId, string refundId, SandboxLedger ledger) =>
        {
            var result = ledger.FailRefund(shopId, billId, refundId);
            return result.Value is { } refund
                ? Results.Json(new { refundId = refund.RefundId, status = refund.Status.ToWireValue() })
                : Refused(result.Code);
        });
    }

    private static IResult Bill(LedgerResult<Contract.Bill> result)
        => result.Value is { } bill ? Results.Json(new { billId = bill.BillId, status = bill.Status.ToWireValue() }) : Refused(result.Code);

    private static IResult Refused(ResultCode code)
        => Results.Json(new { resultCode = (int)code, description = code.GetDescription() }, statusCode: StatusCodes.Status409Conflict);
}
