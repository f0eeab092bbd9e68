using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Qiwi.Runtime;
using Qiwi.Sandbox.Contract;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Checkout;

/// <summary>
/// The emulated QIWI pages: checkout (<c>/form</c> and the legacy <c>/order/external/main.action</c>), the
/// invoicing web form (<c>/order/external/create.action</c>, unsigned or signed), and the page's buttons,
/// which move the invoice and send the payer to successUrl or failUrl with <c>order=&lt;bill id&gt;</c>.
/// </summary>
internal static class CheckoutEndpoints
{
    private static readonly Dictionary<string, string> NumericCurrencies = new() { ["643"] = "RUB", ["978"] = "EUR", ["840"] = "USD", ["398"] = "KZT" };

    public static void MapCheckout(this IEndpointRouteBuilder app)
    {
        app.MapGet("/form", Show);
        app.MapGet("/order/external/main.action", Show);
        app.MapGet("/order/external/create.action", WebForm).WithMetadata(Persistence.ChangesState.Instance);   // issues an invoice: saved before its answer
        app.MapPost("/form/{action}", Act).DisableAntiforgery();
    }

    private static IResult Show(HttpContext context, SandboxLedger ledger)
    {
        var query = context.Request.Query;
        if (!long.TryParse(query["shop"], NumberStyles.None, CultureInfo.InvariantCulture, out var shopId) || string.IsNullOrEmpty(query["transaction"]))
        {
            return Html(CheckoutPage.Message("Cannot show the invoice", "The link needs 'shop' and 'transaction'."), StatusCodes.Status400BadRequest);
        }

        var (bill, paySource) = ledger.Describe(shopId, query["transaction"]!);
        return bill is null
            ? Html(CheckoutPage.Message("Invoice not found", "There is no invoice " + query["transaction"] + " of shop " + shopId + "."), StatusCodes.Status404NotFound)
            : Html(CheckoutPage.Invoice(shopId, bill, paySource, query["successUrl"], query["failUrl"], query["pay_source"]));
    }

    private static async Task<IResult> Act(HttpContext context, string action, SandboxLedger ledger)
    {
        IFormCollection form;
        try
        {
            form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        }
        catch (Exception exception) when (Qiwi.Shared.UnreadableForm.Is(exception) && !context.RequestAborted.IsCancellationRequested)
        {
            form = FormCollection.Empty;   // a body that is no readable form: as a page that lost the invoice
        }

        // The page puts the id in the form's address too (CheckoutPage.Invoice): taken from there first, since a browser
        // posts a field's CR and LF as CRLF; a post made by a script may carry it in the body alone.
        var query = context.Request.Query["transaction"];
        string? billId = string.IsNullOrEmpty(query) ? form["transaction"] : query;
        if (!long.TryParse(form["shop"], NumberStyles.None, CultureInfo.InvariantCulture, out var shopId) || string.IsNullOrEmpty(billId))
        {
            return Html(CheckoutPage.Message("Cannot continue", "The page lost the invoice."), StatusCodes.Status400BadRequest);
        }

        var (result, succeeded) = action switch
        {
            "pay" => (ledger.CheckoutMove(shopId, billId, BillStatus.Paid), true),
            "reject" => (ledger.CheckoutMove(shopId, billId, BillStatus.Rejected), false),
            "fail" => (ledger.CheckoutMove(shopId, billId, BillStatus.Unpaid), false),
            "sms-confirm" => (ledger.ReplySms(shopId, billId, confirm: true), true),
            "sms-decline" => (ledger.ReplySms(shopId, billId, confirm: false), false),
            _ => (LedgerResult<Bill>.Refuse(ResultCode.IncorrectData), false),
        };
        if (result.Value is null)
        {
            return Html(CheckoutPage.Message("Not done", result.Code.GetDescription() ?? result.Code.ToString()), StatusCodes.Status409Conflict);
        }

        var target = succeeded ? form["successUrl"].ToString() : form["failUrl"].ToString();
        return ReturnUrl.IsAcceptable(target)
            ? Results.Redirect(ReturnUrl.WithOrder(target, billId))
            : Html(CheckoutPage.Message(succeeded ? "Paid" : "Not paid", "Invoice " + billId + " is now " + result.Value.Status.ToWireValue() + "."));
    }

