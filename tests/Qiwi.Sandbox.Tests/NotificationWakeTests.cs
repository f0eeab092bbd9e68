using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A notification that falls due while the dispatcher is delivering another is sent when that delivery ends, not
/// when the clock next moves. Found by <see cref="NotificationTests.A_comment_reaches_the_merchant_exactly_as_it_was_sent"/>,
/// which failed now and then under load: a record enqueued during a tick asked for a tick of its own, which saw the
/// tick in progress and returned; the tick in progress had already taken its list, and only set its wake-up timer,
/// which a fake clock (as tests embed the sandbox, <c>SandboxHost.StartAsync(clock, ...)</c>) fires only when it is
/// advanced. The record waited for good, with no attempt.
/// </summary>
public sealed class NotificationWakeTests
{
    [Fact]
    public async Task A_notification_due_during_another_s_delivery_is_sent_when_that_delivery_ends()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new ConcurrentQueue<string>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var merchant = builder.Build();
        merchant.MapPost("/notify", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            arrived.Enqueue(form["bill_id"].ToString());
            if (first.TrySetResult())
            {
                // The first delivery is held open while the second invoice is paid.
                await release.Task;
            }

            return Results.Text("<result><result_code>0</result_code></result>", "text/xml");
        });
        await merchant.StartAsync();
        var url = new Uri(merchant.Urls.First() + "/notify");
        await using var f = await SandboxFixture.StartAsync(shop: s => s.NotificationUrl = url);

        await f.CreateBillAsync("WAKE-1");
        await f.CreateBillAsync("WAKE-2");
        await f.PayAsync("WAKE-1");
        await first.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await f.PayAsync("WAKE-2");
        release.SetResult();

        // The clock does not move: only the end of the first delivery can send the second.
        for (var i = 0; i < 400 && arrived.Count < 2; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(["WAKE-1", "WAKE-2"], arrived.ToArray());
    }

    /// <summary>
    /// The same promise under load: 4 seeded workers pay 40 invoices at random moments while the merchant takes 0 to
    /// 15 ms over each delivery; the clock never moves. Every invoice is notified, each once.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Invoices_paid_by_concurrent_workers_during_slow_deliveries_are_each_notified_once(int seed)
    {
        var arrived = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var merchant = builder.Build();
        var delays = new Random(seed);
        merchant.MapPost("/notify", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            arrived.Enqueue(form["bill_id"].ToString());
            int delay;
            lock (delays)
            {
                delay = delays.Next(0, 16);
            }

            await Task.Delay(delay);
            return Results.Text("<result><result_code>0</result_code></result>", "text/xml");
        });
        await merchant.StartAsync();
        var url = new Uri(merchant.Urls.First() + "/notify");
        await using var f = await SandboxFixture.StartAsync(shop: s => s.NotificationUrl = url);
        var bills = Enumerable.Range(0, 40).Select(i => "LOAD-" + seed + "-" + i).ToList();
        foreach (var bill in bills)
        {
            await f.CreateBillAsync(bill);
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed * 100 + worker);
            for (var i = worker; i < bills.Count; i += 4)
            {
                await Task.Delay(random.Next(0, 10));
                await f.PayAsync(bills[i]);
            }
        })));

        for (var i = 0; i < 400 && arrived.Count < bills.Count; i++)
        {
            await Task.Delay(25);
        }

        await Task.Delay(100);   // a copy sent twice would arrive now
        Assert.Equal(bills.Order(StringComparer.Ordinal), arrived.Order(StringComparer.Ordinal));
    }
}
