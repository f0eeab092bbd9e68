namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// The gate by itself, attacked: seeded workers enter and leave a few keys at once, a quarter of them giving up
/// (cancelling) at a random point of their wait, so entries are created, handed over, withdrawn from and removed
/// concurrently. No key is ever held twice at once, every wait ends, and the table is empty afterwards.
/// </summary>
public sealed class QiwiNotificationGateTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(91)]
    [InlineData(92)]
    public async Task Workers_entering_and_giving_up_at_random_hold_each_key_alone_and_leave_nothing(int seed)
    {
        var gate = new QiwiNotificationGate();
        var keys = new[] { "a", "b" };
        var holders = new int[keys.Length];
        var overlaps = 0;
        var held = 0;
        var gaveUp = 0;
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed * 100 + worker);
            for (var i = 0; i < 4000; i++)
            {
                var k = random.Next(keys.Length);
                using var abort = new CancellationTokenSource();
                var entering = gate.EnterAsync(keys[k], abort.Token).AsTask();
                if (random.Next(4) == 0)
                {
                    for (var y = random.Next(3); y > 0; y--)
                    {
                        await Task.Yield();
                    }

                    await abort.CancelAsync();
                }

                QiwiNotificationGate.Lease lease;
                try
                {
                    lease = await entering.WaitAsync(Bound);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref gaveUp);
                    continue;
                }

                Interlocked.Increment(ref held);
                if (Interlocked.Increment(ref holders[k]) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                for (var y = random.Next(1, 5); y > 0; y--)
                {
                    await Task.Yield();
                }

                Interlocked.Decrement(ref holders[k]);
                lease.Dispose();
            }
        })).ToArray();

        await Task.WhenAll(workers).WaitAsync(Bound);

        Assert.Equal(0, overlaps);
        Assert.Equal(0, gate.Count);
        Assert.True(held > 16000 && gaveUp > 20, $"{held} held, {gaveUp} gave up: the seed exercised both");
    }

    [Fact]
    public async Task A_cancelled_request_does_not_enter_and_an_abandoned_wait_is_not_handed_the_gate()
    {
        var gate = new QiwiNotificationGate();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync("a", new CancellationToken(true)).AsTask());
        Assert.Equal(0, gate.Count);

        var first = await gate.EnterAsync("a", CancellationToken.None);
        using var abort = new CancellationTokenSource();
        var abandoned = gate.EnterAsync("a", abort.Token).AsTask();
        var next = gate.EnterAsync("a", CancellationToken.None).AsTask();
        Assert.Equal(2, gate.WaitingFor("a"));
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned.WaitAsync(Bound));
        Assert.Equal(1, gate.WaitingFor("a"));

        first.Dispose();
        (await next.WaitAsync(Bound)).Dispose();
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task A_copy_that_finds_the_entry_just_removed_takes_a_fresh_one_and_still_holds_the_key_alone()
    {
        var gate = new QiwiNotificationGate();
        var first = await gate.EnterAsync("a", CancellationToken.None);
        var leaveOnce = 1;
        gate.AfterLookup = () =>
        {
            if (Interlocked.Exchange(ref leaveOnce, 0) == 1)
            {
                first.Dispose(); // the last copy leaves between this copy's look-up and its lock
            }
        };

        var second = await gate.EnterAsync("a", CancellationToken.None).AsTask().WaitAsync(Bound);
        var third = gate.EnterAsync("a", CancellationToken.None).AsTask();

        Assert.False(third.IsCompleted);
        Assert.Equal((1, 1), (gate.Count, gate.WaitingFor("a")));
        second.Dispose();
        (await third.WaitAsync(Bound)).Dispose();
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task A_copy_passing_a_free_gate_allocates_only_its_entry_and_the_tables_node()
    {
        var gate = new QiwiNotificationGate();
        (await gate.EnterAsync("warm-up", CancellationToken.None)).Dispose();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            var entering = gate.EnterAsync("a", CancellationToken.None);
            Assert.True(entering.IsCompletedSuccessfully); // so the await below neither waits nor leaves this thread
            (await entering).Dispose();
        }

        var perCopy = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.True(perCopy is > 0 and <= 96, $"{perCopy} bytes a copy");
        Assert.Equal(0, gate.Count);
    }
}