    private static IResult WebForm(HttpContext context, SandboxLedger ledger, IOptions<SandboxOptions> options, Hosting.SandboxClock time)
    {
        var query = context.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        if (!long.TryParse(query.GetValueOrDefault("from"), NumberStyles.None, CultureInfo.InvariantCulture, out var shopId)
            || options.Value.ShopById(shopId) is not { } shop)
        {
            return Html(CheckoutPage.Message("Unknown merchant", "'from' must be the Shop ID of a shop the sandbox knows."), StatusCodes.Status400BadRequest);
        }

        var signed = query.ContainsKey("api_id") || query.ContainsKey("sign");
        if (signed && (query.GetValueOrDefault("api_id") != shop.ApiId
            || !QiwiSignature.Verify(QiwiPullRedirects.WebFormSignature, query, shop.ApiPassword, query.GetValueOrDefault("sign"))))
        {
            return Html(CheckoutPage.Message("Signature check failed", "api_id and sign do not match the shop's API credentials."), StatusCodes.Status403Forbidden);
        }

        if (string.IsNullOrEmpty(query.GetValueOrDefault("to")) || string.IsNullOrEmpty(query.GetValueOrDefault("summ")))
        {
            return signed
                ? Html(CheckoutPage.Message("Incomplete request", "A signed web form needs 'summ' and 'to'."), StatusCodes.Status400BadRequest)
                : Html(CheckoutPage.WebFormInput(query));
        }

        var currency = query.GetValueOrDefault("currency") ?? string.Empty;
        currency = NumericCurrencies.GetValueOrDefault(currency, currency);
        var billId = query.GetValueOrDefault("txn_id") is { Length: > 0 } txn ? txn : "WF" + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var phone = query["to"].StartsWith('+') ? query["to"] : "+" + query["to"];
        var lifetimeText = query.GetValueOrDefault("lifetime");
        var lifetime = string.IsNullOrEmpty(lifetimeText) ? time.GetUtcNow().AddDays(28) : TryLifetime(lifetimeText);
        if (lifetime is null)
        {
            // Not the default in its place: the merchant (or, unsigned, whoever edited the link) asked for another one.
            return Html(CheckoutPage.Message("The invoice was not issued", "'lifetime' must be a Moscow time as yyyy-MM-ddTHHmm, such as 2026-12-31T2359."), StatusCodes.Status400BadRequest);
        }

        // The invoice the web form issues is read by the same generated reader as the API's, so both follow one rule
        // (an amount with more decimals is rounded down to two, as the docs say of amounts).
        var read = CreateBillForm.ReadForm(
        [
            new("user", "tel:" + phone), new("amount", query["summ"]), new("ccy", currency), new("comment", query.GetValueOrDefault("comm") ?? string.Empty),
            new("lifetime", QiwiFormat.DateTime(lifetime.Value, TimeSpan.FromHours(3), "yyyy-MM-ddTHH:mm:ss")),
        ], time);
        if (read.Value is not { } form)
        {
            var code = Api.FormInput.CodeOf(read.Problem!);
            return Html(CheckoutPage.Message("The invoice was not issued", Api.FormInput.Describe(code, read.Problem!.Description)), StatusCodes.Status400BadRequest);
        }

        var created = ledger.Create(shop, billId, form.User, form.Amount, form.Currency, form.Comment, form.Lifetime, PaySource.QiwiWallet, null);
        if (created.Value is null)
        {
            return Html(CheckoutPage.Message("The invoice was not issued", created.Code.GetDescription() ?? created.Code.ToString()), StatusCodes.Status400BadRequest);
        }

        // As QIWI does: the issued invoice goes straight on to checkout.
        var next = new List<KeyValuePair<string, string>> { new("shop", shopId.ToString(CultureInfo.InvariantCulture)), new("transaction", billId) };
        next.AddRange(query.Where(p => p.Key is "successUrl" or "failUrl" or "pay_source"));
        return Results.Redirect("/form?" + string.Join("&", next.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
    }

    private static DateTimeOffset? TryLifetime(string text)
    {
        try
        {
            return QiwiFormat.ParseDateTime(text, TimeSpan.FromHours(3), "yyyy-MM-ddTHHmm");
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
