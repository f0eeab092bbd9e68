using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Qiwi.Runtime;
using Qiwi.Sandbox.Contract;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Api;

/// <summary>The emulated Pull REST API, at the spec's paths.</summary>
internal static class ApiEndpoints
{
    private const string Bill = "/api/v2/prv/{prvId}/bills/{billId}";
    private const string Refund = "/api/v2/prv/{prvId}/bills/{billId}/refund/{refundId}";

    public static void MapQiwiApi(this IEndpointRouteBuilder app)
    {
        app.MapPut(Bill, CreateBill).DisableAntiforgery();
        app.MapGet(Bill, (HttpContext c, long prvId, SandboxLedger ledger, IOptions<SandboxOptions> o) => Authorized(c, o, prvId, _ => Reply(c, ledger.Get(prvId, RawPath.BillId(c)))));
        app.MapPatch(Bill, CancelBill).DisableAntiforgery();
        app.MapPut(Refund, CreateRefund).DisableAntiforgery();
        app.MapGet(Refund, (HttpContext c, long prvId, SandboxLedger ledger, IOptions<SandboxOptions> o) => Authorized(c, o, prvId, _ => Reply(c, ledger.GetRefund(prvId, RawPath.BillId(c), RawPath.RefundId(c)))));
    }

    private static async Task<IResult> CreateBill(HttpContext context, long prvId, SandboxLedger ledger, IOptions<SandboxOptions> options)
    {
        var billId = RawPath.BillId(context);
        var shop = ApiAuthorization.Authorize(options.Value.EffectiveShops, prvId, context.Request.Headers.Authorization);
        if (shop is null)
        {
            return ApiReply.Error(context, ResultCode.AuthorizationError);
        }

        var (form, code) = await FormInput.ReadAsync(context.Request, CreateBillForm.FromForm);
        if (form is null)
        {
            return ApiReply.Error(context, code);
        }

        var paySource = form.PaySource ?? PaySource.QiwiWallet;
        var valid = billId.Length is >= 1 and <= 200
            && QiwiPullPatterns.CreateBillUser.IsMatch(form.User) && form.User.Length <= 20
            && QiwiPullPatterns.CreateBillCurrency.IsMatch(form.Currency)
            && form.Amount > 0 && form.Amount == QiwiFormat.Round(form.Amount, 2, QiwiRounding.Down)
            && form.Comment.Length <= 255
            && (form.MerchantName?.Length ?? 0) <= 100
            && paySource != PaySource.Unknown;

        // A lifetime in the past, or beyond 45 days, is not refused: the docs say the invoice becomes void with a
        // final status, and expires 45 days after issue at the latest (the ledger does both).
        if (!valid)
        {
            return ApiReply.Error(context, ResultCode.IncorrectData);
        }

        return Reply(context, ledger.Create(shop, billId, form.User, form.Amount, form.Currency, form.Comment, form.Lifetime, paySource, form.MerchantName));
    }

    private static async Task<IResult> CancelBill(HttpContext context, long prvId, SandboxLedger ledger, IOptions<SandboxOptions> options)
    {
        var billId = RawPath.BillId(context);
        var (form, refusal) = await ReadAuthorizedFormAsync(context, options, prvId, CancelBillForm.FromForm);
        if (form is null)
        {
            return refusal!;
        }

        return form.Status == "rejected" ? Reply(context, ledger.Cancel(prvId, billId)) : ApiReply.Error(context, ResultCode.IncorrectData);
    }

    private static async Task<IResult> CreateRefund(HttpContext context, long prvId, SandboxLedger ledger, IOptions<SandboxOptions> options)
    {
        var billId = RawPath.BillId(context);
        var refundId = RawPath.RefundId(context);
        var (form, refusal) = await ReadAuthorizedFormAsync(context, options, prvId, CreateRefundForm.FromForm);
        if (form is null)
        {
            return refusal!;
        }

        if (!QiwiPullPatterns.CreateRefundRefundId.IsMatch(refundId) || form.Amount <= 0 || form.Amount != QiwiFormat.Round(form.Amount, 2, QiwiRounding.Down))
        {
            return ApiReply.Error(context, ResultCode.IncorrectData);
        }

        return Reply(context, ledger.CreateRefund(prvId, billId, refundId, form.Amount));
    }

    /// <summary>The request's form, read after its authorization; or the reply that refuses it (150, 341, 5).</summary>
    private static async Task<(T? Form, IResult? Refusal)> ReadAuthorizedFormAsync<T>(HttpContext context, IOptions<SandboxOptions> options, long prvId, Func<List<KeyValuePair<string, string>>, T> parse)
        where T : class
    {
        if (ApiAuthorization.Authorize(options.Value.EffectiveShops, prvId, context.Request.Headers.Authorization) is null)
        {
            return (null, ApiReply.Error(context, ResultCode.AuthorizationError));
        }

        var (form, code) = await FormInput.ReadAsync(context.Request, parse);
        return form is null ? (null, ApiReply.Error(context, code)) : (form, null);
    }

    private static IResult Authorized(HttpContext context, IOptions<SandboxOptions> options, long prvId, Func<SandboxShop, IResult> action)
    {
        var shop = ApiAuthorization.Authorize(options.Value.EffectiveShops, prvId, context.Request.Headers.Authorization);
        return shop is null ? ApiReply.Error(context, ResultCode.AuthorizationError) : action(shop);
    }

    private static IResult Reply(HttpContext context, LedgerResult<Bill> result)
        => result.Value is { } bill ? ApiReply.Bill(context, bill) : ApiReply.Error(context, result.Code);

    private static IResult Reply(HttpContext context, LedgerResult<Contract.Refund> result)
        => result.Value is { } refund ? ApiReply.Refund(context, refund) : ApiReply.Error(context, result.Code);
}
