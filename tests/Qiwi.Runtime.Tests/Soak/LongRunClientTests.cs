using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;
using Qiwi.Testing;

namespace Qiwi.Runtime.Tests.Soak;

/// <summary>
/// A client that runs for months: one generated client shared by 8 workers makes thousands of calls (reads, idempotent and
/// non-idempotent writes) against an in-memory server answering with every fault (hangs ended by the timeout, resets, 502s,
/// busy codes with retries, malformed and too long bodies, bodies that break or stop midway, no response) while a caller
/// in eight cancels. Afterwards every response, content, body stream and timer the calls made is disposed (counted by the
/// fakes, not guessed from the GC), and the heap after a full collection grows by no more than a bound per thousand calls
/// in either of two windows after a warm-up. QIWI_SOAK_CALLS sets the calls per window (benchmarks/soak.sh runs millions).
/// </summary>
[Collection(HeapMeasurements.Name)]
public sealed class LongRunClientTests(ITestOutputHelper output)
{
    private const int Workers = 8;

    /// <summary>What the heap may grow by per thousand calls in a window once warm (a leak of one response per call is ~1 MB).</summary>
    private const long BytesPerThousandCalls = 16 * 1024;

    [Fact]
    public async Task Thousands_of_calls_with_every_fault_leave_no_response_stream_or_timer_and_a_flat_heap()
    {
        var window = LongRun.Calls(defaultCalls: 6000);
        var server = new CountingServer(seed: 2026_1126);
        var clock = new CountingTimeProvider(divisor: 1000);
        using var http = new HttpClient(server);
        var client = new QiwiPullClient(http, new QiwiPullClientOptions
        {
            BaseUrl = new Uri("https://api.qiwi.test/"),
            ShopId = ClientFixture.ShopId,
            ApiId = ClientFixture.ApiId,
            ApiPassword = ClientFixture.ApiPassword,
            Timeout = TimeSpan.FromSeconds(2),   // 2 ms on the divided clock
            TimeProvider = clock,
            Retry = new QiwiRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(1) },
        });
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        await RunCalls(client, window, seed: 1, outcomes);   // warm-up: JIT, pools, the thread pool's threads
        var (before, first, second) = (LongRun.Heap(), 0L, 0L);
        await RunCalls(client, window, seed: 2, outcomes);
        first = LongRun.Heap();
        await RunCalls(client, window, seed: 3, outcomes);
        second = LongRun.Heap();
        for (var (extra, seed) = (LongRun.ExtraWindows(), 4); extra > 0; extra--, seed++)
        {
            await RunCalls(client, window, seed, outcomes);
            output.WriteLine($"after window {seed - 1}: {LongRun.Heap()} bytes");
        }

        await LongRun.Settled(server.Responses, server.Contents, server.Streams, clock.Timers);

        output.WriteLine($"outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key))}");
        output.WriteLine($"answers: {string.Join(", ", Enum.GetValues<CountingServer.Fault>().Select(f => $"{f} {server.Given[(int)f]}"))}");
        output.WriteLine($"responses {server.Responses}, contents {server.Contents}, streams {server.Streams}, timers {clock.Timers}");
        output.WriteLine(LongRun.Describe(before, first, second, window, "calls"));

        // The run can fail: every fault was served and every kind of ending happened.
        Assert.All(server.Given, given => Assert.True(given > 0, "a fault was never served"));
        Assert.True(outcomes.ContainsKey("success") && outcomes.ContainsKey("cancelled") && outcomes.ContainsKey(nameof(QiwiTimeoutException)), string.Join(", ", outcomes));

        Assert.Equal(0, server.Responses.Live);
        Assert.Equal(0, server.Contents.Live);
        Assert.Equal(0, server.Streams.Live);
        Assert.Equal(0, clock.Timers.Live);
        Assert.True(clock.Timers.Made > window, $"timers made: {clock.Timers.Made}");
        LongRun.AssertFlat(before, first, second, window, BytesPerThousandCalls);
    }

    private static async Task RunCalls(QiwiPullClient client, int calls, int seed, System.Collections.Concurrent.ConcurrentDictionary<string, int> outcomes)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed * 1000 + worker);
            while (Interlocked.Increment(ref next) is var call && call < calls)
            {
                var billId = $"S{seed}-{call}";
                using var cancel = new CancellationTokenSource();
                var cancelled = random.Next(8) == 0;
                var token = random.Next(2) == 0 ? CancellationToken.None : cancel.Token;   // a caller without a token: the timeout's own source
                if (cancelled)
                {
                    token = cancel.Token;
                    cancel.CancelAfter(TimeSpan.FromTicks(random.Next(20_000)));
                }

                string outcome;
                try
                {
                    object result = random.Next(4) switch
                    {
                        0 => await client.GetBillStatusAsync(billId, token),
                        1 => await client.CreateBillAsync(billId, "tel:+79031234567", 10m, "RUB", "c", DateTimeOffset.UtcNow.AddDays(1), cancellationToken: token),
                        2 => await client.CancelBillAsync(billId, token),
                        _ => await client.CreateRefundAsync(billId, "R" + call, 5m, token),
                    };
                    outcome = "success";
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    outcome = "cancelled";
                }
                catch (QiwiException error)
                {
                    outcome = error.GetType().Name;
                }

                outcomes.AddOrUpdate(outcome, 1, static (_, n) => n + 1);
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(5));
    }
}
