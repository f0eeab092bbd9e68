using Microsoft.AspNetCore.Http;
using Qiwi.AspNetCore.Tests.Generated;
using static Qiwi.AspNetCore.Tests.NotificationServer;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// Exactly once, never lost: QIWI repeats a notification until it gets result 0, and copies may arrive at once on
/// several nodes that share a store. Here every notification is posted by several senders at the same moment to two
/// nodes, each sender repeating until it gets result 0; the handler fails at random before its change and after it
/// (the change made, the answer lost), and the shared store fails at random when asked and when told. The handler
/// applies its change as <see cref="IQiwiNotificationStore"/> asks: conditionally, recording the notification's key
/// (<see cref="IQiwiNotificationFeature"/>) in the same transaction. Afterwards every notification's change is made
/// exactly once, and no sender ever got result 0 before the change was made.
/// </summary>
public sealed class NotificationDeliveryRaceTests
{
    [Theory]
    [InlineData(71)]
    [InlineData(72)]
    public async Task Concurrent_copies_with_failing_handlers_and_stores_apply_each_notification_exactly_once_and_lose_none(int seed)
    {
        var random = new Random(seed);
        var faults = new DeliveryRace.Faults(seed);
        var store = new DeliveryRace.FlakyStore(faults);
        var database = new Database();
        async Task Handler(BillNotification notification, HttpContext context, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (faults.Next(5) == 0)
            {
                throw new InvalidOperationException("database down before the change");
            }

            database.Apply(context.Features.Get<IQiwiNotificationFeature>()!.Key, notification.BillId);
            await Task.Yield();
            if (faults.Next(6) == 0)
            {
                throw new TimeoutException("the commit's answer was lost after the change");
            }
        }

        using var node1 = await Start(o => o.Store = store, Handler);
        using var node2 = await Start(o => o.Store = store, Handler);
        var bills = Enumerable.Range(0, 30).Select(i => "BILL-" + i).ToArray();

        var (lost, posts, senders) = await DeliveryRace.SendAllAsync(random, [node1, node2], bills, database.Count);

        Assert.Empty(lost);
        Assert.All(bills, bill => Assert.Equal(1, database.Count(bill)));
        Assert.Equal(bills.Length, database.Keys);
        Assert.True(faults.Thrown > 20 && posts > senders, $"{faults.Thrown} faults in {posts} posts: the seed exercised the failures");
    }

    /// <summary>The merchant's database: each bill's change, and the keys applied, in one transaction (a lock).</summary>
    private sealed class Database
    {
        private readonly Dictionary<string, int> _changes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        public int Keys
        {
            get
            {
                lock (_keys)
                {
                    return _keys.Count;
                }
            }
        }

        /// <summary>The conditional update: the change and the key together, or nothing when the key is known.</summary>
        public void Apply(string key, string bill)
        {
            lock (_keys)
            {
                if (_keys.Add(key))
                {
                    _changes[bill] = _changes.GetValueOrDefault(bill) + 1;
                }
            }
        }

        public int Count(string bill)
        {
            lock (_keys)
            {
                return _changes.GetValueOrDefault(bill);
            }
        }
    }
}
