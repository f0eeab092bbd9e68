using System.Collections.Concurrent;
using System.Text.Json;
using Qiwi.Runtime;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Mobile Commerce invoices ([MOBILE]) raced over HTTP in a seeded random order: the payer's reply SMS (confirm,
/// decline, repeated), the merchant's cancel, refunds, status reads and the clock moving past their lifetimes. Afterwards
/// every invoice is in one final status that every answer agrees with, money is counted once, each final status has
/// exactly one notification with that status, and every refusal carries the code that final status implies.
/// </summary>
public sealed class MobileCommerceRaceTests
{
    private const int Invoices = 12;

    [Theory]
    [InlineData(601)]
    [InlineData(602)]
    [InlineData(603)]
    public async Task Racing_sms_replies_cancels_refunds_and_expiry_leave_one_final_status_and_count_money_once(int seed)
    {
        await using var sink = await NotificationSink.StartAsync();
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(new { notification_url = sink.Url.ToString() });
        var random = new Random(seed);
        var start = f.Host.Clock.GetUtcNow();
        var bills = Enumerable.Range(0, Invoices).Select(i => $"MOB-{seed}-{i}").ToArray();
        var amounts = bills.ToDictionary(b => b, _ => random.Next(2, 40) * 0.5m);
        foreach (var bill in bills)
        {
            // Lifetimes 1 to 6 hours away: the clock advances in the race pass some of them, never all.
            var created = await f.Client.CreateBillAsync(bill, "tel:+7916" + random.Next(1000000, 9999999), amounts[bill], "RUB", "race", start.AddHours(random.Next(1, 7)), PaySource.Mobile);
            Assert.Equal(BillStatus.Waiting, created.Status);
        }

        // Every fourth invoice gets no reply SMS and no cancel (refunds and reads only), so it is left to expire, racing the clock.
        var operations = bills.SelectMany((bill, i) => Enumerable.Range(0, 16).Select(_ => (Bill: bill, Kind: i % 4 == 3 ? random.Next(4, 7) : random.Next(7), Refund: "R" + random.Next(4), Amount: 0.5m * random.Next(1, 12))))
            .Concat(Enumerable.Range(0, 6).Select(_ => (Bill: string.Empty, Kind: 7, Refund: string.Empty, Amount: 0m)))
            .OrderBy(_ => random.Next()).ToArray();

        // What each answer said, checked against the final statuses once the race is over.
        var answers = new ConcurrentQueue<(string Bill, string Action, int Code, string? Status)>();
        var accepted = new ConcurrentDictionary<(string Bill, string Refund), decimal>();
        var failures = new List<string>();

        await Task.WhenAll(operations.Select(op => Task.Run(async () =>
        {
            try
            {
                switch (op.Kind)
                {
                    case 0 or 1 or 2:
                        // Confirm twice as often as decline: repeated confirms race each other and the decline.
                        var action = op.Kind == 2 ? "sms/decline" : "sms/confirm";
                        var (smsCode, smsStatus) = await Sms(f, op.Bill, action, failures);
                        answers.Enqueue((op.Bill, action, smsCode, smsStatus));
                        break;
                    case 3:
                        var (cancelCode, cancelStatus) = await Api(async () => await f.Client.CancelBillAsync(op.Bill));
                        answers.Enqueue((op.Bill, "cancel", cancelCode, cancelStatus));
                        break;
                    case 4 or 5:
                        var (code, status) = await Api(async () =>
                        {
                            var refund = await f.Client.CreateRefundAsync(op.Bill, op.Refund, op.Amount);
                            accepted.AddOrUpdate((op.Bill, op.Refund), refund.Amount, (_, before) => before == refund.Amount ? before : -1);
                            return null;
                        });
                        answers.Enqueue((op.Bill, "refund", code, status));
                        break;
                    case 6:
                        var (readCode, readStatus) = await Api(async () => await f.Client.GetBillStatusAsync(op.Bill));
                        answers.Enqueue((op.Bill, "status", readCode, readStatus));
                        break;
                    default:
                        await f.AdvanceAsync(TimeSpan.FromMinutes(50));
                        break;
                }
            }
            catch (Exception error)
            {
                RaceWorkers.Fail(failures, $"{op}: {error.GetType().Name} {error.Message}");
            }
        })));
        Assert.Empty(failures);

        // Past every lifetime: nothing is left waiting.
        await f.AdvanceAsync(TimeSpan.FromDays(1));
        var ledger = (await f.LedgerAsync()).ToDictionary(e => e.BillId);
        var final = bills.ToDictionary(b => b, b => ledger[b].Status);
        Assert.All(final, p => Assert.True(p.Value is "paid" or "rejected" or "expired", $"{p.Key} ended {p.Value}"));

        // The race reached what it is for: each final status, refused repeats, accepted refunds.
        Assert.Equal(["expired", "paid", "rejected"], final.Values.Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(answers, a => a.Action == "sms/confirm" && a.Code == (int)ResultCode.BillAlreadyPaid);
        Assert.NotEmpty(accepted);

        // Every answer agrees with the one final status, and every refusal has the code that status implies.
        foreach (var (bill, action, code, status) in answers)
        {
            var end = final[bill];
            var expected = (action, end) switch
            {
                ("sms/confirm", "paid") => code == 0 ? 0 : (int)ResultCode.BillAlreadyPaid,
                ("sms/decline", "rejected") => code == 0 ? 0 : (int)ResultCode.OperationForbidden,
                ("cancel", "rejected") => 0,   // a repeated cancel answers as the first
                ("sms/confirm" or "sms/decline" or "cancel", "paid") => (int)ResultCode.BillAlreadyPaid,
                ("sms/confirm" or "sms/decline" or "cancel", _) => (int)ResultCode.OperationForbidden,
                // 78 when it came before the confirm; 242 above what is left; 5 a refund id repeated with another amount
                ("refund", "paid") => code is 0 or (int)ResultCode.OperationForbidden or (int)ResultCode.AmountTooLarge or (int)ResultCode.IncorrectData ? code : -1,
                ("refund", _) => (int)ResultCode.OperationForbidden,
                _ => 0,   // a status read
            };
            Assert.True(code == expected, $"{action} {bill} answered {code} ({status}); it ended {end}, so {expected} was due");
            Assert.True(status is null or "waiting" || status == end, $"{action} {bill} answered status {status}; it ended {end}");
        }

        // Money: only paid invoices hold money, refunds never exceed it, every accepted refund is there once.
        foreach (var (bill, entry) in ledger)
        {
            Assert.Equal(amounts[bill], entry.Amount);
            Assert.True(entry.Status == "paid" || entry.Refunds.Count == 0, $"refunds of an invoice never paid: {entry}");
            Assert.True(entry.Refunds.Sum(r => r.Amount) <= entry.Amount, $"refunds above the amount: {entry}");
            Assert.Equal(entry.Refunds.Count, entry.Refunds.Select(r => r.RefundId).Distinct().Count());
        }

        Assert.All(accepted, a => Assert.Equal(a.Value, Assert.Single(ledger[a.Key.Bill].Refunds, r => r.RefundId == a.Key.Refund).Amount));
        var paidTotal = final.Where(p => p.Value == "paid").Sum(p => amounts[p.Key]);
        Assert.Equal(paidTotal, ledger.Values.Where(e => e.Status == "paid").Sum(e => e.Amount));

        // Exactly one notification per invoice, with its final status, and each delivered once to the merchant.
        using var log = JsonDocument.Parse(await f.NotificationLogAsync());
        var records = log.RootElement.EnumerateArray().Select(r => (Bill: r.GetProperty("bill_id").GetString()!, Status: r.GetProperty("status").GetString()!)).ToList();
        Assert.Equal(bills.OrderBy(b => b, StringComparer.Ordinal), records.Select(r => r.Bill).OrderBy(b => b, StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(final[r.Bill], r.Status));
        await WaitForAsync(() => sink.Bodies.Count >= Invoices);
        var delivered = sink.Bodies.Select(body => System.Web.HttpUtility.ParseQueryString(body)).Select(q => (Bill: q["bill_id"]!, Status: q["status"]!)).ToList();
        Assert.Equal(records.OrderBy(r => r.Bill, StringComparer.Ordinal), delivered.OrderBy(r => r.Bill, StringComparer.Ordinal));

        // Statuses were never seen to change after being final (the reads above), and do not change now.
        await f.AdvanceAsync(TimeSpan.FromDays(50));
        Assert.Equal(final, (await f.LedgerAsync()).ToDictionary(e => e.BillId, e => e.Status));
    }

    /// <summary>The payer's reply SMS through the control API: 200 with the status, or 409 with a result code; anything else is a failure.</summary>
    private static async Task<(int Code, string? Status)> Sms(SandboxFixture f, string bill, string action, List<string> failures)
    {
        using var response = await f.ControlAsync($"bills/{f.ShopId}/{SandboxFixture.Segment(bill)}/{action}");
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode is not (200 or 409))
        {
            RaceWorkers.Fail(failures, $"{action} {bill}: HTTP {(int)response.StatusCode} {body}");
            return (-1, null);
        }

        using var json = JsonDocument.Parse(body);
        return response.IsSuccessStatusCode ? (0, json.RootElement.GetProperty("status").GetString()) : (json.RootElement.GetProperty("result_code").GetInt32(), null);
    }

    /// <summary>An API call: 0 and the invoice's status, or the result code it was refused with.</summary>
    private static async Task<(int Code, string? Status)> Api(Func<Task<Bill?>> call)
    {
        try
        {
            return (0, (await call())?.Status.ToWireValue());
        }
        catch (QiwiApiException refused)
        {
            return (refused.ResultCode, null);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
