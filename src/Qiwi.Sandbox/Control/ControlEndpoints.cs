using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Qiwi.Sandbox.Api;
using Qiwi.Sandbox.Contract;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Control;

/// <summary>
/// The control API for tests, demos and the dashboard, kept apart from the emulated paths (under
/// <c>/sandbox/control</c>): do what a payer, QIWI or time would do, see the state, change a shop's settings.
/// JSON in snake_case like the API; invoices are addressed exactly as the API addresses them (raw path segments,
/// so any bill id works). Refusals answer 409 with <c>result_code</c> and <c>description</c>.
/// </summary>
internal static class ControlEndpoints
{
    public static void MapSandboxControl(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/sandbox/control").DisableAntiforgery();
        foreach (var (name, act) in Actions)
        {
            control.MapPost("/bills/{shopId:long}/{billId}/" + name, (HttpContext c, long shopId, SandboxLedger ledger) => Bill(act(ledger, shopId, RawPath.ControlBillId(c))));
        }

        // The same actions with the bill id in the body: browsers resolve "." and ".." path segments even when
        // percent-encoded, so the dashboard addresses every invoice this way.
        control.MapPost("/bills/{shopId:long}/{action}", (long shopId, string action, BillReference bill, SandboxLedger ledger)
            => Actions.TryGetValue(action, out var act) ? Bill(act(ledger, shopId, bill.BillId)) : Results.NotFound());

        // The reply SMS in the same form ({"bill_id": ".."}). Two literal routes, no "sms/{reply}": ".../{shop}/sms/pay" (and
        // reject, fail, expire) stay the path form's actions on an invoice named "sms".
        foreach (var reply in new[] { "sms/confirm", "sms/decline" })
        {
            control.MapPost("/bills/{shopId:long}/" + reply, (long shopId, BillReference bill, SandboxLedger ledger) => Bill(Actions[reply](ledger, shopId, bill.BillId)));
        }
        control.MapGet("/bills", (SandboxLedger ledger) => Results.Json(ledger.Invoices()));
        control.MapPost("/refunds/{shopId:long}/{billId}/{refundId}/fail", (HttpContext c, long shopId, SandboxLedger ledger) =>
        {
            var result = ledger.FailRefund(shopId, RawPath.ControlBillId(c), RawPath.ControlRefundId(c));
            return result.Value is { } refund
                ? Results.Json(new { refund_id = refund.RefundId, status = refund.Status.ToWireValue() })
                : Refused(result.Code, result.Description);
        });
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
        control.MapGet("/shops", (IOptions<SandboxOptions> options) => Results.Json(Shops(options.Value)));
        control.MapPatch("/shops/{shopId:long}", (long shopId, ShopSettingsPatch patch, IOptions<SandboxOptions> options) =>
        {
            if (options.Value.ShopById(shopId) is not { } shop)
            {
                return Results.Json(new { result_code = (int)ResultCode.AuthorizationError, description = "No shop " + shopId + "." }, statusCode: StatusCodes.Status404NotFound);
            }

            // The answer is the settings this patch left (a later patch may have replaced them since).
            return patch.TryApply(shop, out var problem) is { } left
                ? Results.Json(shop.Copy(left))
                : Results.Json(new { result_code = (int)ResultCode.IncorrectData, description = problem }, statusCode: StatusCodes.Status400BadRequest);
        });
        control.MapGet("/clock", (SandboxClock clock) => Clock(clock));
        control.MapPost("/clock/advance", async (ClockAdvance advance, TimeTravel travel, SandboxClock clock, CancellationToken cancellationToken) =>
        {
            if (advance.Seconds is not (> 0 and <= ClockAdvance.MaxSeconds))
            {
                return Results.Json(new { result_code = (int)ResultCode.IncorrectData, description = "seconds must be more than 0 and at most " + ClockAdvance.MaxSeconds + " (400 days)." }, statusCode: StatusCodes.Status400BadRequest);
            }

            await travel.AdvanceAsync(TimeSpan.FromSeconds(advance.Seconds), cancellationToken);
            return Clock(clock);
        });
    }

    /// <summary>What the payer (or time) can do to a waiting invoice, by the name the control API gives it.</summary>
    private static readonly Dictionary<string, Func<SandboxLedger, long, string, LedgerResult<Contract.Bill>>> Actions = new(StringComparer.Ordinal)
    {
        ["pay"] = (ledger, shop, bill) => ledger.Move(shop, bill, BillStatus.Paid),
        ["reject"] = (ledger, shop, bill) => ledger.Move(shop, bill, BillStatus.Rejected),
        ["fail"] = (ledger, shop, bill) => ledger.Move(shop, bill, BillStatus.Unpaid),
        ["expire"] = (ledger, shop, bill) => ledger.Move(shop, bill, BillStatus.Expired),
        ["sms/confirm"] = (ledger, shop, bill) => ledger.ReplySms(shop, bill, confirm: true),
        ["sms/decline"] = (ledger, shop, bill) => ledger.ReplySms(shop, bill, confirm: false),
    };

    /// <summary>The shops as <c>GET /sandbox/control/shops</c> lists them: each from one read of its settings (a copy holding them), so a patch racing the listing is shown whole or not at all.</summary>
    internal static IReadOnlyList<SandboxShop> Shops(SandboxOptions options) => options.EffectiveShops.Select(s => s.Copy(s.Settings)).ToList();

    private static IResult Clock(SandboxClock clock)
        => Results.Json(new { now = clock.GetUtcNow(), moscow = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), offset_seconds = clock.Offset.TotalSeconds });

    private static IResult Bill(LedgerResult<Contract.Bill> result)
        => result.Value is { } bill ? Results.Json(new { bill_id = bill.BillId, status = bill.Status.ToWireValue() }) : Refused(result.Code, result.Description);

    private static IResult Refused(ResultCode code, string? description)
        => Results.Json(new { result_code = (int)code, description = description ?? code.GetDescription() }, statusCode: StatusCodes.Status409Conflict);
}

/// <summary>The body of <c>POST /sandbox/control/bills/{shop_id}/{action}</c>: <c>{"bill_id": ".."}</c>.</summary>
internal sealed record BillReference(string BillId);

/// <summary>The body of <c>POST /sandbox/control/clock/advance</c>: <c>{"seconds": 86400}</c>.</summary>
internal sealed record ClockAdvance(double Seconds)
{
    public const double MaxSeconds = 400 * 86400;
}
