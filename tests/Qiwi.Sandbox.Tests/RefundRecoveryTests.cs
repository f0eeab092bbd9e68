using Qiwi.Runtime;
using Qiwi.Sandbox.Shops;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Faults after the ledger commits, through the generated client: a write that took effect is reported as
/// done, whichever way the sandbox answers a repeated refund_id.
/// </summary>
public sealed class RefundRecoveryTests
{
    public static TheoryData<RepeatedRefundId, string, int> AfterCommitFaults()
    {
        var data = new TheoryData<RepeatedRefundId, string, int>();
        foreach (var mode in new[] { RepeatedRefundId.ExistingRefund, RepeatedRefundId.Error })
        {
            data.Add(mode, "drop", 0);
            data.Add(mode, "http500", 0);
            data.Add(mode, "resultCode", 13);
            data.Add(mode, "resultCode", 300);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AfterCommitFaults))]
    public async Task A_refund_whose_answer_is_lost_after_commit_is_reported_done_once(RepeatedRefundId mode, string kind, int code)
    {
        await using var f = await SandboxFixture.StartAsync(repeatedRefundId: mode);
        var client = f.CreateClient(QiwiMediaType.Json, maxAttempts: 3);
        await f.CreateBillAsync("RR-1", 10m);
        await f.PayAsync("RR-1");
        await f.InjectAsync(new { kind, resultCode = code, phase = "after" });
        await f.InjectAsync(new { kind = "resultCode", resultCode = 13 }); // and the next request meets "busy"

        var refund = await client.CreateRefundAsync("RR-1", "R1", 4m);

        Assert.Equal(("R1", 4m), (refund.RefundId, refund.Amount));
        var invoice = Assert.Single(await f.LedgerAsync());
        var stored = Assert.Single(invoice.Refunds);
        Assert.Equal(("R1", 4m), (stored.RefundId, stored.Amount));
    }

    [Theory]
    [InlineData(RepeatedRefundId.ExistingRefund)]
    [InlineData(RepeatedRefundId.Error)]
    public async Task A_refund_the_sandbox_never_got_is_sent_again_after_the_read(RepeatedRefundId mode)
    {
        await using var f = await SandboxFixture.StartAsync(repeatedRefundId: mode);
        var client = f.CreateClient(QiwiMediaType.Json, maxAttempts: 3);
        await f.CreateBillAsync("RR-2", 10m);
        await f.PayAsync("RR-2");
        await f.InjectAsync(new { kind = "drop" }); // before the ledger: nothing happened

        var refund = await client.CreateRefundAsync("RR-2", "R1", 4m);

        Assert.Equal("R1", refund.RefundId);
        Assert.Equal(4m, Assert.Single(Assert.Single(await f.LedgerAsync()).Refunds).Amount);
    }

    [Theory]
    [InlineData(RepeatedRefundId.ExistingRefund, true)]
    [InlineData(RepeatedRefundId.Error, false)]
    public async Task A_repeated_refund_id_is_answered_as_configured(RepeatedRefundId mode, bool existing)
    {
        await using var f = await SandboxFixture.StartAsync(repeatedRefundId: mode);
        await f.CreateBillAsync("RR-3", 10m);
        await f.PayAsync("RR-3");
        await f.Client.CreateRefundAsync("RR-3", "R1", 4m);

        if (existing)
        {
            Assert.Equal(4m, (await f.Client.CreateRefundAsync("RR-3", "R1", 4m)).Amount);
        }
        else
        {
            Assert.Equal((int)ResultCode.IncorrectData, (await Assert.ThrowsAsync<QiwiApiException>(() => f.Client.CreateRefundAsync("RR-3", "R1", 4m))).ResultCode);
        }

        Assert.Single(Assert.Single(await f.LedgerAsync()).Refunds);
    }

    [Theory]
    [InlineData("drop")]
    [InlineData("http500")]
    public async Task A_cancel_whose_answer_is_lost_after_commit_is_done_and_a_repeat_answers_the_rejected_invoice(string kind)
    {
        await using var f = await SandboxFixture.StartAsync();
        var client = f.CreateClient(QiwiMediaType.Json, maxAttempts: 3);
        await f.CreateBillAsync("RC-1", 10m);
        await f.InjectAsync(new { kind, phase = "after" });
        await f.InjectAsync(new { kind = "resultCode", resultCode = 300 }); // the status read is refused once: the client re-reads

        var bill = await client.CancelBillAsync("RC-1");

        Assert.Equal(BillStatus.Rejected, bill.Status);
        // The sandbox answers a repeated cancel of a rejected invoice with that invoice (docs/sandbox.md).
        Assert.Equal(BillStatus.Rejected, (await f.Client.CancelBillAsync("RC-1")).Status);
        Assert.Equal("rejected", Assert.Single(await f.LedgerAsync()).Status);
    }

    [Fact]
    public async Task An_invoice_whose_answer_is_lost_after_commit_and_whose_retries_meet_13_is_returned()
    {
        await using var f = await SandboxFixture.StartAsync();
        var client = f.CreateClient(QiwiMediaType.Json, maxAttempts: 3);
        await f.InjectAsync(new { kind = "drop", phase = "after" });
        await f.InjectAsync(new { kind = "resultCode", resultCode = 13, count = 2 });

        var bill = await client.CreateBillAsync("RB-1", "tel:+79031234567", 10m, "RUB", "test", f.Tomorrow);

        Assert.Equal("RB-1", bill.BillId);
        Assert.Single(await f.LedgerAsync());
    }

    [Fact]
    public async Task An_unknown_fault_kind_is_refused_by_the_control_API()
    {
        await using var f = await SandboxFixture.StartAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => f.InjectAsync(new { kind = "explode" }));
    }
}
