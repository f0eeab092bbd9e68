using System.Net;
using System.Text;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests;

/// <summary>Every operation sends what the docs say, and reads both media types.</summary>
public sealed class OperationTests
{
    [Fact]
    public async Task Create_bill_sends_put_with_the_form_in_utf8_and_reads_the_bill()
    {
        using var f = new ClientFixture();
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillWaitingJson);

        var bill = await f.Client.CreateBillAsync("BILL-1", "tel:+79161234567", 10m, Currency.Rub, "Покупка & +=", new DateTimeOffset(2026, 1, 11, 12, 0, 0, TimeSpan.Zero), PaySource.Mobile, "Special packages");

        var request = Assert.Single(f.Handler.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("https://api.qiwi.test/api/v2/prv/373712/bills/BILL-1", request.Uri.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.ContentType);
        Assert.Equal(
            "user=tel%3A%2B79161234567&amount=10.00&ccy=RUB&comment=" + Uri.EscapeDataString("Покупка & +=") + "&lifetime=2026-01-11T15%3A00%3A00&pay_source=mobile&prv_name=Special%20packages",
            request.Body);
        Assert.Equal("BILL-1", bill.BillId);
        Assert.Equal(10.00m, bill.Amount);
        Assert.Equal(BillStatus.Waiting, bill.Status);
        Assert.False(bill.Status.IsFinal());
    }

    [Fact]
    public async Task Status_cancel_refund_and_refund_status_use_the_documented_methods_paths_and_bodies()
    {
        using var f = new ClientFixture();
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillPaidJson).Respond(HttpStatusCode.OK, Docs.BillRejectedJson)
            .Respond(HttpStatusCode.OK, Docs.RefundSuccessJson).Respond(HttpStatusCode.OK, Docs.RefundSuccessJson);

        var paid = await f.Client.GetBillStatusAsync("BILL-1");
        var rejected = await f.Client.CancelBillAsync("BILL-1");
        var refund = await f.Client.CreateRefundAsync("BILL-1", "REF1", 5.009m);
        var refundStatus = await f.Client.GetRefundStatusAsync("BILL-1", "REF1");

        var r = f.Handler.Requests;
        Assert.Equal((HttpMethod.Get, "/api/v2/prv/373712/bills/BILL-1", (string?)null), (r[0].Method, r[0].Uri.AbsolutePath, r[0].Body));
        Assert.Equal((HttpMethod.Patch, "/api/v2/prv/373712/bills/BILL-1", (string?)"status=rejected"), (r[1].Method, r[1].Uri.AbsolutePath, r[1].Body));
        Assert.Equal((HttpMethod.Put, "/api/v2/prv/373712/bills/BILL-1/refund/REF1", (string?)"amount=5.00"), (r[2].Method, r[2].Uri.AbsolutePath, r[2].Body));
        Assert.Equal((HttpMethod.Get, "/api/v2/prv/373712/bills/BILL-1/refund/REF1", (string?)null), (r[3].Method, r[3].Uri.AbsolutePath, r[3].Body));
        Assert.Equal((BillStatus.Paid, 10.00m, "RUB"), (paid.Status, paid.OriginAmount!.Value, paid.OriginCurrency!));
        Assert.Equal(BillStatus.Rejected, rejected.Status);
        Assert.Equal((RefundStatus.Success, 5.00m), (refund.Status, refund.Amount));
        Assert.True(refundStatus.Status.IsFinal());
    }

    [Fact]
    public async Task Xml_is_asked_for_and_read_when_the_client_is_set_to_xml()
    {
        using var f = new ClientFixture(QiwiMediaType.Xml);
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillRejectedXml, "text/xml").Respond(HttpStatusCode.OK, Docs.RefundSuccessXml, "application/xml");

        var bill = await f.Client.GetBillStatusAsync("BILL-1");
        var refund = await f.Client.GetRefundStatusAsync("BILL-1", "REF1");

        Assert.Equal("application/xml", f.Handler.Requests[0].Headers["Accept"]);
        Assert.Equal((BillStatus.Rejected, "tel:+79161234567"), (bill.Status, bill.User));
        Assert.Equal(5.0m, refund.Amount);
    }

    [Fact]
    public async Task Every_request_carries_basic_authorization_json_accept_and_the_user_agent()
    {
        using var f = new ClientFixture();
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillPaidJson);

        await f.Client.GetBillStatusAsync("BILL-1");

        var headers = f.Handler.Requests[0].Headers;
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("23441234:453Fdgd44-secret")), headers["Authorization"]);
        Assert.Equal("application/json", headers["Accept"]);
        Assert.Matches(@"^Qiwi\.Toolkit/\d+\.\d+\.\d+.* \(\.NET .+\)$", headers["User-Agent"]);
    }

    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a?b#c", "a%3Fb%23c")]
    [InlineData("100%", "100%25")]
    [InlineData("..", "%2E%2E")]
    [InlineData(".", "%2E")]
    [InlineData("a/../b", "a%2F..%2Fb")]
    [InlineData("счёт 1", "%D1%81%D1%87%D1%91%D1%82%201")]
    public async Task A_bill_id_is_one_path_segment_whatever_it_holds(string billId, string encoded)
    {
        using var f = new ClientFixture();
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillPaidJsonFor(billId));

        await f.Client.GetBillStatusAsync(billId);

        var uri = f.Handler.Requests[0].Uri;
        Assert.Equal("/api/v2/prv/373712/bills/" + encoded, uri.AbsolutePath);
        Assert.Equal(7, uri.Segments.Length); // "/", "api/", "v2/", "prv/", "373712/", "bills/", the bill id
        Assert.Equal(string.Empty, uri.Query);
        Assert.Equal(billId, Uri.UnescapeDataString(uri.Segments[^1]));
    }
}
