using Qiwi.Runtime;
using Qiwi.Sandbox.Tests.Generated;
using Xunit.Abstractions;
using Qiwi.Testing;

namespace Qiwi.Sandbox.Tests.Soak;

/// <summary>
/// A sandbox that runs for months: 8 workers make thousands of API calls over a bounded set of bill ids (repeated creates
/// of one id, the PUT QIWI lets a shop repeat; status reads; cancels; refunds under repeated refund ids; reads of ids that
/// do not exist; calls with a wrong password). The sandbox keeps what it is told (each invoice, each refund), and nothing
/// per request: the ledger holds no more invoices than the ids used, and the heap after a full collection grows by no more
/// than a bound per thousand calls in either of two windows after a warm-up. QIWI_SOAK_CALLS sets the calls per window.
/// </summary>
[Collection(HeapMeasurements.Name)]
public sealed class LongRunSandboxTests(ITestOutputHelper output)
{
    private const int Workers = 8;
    private const int Bills = 64;
    private const long BytesPerThousand = 32 * 1024;

    [Fact]
    public async Task Thousands_of_repeated_calls_over_few_ids_keep_the_ledger_to_those_ids_and_a_flat_heap()
    {
        var window = LongRun.Calls(defaultCalls: 1500);
        await using var sandbox = await SandboxFixture.StartAsync();
        var stranger = sandbox.CreateClient(QiwiMediaType.Json, password: "wrong-password");
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        async Task Calls(int count, int seed)
        {
            var next = -1;
            var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
            {
                var random = new Random(seed * 1000 + worker);
                while (Interlocked.Increment(ref next) is var n && n < count)
                {
                    var bill = "SOAK-" + random.Next(Bills);
                    string outcome;
                    try
                    {
                        _ = random.Next(6) switch
                        {
                            0 => await sandbox.CreateBillAsync(bill, paySource: null),
                            1 => await sandbox.Client.GetBillStatusAsync(bill),
                            2 => await sandbox.Client.CancelBillAsync(bill),
                            3 => (object)await sandbox.Client.CreateRefundAsync(bill, "R" + random.Next(4), 1m),
                            4 => await sandbox.Client.GetBillStatusAsync("NONE-" + n),
                            _ => await stranger.GetBillStatusAsync(bill),
                        };
                        outcome = "0";
                    }
                    catch (QiwiApiException error)
                    {
                        outcome = error.ResultCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    outcomes.AddOrUpdate(outcome, 1, static (_, c) => c + 1);
                }
            })).ToArray();
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(5));
        }

        await Calls(window, seed: 1);   // warm-up
        var before = LongRun.Heap();
        await Calls(window, seed: 2);
        var first = LongRun.Heap();
        await Calls(window, seed: 3);
        var second = LongRun.Heap();
        for (var (extra, seed) = (LongRun.ExtraWindows(), 4); extra > 0; extra--, seed++)
        {
            await Calls(window, seed);
            output.WriteLine($"after window {seed - 1}: {LongRun.Heap()} bytes");
        }

        var ledger = await sandbox.LedgerAsync();
        output.WriteLine($"outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key))}");
        output.WriteLine($"invoices: {ledger.Count}, refunds: {ledger.Sum(e => e.Refunds.Count)}");
        output.WriteLine(LongRun.Describe(before, first, second, window, "calls"));

        Assert.True(new[] { "0", "210", "150" }.All(outcomes.ContainsKey), string.Join(", ", outcomes));
        Assert.InRange(ledger.Count, 1, Bills);
        LongRun.AssertFlat(before, first, second, window, BytesPerThousand);
    }
}
