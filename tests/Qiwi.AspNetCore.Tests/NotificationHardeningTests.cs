using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using Qiwi.AspNetCore.Tests.Generated;
using static Qiwi.AspNetCore.Tests.NotificationServer;

namespace Qiwi.AspNetCore.Tests;

/// <summary>The optional source allow-list (with forwarded headers) and the store of applied notifications.</summary>
public sealed class NotificationHardeningTests
{
    private static readonly KeyValuePair<string, string>[] Form = NotificationServer.Form("BILL-1", "paid");

    [Theory]
    [InlineData("91.232.230.17", 200)]
    [InlineData("91.232.231.254", 200)]
    [InlineData("79.142.31.1", 200)]
    [InlineData("::ffff:79.142.16.9", 200)]
    [InlineData("91.232.232.1", 403)]
    [InlineData("79.142.32.0", 403)]
    [InlineData("10.0.0.1", 403)]
    [InlineData("::1", 403)]
    public async Task Only_the_allowed_networks_reach_the_handler(string caller, int expected)
    {
        var calls = 0;
        using var server = await Start(AllowQiwi, (_, _, _) => { calls++; return Task.CompletedTask; });

        var (status, body) = await Post(server, Form, remote: IPAddress.Parse(caller));

        Assert.Equal(expected, (int)status);
        Assert.Equal(expected == 200 ? 1 : 0, calls);
        Assert.Equal(expected == 200, body.Contains("<result_code>0</result_code>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_allow_list_any_source_is_accepted()
    {
        using var server = await Start(_ => { }, (_, _, _) => Task.CompletedTask);

        var (status, _) = await Post(server, Form, remote: IPAddress.Parse("203.0.113.9"));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_forwarded_address_is_checked_and_a_spoofed_header_is_not_believed()
    {
        var calls = 0;
        using var server = await Start(AllowQiwi, (_, _, _) => { calls++; return Task.CompletedTask; }, trustedProxy: IPAddress.Parse("10.1.1.1"));

        var (viaProxy, _) = await Post(server, Form, remote: IPAddress.Parse("10.1.1.1"), forwardedFor: "91.232.230.5");
        var (proxyItself, _) = await Post(server, Form, remote: IPAddress.Parse("10.1.1.1"));
        var (outsiderViaProxy, _) = await Post(server, Form, remote: IPAddress.Parse("10.1.1.1"), forwardedFor: "198.51.100.7");
        var (spoofed, _) = await Post(server, Form, remote: IPAddress.Parse("198.51.100.7"), forwardedFor: "91.232.230.5");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (viaProxy, proxyItself, outsiderViaProxy, spoofed));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_repeated_notification_is_recognized_through_the_store_on_another_node_and_after_a_restart()
    {
        var store = new MemoryStore();
        var seen = new ConcurrentQueue<string>();
        Task Handler(BillNotification n, HttpContext c, CancellationToken t)
        {
            seen.Enqueue(c.Features.Get<IQiwiNotificationFeature>()!.Key);
            return Task.CompletedTask;
        }

        using (var node1 = await Start(o => o.Store = store, Handler))
        using (var node2 = await Start(o => o.Store = store, Handler))
        {
            Assert.Contains("<result_code>0</result_code>", (await Post(node1, Form)).Body, StringComparison.Ordinal);
            Assert.Contains("<result_code>0</result_code>", (await Post(node2, Form.Reverse().ToArray())).Body, StringComparison.Ordinal);
        }

        using var restarted = await Start(o => o.Store = store, Handler);
        Assert.Contains("<result_code>0</result_code>", (await Post(restarted, Form)).Body, StringComparison.Ordinal);
        var other = Form.Select(p => p.Key == "status" ? new KeyValuePair<string, string>("status", "rejected") : p).ToArray();
        Assert.Contains("<result_code>0</result_code>", (await Post(restarted, other)).Body, StringComparison.Ordinal);

        Assert.Equal([QiwiNotificationKey.Compute(Form), QiwiNotificationKey.Compute(other)], seen);
        Assert.Equal(2, store.Keys.Count);
    }

    [Fact]
    public async Task A_failing_handler_is_not_recorded_so_the_repeat_reaches_it_and_a_failing_store_gets_300()
    {
        var store = new MemoryStore();
        var attempts = 0;
        using var server = await Start(o => o.Store = store, (_, _, _) => ++attempts == 1 ? throw new InvalidOperationException("database down") : Task.CompletedTask);

        Assert.Contains("<result_code>300</result_code>", (await Post(server, Form)).Body, StringComparison.Ordinal);
        Assert.Empty(store.Keys);
        Assert.Contains("<result_code>0</result_code>", (await Post(server, Form)).Body, StringComparison.Ordinal);
        Assert.Equal(2, attempts);

        store.Broken = true;
        Assert.Contains("<result_code>300</result_code>", (await Post(server, Form)).Body, StringComparison.Ordinal);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void The_key_ignores_field_order_and_changes_with_any_field()
    {
        var key = QiwiNotificationKey.Compute(Form);
        Assert.Equal(key, QiwiNotificationKey.Compute(Form.Reverse()));
        Assert.Matches("^[0-9a-f]{64}$", key);
        var random = new Random(15);
        for (var i = 0; i < 200; i++)
        {
            var index = random.Next(Form.Length);
            var changed = Form.Select((p, j) => j == index ? new KeyValuePair<string, string>(p.Key, p.Value + (char)random.Next('a', 'z')) : p);
            Assert.NotEqual(key, QiwiNotificationKey.Compute(changed));
        }

        // Name/value boundaries are unambiguous: moving characters between them changes the key.
        Assert.NotEqual(QiwiNotificationKey.Compute([new("ab", "c")]), QiwiNotificationKey.Compute([new("a", "bc")]));
    }

    private static void AllowQiwi(QiwiNotificationOptions options)
    {
        foreach (var network in QiwiNotificationNetworks.Published)
        {
            options.AllowedNetworks.Add(network);
        }
    }
}
