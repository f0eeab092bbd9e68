using System.Collections.Concurrent;
using Qiwi.Runtime;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Creates, payments, rejections, cancels and refunds of the same invoices racing over HTTP, in a seeded random
/// order: afterwards money was never counted twice (refunds within the amount, none on a rejected invoice, each
/// refund id once, every accepted refund in the ledger) and every answer was a documented one.
/// </summary>
public sealed class MixedOperationRaceTests
{
    private static readonly ResultCode[] Documented =
        [ResultCode.InvoiceNotFound, ResultCode.AmountTooLarge, ResultCode.OperationForbidden, ResultCode.BillAlreadyPaid, ResultCode.InvoiceAlreadyExists, ResultCode.IncorrectData];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Racing_operations_on_one_invoice_never_count_money_twice(int seed)
    {
        await using var f = await SandboxFixture.StartAsync();
        var random = new Random(seed);
        var bills = Enumerable.Range(0, 4).Select(i => $"MIX-{seed}-{i}").ToArray();
        var operations = bills.SelectMany(bill => Enumerable.Range(0, 24).Select(i => (Bill: bill, Kind: random.Next(6), Refund: "R" + random.Next(8), Amount: 0.5m * random.Next(1, 9))))
            .OrderBy(_ => random.Next()).ToArray();
        var accepted = new ConcurrentDictionary<(string Bill, string Refund), decimal>();
        var failures = new ConcurrentQueue<string>();

        // Whatever order the threads take: one invoice is paid before the race (its first refund is accepted, so the
        // race does reach refunds of a paid invoice) and one rejected (it stays so); the other two start from nothing.
        await f.CreateBillAsync(bills[0], amount: 10m);
        await Control(f, bills[0], "pay", failures);
        await f.CreateBillAsync(bills[1], amount: 10m);
        await Control(f, bills[1], "reject", failures);

        await Task.WhenAll(operations.Select(op => Task.Run(async () =>
        {
            try
            {
                switch (op.Kind)
                {
                    case 0:
                        await f.CreateBillAsync(op.Bill, amount: 10m);
                        break;
                    case 1 or 2:
                        await Control(f, op.Bill, op.Kind == 1 ? "pay" : "reject", failures);
                        break;
                    case 3:
                        await f.Client.CancelBillAsync(op.Bill);
                        break;
                    default:
                        var refund = await f.Client.CreateRefundAsync(op.Bill, op.Refund, op.Amount);
                        accepted.AddOrUpdate((op.Bill, op.Refund), refund.Amount, (_, before) => before == refund.Amount ? before : -1);
                        break;
                }
            }
            catch (QiwiApiException error) when (Documented.Contains((ResultCode)error.ResultCode))
            {
                // refused as documented: 210, 242, 78, 1419, 215, 5 (a refund id repeated with another amount)
            }
            catch (Exception error)
            {
                failures.Enqueue($"{op}: {error.GetType().Name} {(error as QiwiApiException)?.ResultCode} {error.Message}");
            }
        })));

        Assert.Empty(failures);
        var ledger = await f.LedgerAsync();
        foreach (var invoice in ledger)
        {
            Assert.True(invoice.Status is "waiting" or "paid" or "rejected", invoice.ToString());
            Assert.True(invoice.Status == "paid" || invoice.Refunds.Count == 0, $"refunds of an invoice never paid: {invoice}");
            Assert.True(invoice.Refunds.Sum(r => r.Amount) <= invoice.Amount, $"refunds above the amount: {invoice}");
            Assert.Equal(invoice.Refunds.Count, invoice.Refunds.Select(r => r.RefundId).Distinct().Count());
        }

        Assert.Contains(accepted, a => a.Key.Bill == bills[0]); // the race reached refunds of a paid invoice
        Assert.Equal("rejected", ledger.Single(i => i.BillId == bills[1]).Status);
        Assert.All(accepted, a => Assert.Equal(a.Value, Assert.Single(ledger.Single(i => i.BillId == a.Key.Bill).Refunds, r => r.RefundId == a.Key.Refund).Amount));
    }

    private static async Task Control(SandboxFixture f, string bill, string action, ConcurrentQueue<string> failures)
    {
        using var response = await f.ControlAsync($"bills/{f.ShopId}/{SandboxFixture.Segment(bill)}/{action}");
        if ((int)response.StatusCode is not (200 or 409))
        {
            failures.Enqueue($"{action} {bill}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
