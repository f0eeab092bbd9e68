using System.Collections.Concurrent;
using Qiwi.Runtime;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests.Chaos;

/// <summary>One chaos worker: a seeded sequence of invoice scenarios through the generated client, every call recorded.</summary>
internal sealed class ChaosWorker(QiwiPullClient client, HttpClient http, Uri baseUrl, long shopId, Random random, ConcurrentQueue<ChaosCall> calls, ConcurrentQueue<Exception> escaped)
{
    public async Task ScenarioAsync(string billId)
    {
        var amount = random.Next(100, 100_000) / 100m;
        var lifetime = DateTimeOffset.UtcNow.AddDays(1);
        if (await CallAsync("createBill", billId, null, amount, () => client.CreateBillAsync(billId, "tel:+79031234567", amount, "RUB", "chaos", lifetime)) != CallOutcome.Success)
        {
            return;
        }

        if (random.NextDouble() < 0.2)
        {
            await CallAsync("cancelBill", billId, null, 0m, () => client.CancelBillAsync(billId));
            return;
        }

        using (var paid = await http.PostAsync(new Uri(baseUrl, $"sandbox/control/bills/{shopId}/{billId}/pay"), null))
        {
            if (!paid.IsSuccessStatusCode)
            {
                return;
            }
        }

        var refunds = new List<(string Id, decimal Amount)>();
        var count = random.Next(1, 5);
        for (var j = 1; j <= count; j++)
        {
            var roll = random.NextDouble();
            if (roll < 0.2 && refunds.Count > 0)
            {
                var (id, previous) = refunds[random.Next(refunds.Count)];
                await RefundAsync(billId, id, previous); // the same refund again
            }
            else if (roll < 0.3 && refunds.Count > 0)
            {
                var (id, previous) = refunds[random.Next(refunds.Count)];
                await RefundAsync(billId, id, previous + 0.01m); // the same id with another amount
            }
            else if (roll < 0.55)
            {
                // Two refunds at once: distinct ids, or one id twice.
                var first = ("R" + j + "a", Part(amount));
                var second = random.Next(3) == 0 ? first : ("R" + j + "b", Part(amount));
                refunds.Add(first);
                refunds.Add(second);
                await Task.WhenAll(RefundAsync(billId, first.Item1, first.Item2), RefundAsync(billId, second.Item1, second.Item2));
            }
            else
            {
                var refund = ("R" + j, Part(amount));
                refunds.Add(refund);
                await RefundAsync(billId, refund.Item1, refund.Item2);
            }
        }
    }

    private decimal Part(decimal amount) => Math.Max(0.01m, decimal.Round(amount * (decimal)random.NextDouble() / 2, 2, MidpointRounding.ToZero));

    private async Task RefundAsync(string billId, string refundId, decimal amount)
    {
        // After "outcome unknown" the caller does what the exception says: the same id again.
        if (await CallAsync("createRefund", billId, refundId, amount, () => client.CreateRefundAsync(billId, refundId, amount)) == CallOutcome.Unknown)
        {
            await CallAsync("createRefund", billId, refundId, amount, () => client.CreateRefundAsync(billId, refundId, amount));
        }
    }

    private async Task<CallOutcome> CallAsync<T>(string kind, string billId, string? refundId, decimal amount, Func<Task<T>> call)
    {
        CallOutcome outcome;
        string? error = null;
        try
        {
            await call();
            outcome = CallOutcome.Success;
        }
        catch (QiwiOutcomeUnknownException)
        {
            outcome = CallOutcome.Unknown;
        }
        catch (QiwiException exception)
        {
            outcome = CallOutcome.Failed;
            error = exception is QiwiApiException api ? "code " + api.ResultCode : exception.GetType().Name;
        }
        catch (Exception exception)
        {
            escaped.Enqueue(exception);
            outcome = CallOutcome.Failed;
            error = exception.GetType().Name;
        }

        calls.Enqueue(new ChaosCall(kind, billId, refundId, amount, outcome, error));
        return outcome;
    }
}
