using Microsoft.AspNetCore.Http;
using Qiwi.AspNetCore.Tests.Generated;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// One node is safe by itself, even for a handler that does not apply its change conditionally: many copies of each
/// notification posted at the same moment to one node with a store, each sender repeating until result 0, the
/// handler and the store failing at random. The endpoint lets one copy of a notification through at a time, and a
/// copy that waited asks the store after the one before it marked the key, so every change is made exactly once, no
/// sender gets result 0 before it, the handler never runs twice at once for one notification, and the gate keeps
/// nothing afterwards. Both handlers fail these tests on the endpoint without the gate (checked): two copies pass the
/// store's check together and both make the change.
/// </summary>
public sealed class NotificationSingleNodeRaceTests
{
    /// <summary>How the merchant's handler makes its change, and so which faults it can survive at all.</summary>
    public enum Naive
    {
        /// <summary>
        /// Counts every call. It may fail only before its change and the store only when asked: a change made and then
        /// not recorded (the handler failing after it, the store failing when told) is made again by the repeat, on
        /// any endpoint, as documented.
        /// </summary>
        CountsEveryCall,

        /// <summary>
        /// Reads whether its key is recorded, then makes the change and records the key (one transaction) with no
        /// condition on that write: safe after a failure at any point, but not against a copy running at the same time.
        /// Every fault: the handler before and after its change, the store when asked and when told.
        /// </summary>
        ChecksThenActs,
    }

    [Theory]
    [InlineData(Naive.CountsEveryCall, 81)]
    [InlineData(Naive.CountsEveryCall, 82)]
    [InlineData(Naive.ChecksThenActs, 81)]
    [InlineData(Naive.ChecksThenActs, 82)]
    public async Task Copies_arriving_together_at_one_node_apply_a_naive_handlers_change_exactly_once(Naive naive, int seed)
    {
        var random = new Random(seed);
        var faults = new DeliveryRace.Faults(seed);
        var store = new DeliveryRace.FlakyStore(faults, failsWhenTold: naive == Naive.ChecksThenActs);
        var ledger = new Ledger();
        var overlaps = 0;
        async Task Handler(BillNotification notification, HttpContext context, CancellationToken cancellationToken)
        {
            if (!ledger.Enter(notification.BillId))
            {
                Interlocked.Increment(ref overlaps);
            }

            try
            {
                await Task.Yield();
                if (faults.Next(5) == 0)
                {
                    throw new InvalidOperationException("database down before the change");
                }

                var key = context.Features.Get<IQiwiNotificationFeature>()!.Key;
                if (naive == Naive.ChecksThenActs && ledger.IsRecorded(key))
                {
                    return;
                }

                await Task.Yield(); // the gap in which a copy running at the same time reads the same
                ledger.Change(notification.BillId, key);
                await Task.Yield();
                if (naive == Naive.ChecksThenActs && faults.Next(6) == 0)
                {
                    throw new TimeoutException("the commit's answer was lost after the change");
                }
            }
            finally
            {
                ledger.Leave(notification.BillId);
            }
        }

        QiwiNotificationOptions? options = null;
        using var node = await NotificationServer.Start(o => { o.Store = store; options = o; }, Handler);
        var bills = Enumerable.Range(0, 20).Select(i => "BILL-" + i).ToArray();

        var (lost, posts, senders) = await DeliveryRace.SendAllAsync(random, [node], bills, ledger.Changes, minCopies: 4, maxCopies: 8);

        Assert.Empty(lost);
        Assert.All(bills, bill => Assert.Equal(1, ledger.Changes(bill)));
        Assert.Equal(0, overlaps);
        Assert.Equal(0, options!.Gate.Count);
        Assert.True(faults.Thrown > 10 && posts > senders, $"{faults.Thrown} faults in {posts} posts: the seed exercised the failures");
    }

    /// <summary>The merchant's database without a condition on its writes: each call of <see cref="Change"/> counts.</summary>
    private sealed class Ledger
    {
        private readonly Dictionary<string, int> _changes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private readonly HashSet<string> _running = new(StringComparer.Ordinal);

        public void Change(string bill, string key)
        {
            lock (_changes)
            {
                _changes[bill] = _changes.GetValueOrDefault(bill) + 1;
                _keys.Add(key);
            }
        }

        public bool IsRecorded(string key)
        {
            lock (_changes)
            {
                return _keys.Contains(key);
            }
        }

        public int Changes(string bill)
        {
            lock (_changes)
            {
                return _changes.GetValueOrDefault(bill);
            }
        }

        /// <summary>Marks the bill's handler running; false when it already was (two copies at once).</summary>
        public bool Enter(string bill)
        {
            lock (_running)
            {
                return _running.Add(bill);
            }
        }

        public void Leave(string bill)
        {
            lock (_running)
            {
                _running.Remove(bill);
            }
        }
    }
}
