using System.Collections.Concurrent;
using Microsoft.AspNetCore.TestHost;
using static Qiwi.AspNetCore.Tests.NotificationServer;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// What the delivery race tests share: QIWI's senders (several copies of each notification posted at the same
/// moment, each repeating until result 0), seeded faults, and a store that fails at random.
/// </summary>
internal static class DeliveryRace
{
    /// <summary>The outcome of <see cref="SendAllAsync"/>: what went wrong (empty when nothing), the posts made, the senders started.</summary>
    public sealed record Outcome(IReadOnlyCollection<string> Lost, int Posts, int Senders);

    /// <summary>
    /// For each bill, <paramref name="minCopies"/> to <paramref name="maxCopies"/> senders post its notification at the
    /// same moment, each to a random node first and then the next one, repeating (up to 60 times) until it gets result
    /// 0; a sender that gets result 0 checks at once that <paramref name="changes"/> of its bill is 1.
    /// </summary>
    public static async Task<Outcome> SendAllAsync(Random random, TestServer[] nodes, IReadOnlyList<string> bills, Func<string, int> changes, int minCopies = 2, int maxCopies = 4)
    {
        var lost = new ConcurrentQueue<string>();
        var posts = 0;
        var senders = new List<Task>();
        foreach (var bill in bills)
        {
            var form = Form(bill, random.Next(2) == 0 ? "paid" : "rejected");
            var copies = random.Next(minCopies, maxCopies + 1);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            for (var copy = 0; copy < copies; copy++)
            {
                var first = random.Next(nodes.Length);
                senders.Add(Task.Run(async () =>
                {
                    await start.Task;
                    for (var attempt = 0; attempt < 60; attempt++)
                    {
                        Interlocked.Increment(ref posts);
                        var (_, reply) = await Post(nodes[(first + attempt) % nodes.Length], form);
                        if (reply.Contains("<result_code>0</result_code>", StringComparison.Ordinal))
                        {
                            if (changes(bill) != 1)
                            {
                                lost.Enqueue($"{bill}: result 0 with the change made {changes(bill)} times");
                            }

                            return;
                        }

                        Assert.Contains("<result_code>300</result_code>", reply, StringComparison.Ordinal);
                    }

                    lost.Enqueue($"{bill}: never acknowledged");
                }));
            }

            start.SetResult();
        }

        await Task.WhenAll(senders);
        return new Outcome(lost, posts, senders.Count);
    }

    /// <summary>Seeded fault decisions shared by the handlers and the store.</summary>
    public sealed class Faults(int seed)
    {
        private readonly Random _random = new(seed);
        private int _thrown;

        public int Thrown => Volatile.Read(ref _thrown);

        /// <summary>A roll of 0 to <paramref name="odds"/> - 1; a 0 (a fault) is counted.</summary>
        public int Next(int odds)
        {
            int roll;
            lock (_random)
            {
                roll = _random.Next(odds);
            }

            if (roll == 0)
            {
                Interlocked.Increment(ref _thrown);
            }

            return roll;
        }
    }

    /// <summary>A store that fails at random when asked and (unless <paramref name="failsWhenTold"/> is false) when told.</summary>
    public sealed class FlakyStore(Faults faults, bool failsWhenTold = true) : IQiwiNotificationStore
    {
        private readonly ConcurrentDictionary<string, bool> _applied = new(StringComparer.Ordinal);

        public async ValueTask<bool> IsAppliedAsync(string key, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return faults.Next(8) == 0 ? throw new InvalidOperationException("store down when asked") : _applied.ContainsKey(key);
        }

        public async ValueTask MarkAppliedAsync(string key, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (failsWhenTold && faults.Next(8) == 0)
            {
                throw new InvalidOperationException("store down when told");
            }

            _applied[key] = true;
        }
    }
}
