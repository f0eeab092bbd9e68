using System.Net;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Runtime;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Lifetimes at the edges of time: before the first instant Moscow time can name, before 1970, exactly now, and time
/// travel across expiries while payers pay. Promises: a lifetime is a documented refusal (code 5, the web form's 400)
/// or an invoice, never a server error; an invoice whose lifetime has passed is expired at once and survives a
/// restart; an invoice ends paid or expired, never both, and its money is counted once.
/// </summary>
public sealed class ClockAttackTests
{
    [Theory]
    [InlineData("0001-01-01T00%3A00%3A00")]
    [InlineData("0001-01-01T02%3A59%3A59")]
    public async Task A_REST_lifetime_before_the_first_instant_is_code_5_naming_it_not_a_server_error(string lifetime)
    {
        await using var f = await SandboxFixture.StartAsync();

        using var response = await f.RawAsync(HttpMethod.Put, $"api/v2/prv/{f.ShopId}/bills/EDGE-1", "user=tel%3A%2B79031234567&amount=10.00&ccy=RUB&comment=c&lifetime=" + lifetime);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, body);
        Assert.Contains("\"result_code\":5", body, StringComparison.Ordinal);
        Assert.Contains("lifetime", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01T0000")]
    [InlineData("0001-01-01T0259")]
    public async Task A_web_form_lifetime_before_the_first_instant_is_refused_not_a_server_error(string lifetime)
    {
        await using var f = await SandboxFixture.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await http.GetAsync(new Uri(f.Host.BaseUrl, $"order/external/create.action?from={f.ShopId}&currency=RUB&to=%2B79031234567&summ=5&txn_id=LT0&lifetime={lifetime}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lifetime", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Past lifetimes as far back as the wire can say (0001-01-01T03:00 Moscow is the first instant) and just before
    /// the data file's 1970: each invoice is expired at once, and the sandbox starts again on its data file.
    /// </summary>
    [Fact]
    public async Task Invoices_with_lifetimes_long_past_are_expired_and_the_sandbox_restarts_on_its_data_file()
    {
        var file = Path.Combine(Path.GetTempPath(), "qiwi-sandbox-" + Guid.NewGuid().ToString("N") + ".db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        DateTimeOffset[] lifetimes =
        [
            DateTimeOffset.MinValue, new(1969, 12, 31, 23, 59, 59, TimeSpan.Zero), new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero), new(1900, 2, 28, 21, 0, 0, TimeSpan.Zero),
        ];
        try
        {
            await using (var first = await SandboxHost.StartAsync(clock, o => o.DataFile = file))
            {
                var client = PersistenceTests.Client(first, clock);
                for (var i = 0; i < lifetimes.Length; i++)
                {
                    await client.CreateBillAsync("OLD-" + i, "tel:+79031234567", 10m, "RUB", "c", lifetimes[i]);
                    Assert.Equal(BillStatus.Expired, (await client.GetBillStatusAsync("OLD-" + i)).Status);
                }
            }

            await using var second = await SandboxHost.StartAsync(clock, o => o.DataFile = file);
            var again = PersistenceTests.Client(second, clock);
            for (var i = 0; i < lifetimes.Length; i++)
            {
                Assert.Equal(BillStatus.Expired, (await again.GetBillStatusAsync("OLD-" + i)).Status);
            }
        }
        finally
        {
            File.Delete(file);
            File.Delete(Qiwi.Sandbox.Persistence.DataFileLock.PathFor(file));
        }
    }

    [Fact]
    public async Task An_invoice_expiring_exactly_now_is_expired_and_one_a_second_later_is_payable_until_that_second()
    {
        await using var f = await SandboxFixture.StartAsync();
        var now = f.Host.Clock.GetUtcNow();

        await f.Client.CreateBillAsync("NOW-0", "tel:+79031234567", 10m, "RUB", "c", now);
        await f.Client.CreateBillAsync("NOW-1", "tel:+79031234567", 10m, "RUB", "c", now.AddSeconds(1));
        await f.Client.CreateBillAsync("NOW-2", "tel:+79031234567", 10m, "RUB", "c", now.AddSeconds(1));

        Assert.Equal(BillStatus.Expired, (await f.Client.GetBillStatusAsync("NOW-0")).Status);
        using (var refused = await f.ControlAsync($"bills/{f.ShopId}/NOW-0/pay"))
        {
            Assert.False(refused.IsSuccessStatusCode);
        }

        await f.PayAsync("NOW-1");
        await f.AdvanceAsync(TimeSpan.FromSeconds(1));
        using (var late = await f.ControlAsync($"bills/{f.ShopId}/NOW-2/pay"))
        {
            Assert.False(late.IsSuccessStatusCode);
        }

        Assert.Equal(BillStatus.Paid, (await f.Client.GetBillStatusAsync("NOW-1")).Status);
        Assert.Equal(BillStatus.Expired, (await f.Client.GetBillStatusAsync("NOW-2")).Status);
    }

    /// <summary>
    /// Seeded: invoices with lifetimes spread over two minutes; payers pay them in random order while one worker moves
    /// the clock forward through the control API in random steps across their expiries. Each invoice ends paid exactly
    /// when a pay was answered with success, expired otherwise; it gets one notification, of that status; the ledger's
    /// paid total is the sum of the successful pays.
    /// </summary>
    [Fact]
    public async Task Time_travel_across_expiries_while_payers_pay_never_pays_an_expired_invoice_nor_counts_money_twice()
    {
        await using var sink = await NotificationSink.StartAsync();
        await using var f = await SandboxFixture.StartAsync(shop: s => s.NotificationUrl = sink.Url);
        var random = new Random(20261126);
        const int count = 60;
        var start = f.Host.Clock.GetUtcNow();
        var amounts = new decimal[count];
        for (var i = 0; i < count; i++)
        {
            amounts[i] = random.Next(100, 100_000) / 100m;
            await f.Client.CreateBillAsync("TT-" + i, "tel:+79031234567", amounts[i], "RUB", "c", start.AddSeconds(random.Next(1, 120)));
        }

        var paidOk = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        using var tokens = new SemaphoreSlim(2);
        var seeds = Enumerable.Range(0, 4).Select(_ => random.Next()).ToArray();
        var payers = seeds.Select(seed => Task.Run(async () =>
        {
            var r = new Random(seed);
            foreach (var i in Enumerable.Range(0, count).OrderBy(_ => r.Next()))
            {
                await tokens.WaitAsync();
                using var response = await f.ControlAsync($"bills/{f.ShopId}/TT-{i}/pay");
                if (response.IsSuccessStatusCode)
                {
                    paidOk.AddOrUpdate(i, 1, (_, n) => n + 1);
                }
            }
        })).ToList();

        // The traveller moves the clock 0.2 to 4 s once two more pays have started (they may still be in flight), and lets
        // two more start: pays and expiries interleave whatever the machine's speed. Past every lifetime, it lets all go.
        var traveller = Task.Run(async () =>
        {
            var r = new Random(seeds[0] ^ 0x5EED);
            while (f.Host.Clock.GetUtcNow() < start.AddSeconds(125))
            {
                while (tokens.CurrentCount > 0 && payers.Any(p => !p.IsCompleted))
                {
                    await Task.Delay(1);
                }

                await f.AdvanceAsync(TimeSpan.FromMilliseconds(r.Next(200, 4000)));
                tokens.Release(2);
            }

            tokens.Release(count * seeds.Length);
        });
        await Task.WhenAll([.. payers, traveller]);

        var ledger = (await f.LedgerAsync()).Where(e => e.BillId.StartsWith("TT-", StringComparison.Ordinal)).ToDictionary(e => e.BillId);
        var failures = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var status = (await f.Client.GetBillStatusAsync("TT-" + i)).Status;
            var pays = paidOk.GetValueOrDefault(i);
            var expected = pays == 1 ? BillStatus.Paid : BillStatus.Expired;
            if (pays > 1 || status != expected || ledger["TT-" + i].Status != expected.ToWireValue())
            {
                failures.Add($"TT-{i}: {pays} successful pays, status {status}, ledger {ledger["TT-" + i].Status}");
            }
        }

        var paidTotal = ledger.Values.Where(e => e.Status == "paid").Sum(e => e.Amount);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(paidOk.Keys.Sum(i => amounts[i]), paidTotal);
        Assert.InRange(paidOk.Count, 1, count - 1); // both outcomes happened, or the test showed nothing

        // One notification per invoice, of its final status (wait for the dispatcher to deliver them).
        for (var wait = 0; wait < 200 && sink.Bodies.Count < count; wait++)
        {
            await Task.Delay(50);
        }

        var bodies = sink.Bodies.Select(b => System.Web.HttpUtility.ParseQueryString(b)).ToList();
        Assert.Equal(count, bodies.Count);
        for (var i = 0; i < count; i++)
        {
            var mine = bodies.Where(b => b["bill_id"] == "TT-" + i).ToList();
            Assert.True(mine.Count == 1, $"TT-{i}: {mine.Count} notifications");
            Assert.Equal(paidOk.ContainsKey(i) ? "paid" : "expired", mine[0]["status"]);
        }
    }
}
