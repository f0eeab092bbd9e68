using System.Globalization;
using System.Net;
using System.Text;
using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Checkout;

/// <summary>The HTML pages of the emulated checkout: plain forms, readable and usable without JavaScript.</summary>
internal static class CheckoutPage
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#222}"
        + "table{border-collapse:collapse;margin:1rem 0}td,th{text-align:left;padding:.3rem .8rem .3rem 0}"
        + "button{font-size:1rem;padding:.5rem 1rem;margin:.3rem .5rem .3rem 0}.note{color:#555}";

    public static string Invoice(long shopId, Bill bill, PaySource paySource, string? successUrl, string? failUrl, string? shownFirst = null)
    {
        var body = new StringBuilder();
        body.Append("<h1>QIWI Sandbox checkout</h1>");
        body.Append("<table>");
        Row(body, "Shop", shopId.ToString(CultureInfo.InvariantCulture));
        Row(body, "Invoice", bill.BillId);
        Row(body, "Amount", bill.Amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + bill.Currency);
        Row(body, "Comment", bill.Comment ?? string.Empty);
        Row(body, "Payer", bill.User);
        Row(body, "Status", bill.Status.ToWireValue());
        if (!string.IsNullOrEmpty(shownFirst))
        {
            // pay_source: the payment method the page shows first (CheckoutPaySource: qw, mobile, card, wm, ssk).
            Row(body, "Payment method shown first", shownFirst);
        }

        body.Append("</table>");
        if (bill.Status != BillStatus.Waiting)
        {
            body.Append("<p>This invoice is ").Append(Encode(bill.Status.ToWireValue())).Append(" and cannot be paid.</p>");
            return Page("Invoice " + bill.BillId, body.ToString());
        }

        var hidden = Hidden("shop", shopId.ToString(CultureInfo.InvariantCulture)) + Hidden("transaction", bill.BillId)
            + Hidden("successUrl", successUrl) + Hidden("failUrl", failUrl);
        // The id also rides in the form's address: a browser turns every CR and LF of a posted field into CRLF, so an id
        // with a lone CR or LF (the spec allows both) would come back from the hidden field as another invoice's id.
        var id = Encode("?transaction=" + Uri.EscapeDataString(bill.BillId));
        if (paySource == PaySource.Mobile)
        {
            body.Append("<p class=\"note\">Mobile Commerce: the operator has sent an SMS to ").Append(Encode(bill.User))
                .Append(". Answer it as the customer would:</p>");
            body.Append("<form method=\"post\" action=\"/form/sms-confirm").Append(id).Append("\">").Append(hidden).Append("<button type=\"submit\" id=\"sms-confirm\">Confirm by SMS</button></form>");
            body.Append("<form method=\"post\" action=\"/form/sms-decline").Append(id).Append("\">").Append(hidden).Append("<button type=\"submit\" id=\"sms-decline\">Decline by SMS</button></form>");
        }
        else
        {
            body.Append("<form method=\"post\" action=\"/form/pay").Append(id).Append("\">").Append(hidden).Append("<button type=\"submit\" id=\"pay\">Pay</button></form>");
            body.Append("<form method=\"post\" action=\"/form/reject").Append(id).Append("\">").Append(hidden).Append("<button type=\"submit\" id=\"reject\">Reject</button></form>");
            body.Append("<form method=\"post\" action=\"/form/fail").Append(id).Append("\">").Append(hidden).Append("<button type=\"submit\" id=\"fail\">Fail the payment</button></form>");
        }

        return Page("Pay invoice " + bill.BillId, body.ToString());
    }

    public static string Message(string title, string text) => Page(title, "<h1>" + Encode(title) + "</h1><p>" + Encode(text) + "</p>");

    /// <summary>The web form's page for what the merchant left out (phone, amount): the payer fills it in.</summary>
    public static string WebFormInput(IEnumerable<KeyValuePair<string, string>> given)
    {
        var body = new StringBuilder("<h1>QIWI Sandbox invoice form</h1><form method=\"get\" action=\"/order/external/create.action\">");
        var known = given.ToDictionary(p => p.Key, p => p.Value);
        foreach (var pair in known.Where(p => p.Key is not ("to" or "summ" or "comm")))
        {
            body.Append(Hidden(pair.Key, pair.Value));
        }

        body.Append("<p><label>Phone <input name=\"to\" id=\"to\" value=\"").Append(Encode(known.GetValueOrDefault("to", "+7"))).Append("\"></label></p>");
        body.Append("<p><label>Amount <input name=\"summ\" id=\"summ\" value=\"").Append(Encode(known.GetValueOrDefault("summ", string.Empty))).Append("\"></label></p>");
        body.Append("<p><label>Comment <input name=\"comm\" id=\"comm\" value=\"").Append(Encode(known.GetValueOrDefault("comm", string.Empty))).Append("\"></label></p>");
        body.Append("<button type=\"submit\" id=\"issue\">Issue the invoice</button></form>");
        return Page("Invoice form", body.ToString());
    }

    private static void Row(StringBuilder body, string name, string value)
        => body.Append("<tr><th>").Append(Encode(name)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");

    private static string Hidden(string name, string? value)
        => value is null ? string.Empty : "<input type=\"hidden\" name=\"" + Encode(name) + "\" value=\"" + Encode(value) + "\">";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, string body)
        => "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Encode(title) + "</title><style>" + Style + "</style></head><body>" + body + "</body></html>";
}
