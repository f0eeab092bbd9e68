using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A data file keeps pending notifications of a shop that a later configuration no longer has (a legitimate file after
/// a configuration change). Such a record cannot be signed or authorized: it is given up at once, with the reason as
/// its attempt, and sends nothing; the records around it, of shops still configured, are delivered in the same tick.
/// (The dispatcher used to throw at such a record, which stopped every tick there, so nothing after it was ever sent.)
/// </summary>
public sealed class NotificationShopGoneTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_pending_notification_of_a_shop_no_longer_configured_is_given_up_and_the_others_are_delivered()
    {
        var clock = new SandboxClock(new FakeTimeProvider(Start));
        var shop = new SandboxShop { ShopId = 9, NotificationUrl = new Uri("http://merchant.invalid/notify"), NotificationPassword = "secret" };
        var options = new SandboxOptions { Shops = [shop] };
        var ledger = new SandboxLedger(clock, options);
        var merchant = new Merchant();
        using var dispatcher = new NotificationDispatcher(ledger, Options.Create(options), clock, merchant, NullLogger<NotificationDispatcher>.Instance);

        // Ids 1 and 3 belong to the configured shop, 2 to a shop taken out; all three are due now.
        dispatcher.Import([Pending(1, 9), Pending(2, 77), Pending(3, 9)], 3);
        await dispatcher.TickAsync(wait: true);

        var log = dispatcher.Log;
        Assert.Equal([1, 3], merchant.Bills.Order());
        Assert.All(log.Where(r => r.ShopId == 9), r => Assert.True(r.Delivered, $"record {r.Id} of the configured shop"));
        var gone = Assert.Single(log, r => r.ShopId == 77);
        Assert.True(gone.GaveUp && !gone.Delivered);
        var attempt = Assert.Single(gone.Attempts);
        Assert.Null(attempt.HttpStatus);
        Assert.Contains("shop 77 is not configured", attempt.Error, StringComparison.Ordinal);
        Assert.Null(dispatcher.NextDue());   // nothing pending: the record is not tried again, every tick
    }

    [Theory]
    [InlineData(161)]
    [InlineData(162)]
    [InlineData(163)]
    public async Task Seeded_logs_of_configured_and_removed_shops_deliver_every_configured_record_and_give_up_every_other(int seed)
    {
        var random = new Random(seed);
        var clock = new SandboxClock(new FakeTimeProvider(Start));
        var shop = new SandboxShop { ShopId = 9, NotificationUrl = new Uri("http://merchant.invalid/notify"), NotificationPassword = "secret" };
        var options = new SandboxOptions { Shops = [shop] };
        var merchant = new Merchant();
        using var dispatcher = new NotificationDispatcher(new SandboxLedger(clock, options), Options.Create(options), clock, merchant, NullLogger<NotificationDispatcher>.Instance);

        // 40 records in random order of shops (the configured one, and two taken out), every one due now.
        var shops = Enumerable.Range(1, 40).ToDictionary(id => id, _ => new long[] { 9, 77, 78 }[random.Next(3)]);
        dispatcher.Import(shops.Select(p => Pending(p.Key, p.Value)).OrderBy(_ => random.Next()), 40);
        await dispatcher.TickAsync(wait: true);

        Assert.Equal(shops.Where(p => p.Value == 9).Select(p => p.Key).Order(), merchant.Bills.Order());
        foreach (var record in dispatcher.Log)
        {
            var gone = shops[record.Id] != 9;
            Assert.True((record.Delivered, record.GaveUp) == (!gone, gone), $"record {record.Id} of shop {record.ShopId}");
            Assert.Single(record.Attempts);
        }

        Assert.Null(dispatcher.NextDue());
    }

    internal static NotificationRecord Pending(int id, long shopId)
        => NotificationRecord.Restore(id, shopId, id.ToString(System.Globalization.CultureInfo.InvariantCulture), "paid", new Uri("http://merchant.invalid/notify"),
            [new("bill_id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("status", "paid")], Start, Start, [], false, false);

    /// <summary>Answers result 0 to every notification and notes the bill it was for.</summary>
    private sealed class Merchant : HttpMessageHandler, IHttpClientFactory
    {
        public List<int> Bills { get; } = new();

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (Bills)
            {
                Bills.Add(int.Parse(form.Split('&')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("<result><result_code>0</result_code></result>")) };
        }
    }
}
