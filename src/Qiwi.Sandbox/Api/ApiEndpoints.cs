using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qiwi.Runtime;
using Qiwi.Sandbox.Contract;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Api;

/// <summary>
/// The emulated Pull REST API, at the spec's paths. Every request is authorized (150), then held to the shop's
/// conditions (152, 155, 316, 339, 319), then its path and form are checked with the readers generated from the spec
/// (341, 303, 5, naming the field and the rule), then the ledger decides. Every refusal is logged.
/// </summary>
internal static class ApiEndpoints
{
    private const string Bill = "/api/v2/prv/{prvId}/bills/{billId}";
    private const string Refund = "/api/v2/prv/{prvId}/bills/{billId}/refund/{refundId}";

    public static void MapQiwiApi(this IEndpointRouteBuilder app)
    {
        // The Shop ID is bound as text: one that is no Shop ID (not digits, past long) names no shop, so it is 150
        // like another shop's id, not the framework's bare HTTP 400 for a route value it cannot convert.
        app.MapPut(Bill, (HttpContext c, string prvId) => Handle(c, prvId, "createBill", CreateBill)).DisableAntiforgery();
        app.MapGet(Bill, (HttpContext c, string prvId) => Handle(c, prvId, "getBillStatus", (r, shop) => Task.FromResult(r.Reply(r.Ledger.Get(shop.ShopId, r.BillId)))));
        app.MapPatch(Bill, (HttpContext c, string prvId) => Handle(c, prvId, "cancelBill", CancelBill)).DisableAntiforgery();
        app.MapPut(Refund, (HttpContext c, string prvId) => Handle(c, prvId, "createRefund", CreateRefund)).DisableAntiforgery();
        app.MapGet(Refund, (HttpContext c, string prvId) => Handle(c, prvId, "getRefundStatus", (r, shop) => Task.FromResult(r.Reply(r.Ledger.GetRefund(shop.ShopId, r.BillId, r.RefundId!)))));
    }

    private static async Task<IResult> Handle(HttpContext context, string shopIdText, string operation, Func<ApiRequest, SandboxShop, Task<IResult>> action)
    {
        var prvId = long.TryParse(shopIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        var services = context.RequestServices.GetRequiredService<ApiServices>();
        var request = new ApiRequest(context, operation, prvId, services.Ledger, services.Clock, services.Logger);
        var shop = ApiAuthorization.Authorize(services.Options.EffectiveShops, prvId, context.Request.Headers.Authorization);
        if (shop is null)
        {
            return request.Refuse(ResultCode.AuthorizationError);
        }

        var condition = ShopConditions.ForRequest(shop.Settings, operation, context.Connection.RemoteIpAddress);
        if (condition != ResultCode.Success)
        {
            return request.Refuse(condition);
        }

        var path = operation switch
        {
            "createBill" => QiwiPullPathChecks.CreateBill(request.BillId),
            "getBillStatus" => QiwiPullPathChecks.GetBillStatus(request.BillId),
            "cancelBill" => QiwiPullPathChecks.CancelBill(request.BillId),
            "createRefund" => QiwiPullPathChecks.CreateRefund(request.BillId, request.RefundId!),
            _ => QiwiPullPathChecks.GetRefundStatus(request.BillId, request.RefundId!),
        };
        return path is not null ? request.Refuse(path) : await action(request, shop);
    }

    private static async Task<IResult> CreateBill(ApiRequest request, SandboxShop shop)
    {
        var (form, code, description) = await FormInput.ReadAsync(request.Context.Request, CreateBillForm.ReadForm, request.Clock);
        if (form is null)
        {
            return request.Refuse(code, description);
        }

        return request.Reply(request.Ledger.Create(shop, request.BillId, form.User, form.Amount, form.Currency, form.Comment, form.Lifetime, form.PaySource ?? PaySource.QiwiWallet, form.MerchantName));
    }

    private static async Task<IResult> CancelBill(ApiRequest request, SandboxShop shop)
    {
        var (form, code, description) = await FormInput.ReadAsync(request.Context.Request, CancelBillForm.ReadForm, request.Clock);
        return form is null ? request.Refuse(code, description) : request.Reply(request.Ledger.Cancel(shop.ShopId, request.BillId));
    }

    private static async Task<IResult> CreateRefund(ApiRequest request, SandboxShop shop)
    {
        var (form, code, description) = await FormInput.ReadAsync(request.Context.Request, CreateRefundForm.ReadForm, request.Clock);
        return form is null ? request.Refuse(code, description) : request.Reply(request.Ledger.CreateRefund(shop.ShopId, request.BillId, request.RefundId!, form.Amount));
    }

    /// <summary>One API request: its ids as sent (raw path segments), and the services that answer it.</summary>
    private sealed class ApiRequest(HttpContext context, string operation, long shopId, SandboxLedger ledger, SandboxClock clock, ILogger logger)
    {
        public HttpContext Context => context;

        public SandboxLedger Ledger => ledger;

        public SandboxClock Clock => clock;

        public string BillId { get; } = RawPath.BillId(context);

        /// <summary>The refund id of a refund path, or null.</summary>
        public string? RefundId { get; } = operation is "createRefund" or "getRefundStatus" ? RawPath.RefundId(context) : null;

        public IResult Refuse(QiwiFieldProblem problem)
        {
            var code = FormInput.CodeOf(problem);
            return Refuse(code, FormInput.Describe(code, problem.Description));
        }

        public IResult Refuse(ResultCode code, string? description = null)
        {
            description ??= code.GetDescription()?.TrimEnd('.') ?? code.ToString();
            ApiLog.Refused(logger, operation, shopId, BillId, (int)code, description);
            return ApiReply.Error(context, code, description);
        }

        public IResult Reply(LedgerResult<Contract.Bill> result)
            => result.Value is { } bill ? ApiReply.Bill(context, bill) : Refuse(result.Code, result.Description);

        public IResult Reply(LedgerResult<Contract.Refund> result)
            => result.Value is { } refund ? ApiReply.Refund(context, refund) : Refuse(result.Code, result.Description);
    }
}
