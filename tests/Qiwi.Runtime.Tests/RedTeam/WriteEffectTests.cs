using System.Net;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>
/// Red team: a write answered 0 with a resource that does not show the write's effect (a refund or invoice of another
/// amount under the same id, an invoice a cancel left unrejected) is not reported as done. The status read decides
/// as it does for a lost answer: found with another amount is another resource (docs/runtime.md), so the write failed.
/// </summary>
public sealed class WriteEffectTests
{
    [Fact]
    public async Task A_refund_answered_with_the_ids_existing_refund_of_another_amount_is_not_reported_as_made()
    {
        // Was: returned as the refund made (amount 3.00 for a refund of 5.00 asked).
        using var f = new ClientFixture(maxAttempts: 3);
        f.Handler.Respond(HttpStatusCode.OK, Docs.RefundJson("REF1", "3.00")).Respond(HttpStatusCode.OK, Docs.RefundJson("REF1", "3.00"));

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.WithClockRunning(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m)));

        Assert.Contains("'amount' is not the one requested", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "PUT", "GET" }, f.Handler.Requests.Select(r => r.Method.Method)); // read, never re-sent
    }

    [Fact]
    public async Task An_invoice_answered_with_another_amount_is_not_reported_as_created()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        var other = Docs.BillWaitingJson.Replace("\"amount\":\"10.00\"", "\"amount\":\"20.00\"", StringComparison.Ordinal);
        f.Handler.Respond(HttpStatusCode.OK, other).Respond(HttpStatusCode.OK, other);

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.WithClockRunning(() => f.Client.CreateBillAsync("BILL-1", "tel:+79031234567", 10m, "RUB", "c", f.Tomorrow)));

        Assert.Contains("'amount' is not the one requested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_answered_with_an_invoice_still_waiting_is_not_reported_as_cancelled()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillWaitingJson).Respond(HttpStatusCode.OK, Docs.BillWaitingJson);

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.WithClockRunning(() => f.Client.CancelBillAsync("BILL-1")));

        Assert.Contains("'status' is not the one requested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_answered_with_its_own_effect_is_returned_at_once()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.OK, Docs.RefundJson("REF1", "5.00"))
            .Respond(HttpStatusCode.OK, Docs.BillWaitingJson)
            .Respond(HttpStatusCode.OK, Docs.BillRejectedJson);

        Assert.Equal(5m, (await f.Client.CreateRefundAsync("BILL-1", "REF1", 5m)).Amount);
        Assert.Equal(10m, (await f.Client.CreateBillAsync("BILL-1", "tel:+79031234567", 10.009m, "RUB", "c", f.Tomorrow)).Amount);
        Assert.Equal("rejected", (await f.Client.CancelBillAsync("BILL-1")).StatusWireValue);
        Assert.Equal(3, f.Handler.Requests.Count);
    }
}
