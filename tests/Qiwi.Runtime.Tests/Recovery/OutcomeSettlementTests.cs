using System.Globalization;
using System.Net;
using Qiwi.Runtime.Serialization;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Recovery;

/// <summary>
/// The status read that settles a write whose answer was lost judges what it found by the write's own success check
/// (an amount by <see cref="QiwiPayloadChecks.EchoDecimal"/>), the comparison a received answer gets: the verdict must
/// be the one the wire-text comparison gave (seeded requested amounts of scales 0 to 6 around the rounding edges, found
/// amounts of the spec's two places written in several textual forms), on both places the policy settles (a createBill
/// whose attempts ran out, a createRefund read before it is re-sent); a found amount in another text is this write's
/// effect exactly when its value is.
/// </summary>
public sealed class OutcomeSettlementTests
{
    [Theory]
    [InlineData(20261126)]
    [InlineData(31)]
    public async Task The_settlements_verdict_is_the_wire_texts_for_seeded_amounts(int seed)
    {
        var random = new Random(seed);
        var (done, notDone) = (0, 0);
        for (var i = 0; i < 600; i++)
        {
            var requested = Requested(random);
            var found = random.Next(3) == 0 ? decimal.Round(requested, 2, MidpointRounding.ToZero) : Found(random, requested);
            var text = Form(random, found);
            var refund = random.Next(2) == 0;
            var byText = QiwiFormat.Decimal(found, 2, QiwiRounding.Down) == QiwiFormat.Decimal(requested, 2, QiwiRounding.Down);

            var outcome = await SettleAsync(refund, requested, text);

            Assert.True(outcome == (byText ? Outcome.Done : Outcome.NotDone), $"{(refund ? "createRefund" : "createBill")} of {requested} read back as \"{text}\": {outcome}, the wire texts say {(byText ? "done" : "not done")}");
            (done, notDone) = byText ? (done + 1, notDone) : (done, notDone + 1);
        }

        Assert.True(done > 100 && notDone > 100, $"both verdicts must be tried: {done} done, {notDone} not");
    }

    [Theory]
    [InlineData("\"10.5\"")]
    [InlineData("\"10.50\"")]
    [InlineData("\"10.500\"")]
    [InlineData("\"010.50\"")]
    [InlineData("\"00010.5\"")]
    [InlineData("\"1.05e1\"")]
    [InlineData("\"1e1\"")]
    [InlineData("\"10\"")]
    [InlineData("\"10.51\"")]
    [InlineData("\"10.49\"")]
    [InlineData("\"+10.5\"")]
    [InlineData("\" 10.5\"")]
    [InlineData("\"10,5\"")]
    [InlineData("\"10.505\"")]
    [InlineData("10.5")]
    [InlineData("10.50")]
    [InlineData("1.05e1")]
    [InlineData("1e1")]
    [InlineData("105E-1")]
    public async Task An_ambiguous_create_bill_read_back_in_another_text_is_done_exactly_when_the_value_matches(string amountJson)
    {
        // What the read makes of the text, asked of the read itself: its value, or its refusal.
        using var read = new ClientFixture(maxAttempts: 1);
        read.Handler.Respond(HttpStatusCode.OK, BillJson(amountJson));
        decimal? value;
        try
        {
            value = (await read.Client.GetBillStatusAsync("BILL-1")).Amount;
        }
        catch (QiwiProtocolException)
        {
            value = null;
        }

        var outcome = await SettleAsync(refund: false, 10.5m, amountJson);

        var expected = value is null ? Outcome.Unknown : value == 10.5m ? Outcome.Done : Outcome.NotDone;
        Assert.Equal(expected, outcome);
        if (amountJson is "\"10.5\"" or "\"10.50\"" or "10.5" or "10.50")
        {
            Assert.Equal(Outcome.Done, outcome);   // the forms the docs' examples and the sandbox use are read, and match
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_call_with_a_check_is_settled_by_the_check_not_by_the_reads_own_predicate(bool checkPasses)
    {
        using var f = new PipelineFixture();
        f.Handler.Fail(new HttpRequestException("connection reset")).Respond(HttpStatusCode.OK, """{"response":{"result_code":0,"bill":{"bill_id":"B1"}}}""");
        var request = PipelineFixture.CreateBill("B1", ("amount", "10.00"));
        var call = new QiwiCall<TestBill>(TestBillReader.Instance)
        {
            Check = _ => checkPasses ? null : "'amount' is not the one requested",
            OutcomeRead = new QiwiOutcomeRead<TestBill>("getBillStatus", token => f.SendAsync(PipelineFixture.GetBill("B1"), token), [210], tookEffect: _ => !checkPasses),
        };

        var task = f.Pipeline.SendAsync(request, call, CancellationToken.None);

        if (checkPasses)
        {
            Assert.Equal("B1", (await task).BillId);
        }
        else
        {
            await Assert.ThrowsAsync<QiwiTransportException>(() => task);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_call_without_a_check_is_settled_by_the_reads_own_predicate(bool tookEffect)
    {
        using var f = new PipelineFixture();
        f.Handler.Fail(new HttpRequestException("connection reset")).Respond(HttpStatusCode.OK, """{"response":{"result_code":0,"bill":{"bill_id":"B1"}}}""");
        var call = new QiwiCall<TestBill>(TestBillReader.Instance)
        {
            OutcomeRead = new QiwiOutcomeRead<TestBill>("getBillStatus", token => f.SendAsync(PipelineFixture.GetBill("B1"), token), [210], tookEffect: _ => tookEffect),
        };

        var task = f.Pipeline.SendAsync(PipelineFixture.CreateBill("B1", ("amount", "10.00")), call, CancellationToken.None);

        if (tookEffect)
        {
            Assert.Equal("B1", (await task).BillId);
        }
        else
        {
            await Assert.ThrowsAsync<QiwiTransportException>(() => task);
        }
    }

    [Fact]
    public async Task A_read_with_nothing_to_judge_by_leaves_the_outcome_unknown_without_reading()
    {
        // The three-argument read is judged by the call's check; a hand-built call with neither cannot tell done from not done.
        using var f = new PipelineFixture();
        f.Handler.Fail(new HttpRequestException("connection reset")).Respond(HttpStatusCode.OK, """{"response":{"result_code":0,"bill":{"bill_id":"B1"}}}""");
        var reads = 0;
        var call = new QiwiCall<TestBill>(TestBillReader.Instance)
        {
            OutcomeRead = new QiwiOutcomeRead<TestBill>("getBillStatus", token => { reads++; return f.SendAsync(PipelineFixture.GetBill("B1"), token); }, [210]),
        };

        var unknown = await Assert.ThrowsAsync<QiwiOutcomeUnknownException>(() => f.Pipeline.SendAsync(PipelineFixture.CreateBill("B1", ("amount", "10.00")), call, CancellationToken.None));

        Assert.Equal("createBill", unknown.OperationId);
        Assert.Equal(0, reads);
        Assert.Null(call.OutcomeRead.TookEffect);
        Assert.Equal(QiwiOutcome.CannotTell, (await call.OutcomeRead.ResolveAsync(CancellationToken.None)).Outcome);
    }

    private enum Outcome
    {
        Done,
        NotDone,
        Unknown,
    }

    /// <summary>
    /// A write whose only answer is lost (the connection reset after sending), then the status read answering the amount as
    /// <paramref name="amountJson"/>: createBill runs out of attempts and is settled; createRefund is read before a re-send
    /// (a second attempt the fake server answers 242, and the read settles that as not done again).
    /// </summary>
    private static async Task<Outcome> SettleAsync(bool refund, decimal requested, string amountJson)
    {
        using var f = new ClientFixture(maxAttempts: refund ? 2 : 1);
        f.Handler.Fail(new HttpRequestException("connection reset"));
        var found = refund
            ? "{\"response\":{\"result_code\":0,\"refund\":{\"refund_id\":\"REF1\",\"amount\":" + amountJson + ",\"status\":\"success\",\"error\":0}}}"
            : BillJson(amountJson);
        f.Handler.Respond(HttpStatusCode.OK, found);
        if (refund)
        {
            // Not done: re-sent and refused, then settled by the read once more (the first attempt's outcome was unknown).
            f.Handler.Respond(HttpStatusCode.OK, Docs.ErrorJson(242)).Respond(HttpStatusCode.OK, found);
        }

        try
        {
            if (refund)
            {
                await f.WithClockRunning(() => f.Client.CreateRefundAsync("BILL-1", "REF1", requested));
            }
            else
            {
                await f.Client.CreateBillAsync("BILL-1", "tel:+79031234567", requested, "RUB", "test", f.Tomorrow);
            }

            return Outcome.Done;
        }
        catch (QiwiOutcomeUnknownException)
        {
            return Outcome.Unknown;
        }
        catch (QiwiException failed) when (failed is QiwiTransportException || (failed is QiwiApiException { ResultCode: 242 } && refund))
        {
            return Outcome.NotDone;
        }
    }

    private static string BillJson(string amountJson)
        => "{\"response\":{\"result_code\":0,\"bill\":{\"bill_id\":\"BILL-1\",\"amount\":" + amountJson + ",\"ccy\":\"RUB\",\"status\":\"waiting\",\"error\":0,\"user\":\"tel:+79031234567\",\"comment\":\"test\"}}}";

    /// <summary>A requested amount of scale 0 to 6, often at a rounding edge of the second place (x.xx5, x.xx9, x.xx0001).</summary>
    private static decimal Requested(Random random)
    {
        var cents = random.Next(1, 100_000);
        var tail = random.Next(5) switch
        {
            0 => 0m,
            1 => 0.005m,
            2 => 0.009m,
            3 => 0.000001m,
            _ => new decimal(random.Next(0, 1_000_000), 0, 0, false, 6) / 100m,
        };
        var amount = cents / 100m + tail;
        return decimal.Round(amount, random.Next(0, 7), MidpointRounding.ToZero) is var rounded && rounded >= 0.01m ? rounded : 0.01m;
    }

    /// <summary>A found amount of two places near <paramref name="requested"/> (a cent either way, or the same), or anywhere.</summary>
    private static decimal Found(Random random, decimal requested)
        => random.Next(3) == 0
            ? random.Next(1, 100_000) / 100m
            : Math.Max(0.01m, decimal.Round(requested, 2, MidpointRounding.ToZero) + (random.Next(3) - 1) * 0.01m);

    /// <summary>The found amount as the read may write it: a JSON string or number, two places or as few as it needs, leading zeros.</summary>
    private static string Form(Random random, decimal found) => random.Next(5) switch
    {
        0 => "\"" + found.ToString("0.00", CultureInfo.InvariantCulture) + "\"",
        1 => "\"" + found.ToString("0.##", CultureInfo.InvariantCulture) + "\"",
        2 => "\"00" + found.ToString("0.00", CultureInfo.InvariantCulture) + "\"",
        3 => found.ToString("0.00", CultureInfo.InvariantCulture),
        _ => found.ToString("0.0#", CultureInfo.InvariantCulture),
    };
}
