using System.Globalization;
using System.Net;
using System.Text;
using Qiwi.Testing;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// Seeded hostile query strings and paths on every page that reads one, on SQLite and on PostgreSQL (whose text type
/// refuses a NUL that SQLite stores): the admin's paging cursor and search (negative, huge, non-numeric, forged cursors
/// of any shape, several values, ids with <c>/</c>, <c>..</c>, NUL, lone surrogates, markup), the order pages and the
/// return pages. Every answer is a page (never a 5xx), no markup comes back raw, and nothing is changed.
/// </summary>
public sealed class ShopHostileQueryTests : ShopSandboxTest
{
    [Fact]
    public Task On_sqlite_no_query_string_or_path_gets_an_error() => RunAsync(TemporarySqlite(), seed: 11);

    [SkippableFact]
    public async Task On_postgresql_no_query_string_or_path_gets_an_error()
    {
        await using var database = await TestPostgres.CreateAsync();
        await RunAsync(database.ConnectionString, seed: 12);
    }

    private async Task RunAsync(string connectionString, int seed)
    {
        await using var shop = await ShopHost.StartAsync(Sandbox, connectionString, notify: false, reconcile: false, "--Shop:AdminPageSize=2");
        using var customer = ShopBrowser.Open(shop.Url);
        var placed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            placed.Add(await ShopBrowser.BuyAsync(customer, "+79031234567"));
        }

        using var admin = await ShopBrowser.AdminAsync(shop.Url);
        var orders = shop.Services.GetRequiredService<OrderRepository>();
        var before = await Snapshot(orders);
        var random = new Random(seed);
        var values = Values(random, placed).ToList();
        var failures = new List<string>();
        var token = ShopBrowser.Token(await admin.GetStringAsync("admin"));
        foreach (var value in values)
        {
            // A refund of an order whose id is the value: "no such order" (or a 4xx for a path that is none), nothing refunded.
            using (var refund = await admin.PostAsync("admin/orders/" + Uri.EscapeDataString(value) + "/refunds", new FormUrlEncodedContent([new("amount", "1.00"), new("__RequestVerificationToken", token)])))
            {
                if ((int)refund.StatusCode >= 500)
                {
                    failures.Add($"POST admin/orders/{Uri.EscapeDataString(value)[..Math.Min(value.Length, 100)]}/refunds: {(int)refund.StatusCode}");
                }
            }

            var escaped = Uri.EscapeDataString(value);
            string[] adminPaths =
            [
                "admin?after=" + escaped, "admin?order=" + escaped, "admin?after=" + escaped + "&after=" + Uri.EscapeDataString(Cursor(random, placed)),
                "admin?order=" + escaped + "&order=x", "admin?after=" + escaped + "&order=" + escaped,
            ];
            string[] customerPaths = ["orders/" + escaped, "success?order=" + escaped, "fail?order=" + escaped, "success?order=" + escaped + "&order=" + placed[0], "orders?x=" + escaped];
            foreach (var (browser, path) in adminPaths.Select(p => (admin, p)).Concat(customerPaths.Select(p => (customer, p))))
            {
                using var response = await browser.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500 || body.Contains("<script>", StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"GET {path[..Math.Min(path.Length, 120)]}: {(int)response.StatusCode}");
                }
            }
        }

        // Raw, as a hand or a tool may write them: bad and overlong percent-encodings (%C0%80 is a NUL, written long).
        string[] raw = ["%", "%ZZ", "%E0%A4%A", "%C0%80", "%ED%A0%80", "%FF%FE", "1_%C0%80", "1_%", "%u0000", "a%00b&after=%00", "x+y", "%2B1_x"];
        foreach (var path in raw.SelectMany(r => new[] { "admin?after=" + r, "admin?order=" + r, "success?order=" + r, "fail?order=" + r, "orders/" + r }))
        {
            using var response = await (path.StartsWith("admin", StringComparison.Ordinal) ? admin : customer).GetAsync(path);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"GET {path}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {values.Count * 11 + raw.Length * 5} requests failed:\n" + string.Join("\n", failures.Distinct().Take(30)));
        // A status for such an id (a notification's bill_id, read as QIWI sent it) is for no order: 300 to QIWI, not a 500.
        Assert.Equal(ApplyOutcome.UnknownOrder, await orders.ApplyAsync(placed[0] + "\0", "paid", 1500m, "RUB", "notification", "key\0", CancellationToken.None));
        Assert.Equal(before, await Snapshot(orders));
        Assert.Empty(await shop.Services.GetRequiredService<RefundRepository>().ListAsync(placed, CancellationToken.None));

        // The pages still work: every order is reachable by the admin's "Older orders" links and by search.
        foreach (var id in placed)
        {
            Assert.Contains($"id=\"row-{id}\"", await admin.GetStringAsync("admin?order=" + Uri.EscapeDataString(id)), StringComparison.Ordinal);
        }
    }

    /// <summary>Hostile values for a cursor, an order id or a search: seeded, bounded (a few hundred requests).</summary>
    private static IEnumerable<string> Values(Random random, IReadOnlyList<string> placed)
    {
        string[] fixedValues =
        [
            "", " ", "_", "-1", "-1_x", "0_", "1_\0", "\0", "\0_\0", "1_" + placed[0] + "\0", placed[0] + "\0", "..", "../..", "/admin", "1_../..", "1_/",
            "1_" + placed[0] + "/..", "9223372036854775807_" + placed[0], "9223372036854775808_x", "-9223372036854775808_x", "99999999999999999999_x",
            "1e9_x", "0x10_x", "１２_x", "1_\uD800", "\uDFFF", "1_\u202Ex", "1_<script>alert(1)</script>", "<script>alert(1)</script>", "1_' OR '1'='1",
            "1_%00", "%2e%2e%2f", "1_" + new string('z', 40), "1_" + new string('z', 41), new string('9', 5000), "1_" + new string('\0', 40),
            "18446744073709551615_x", "1__", "1_ ", "NaN_x", "Infinity_x", "1,2_x", "1_x,y", "+1_x",
        ];
        foreach (var value in fixedValues)
        {
            yield return value;
        }

        const string alphabet = "0123456789_-./\\%\0 ABCZabz'\"<>&;:?#\u00e9\u044f\uD83D\uDE00";
        for (var i = 0; i < 30; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 60);
            for (var j = 0; j < length; j++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            yield return random.Next(3) == 0 ? Cursor(random, placed) + text : text.ToString();
        }
    }

    /// <summary>A cursor of the right shape, forged: a random time (any sign, any size) and an id near a real one.</summary>
    private static string Cursor(Random random, IReadOnlyList<string> placed)
    {
        var time = random.Next(4) switch
        {
            0 => random.NextInt64().ToString(CultureInfo.InvariantCulture),
            1 => (1_800_000_000_000 + random.Next(1000)).ToString(CultureInfo.InvariantCulture),
            2 => "0",
            _ => ulong.MaxValue.ToString(CultureInfo.InvariantCulture),
        };
        var id = placed[random.Next(placed.Count)];
        return time + "_" + (random.Next(3) switch { 0 => id, 1 => id[..^1] + "\0", _ => id + "/../" + id });
    }

    private static async Task<string> Snapshot(OrderRepository orders)
        => string.Join(";", (await orders.ListAsync(null, 100, CancellationToken.None)).Select(o => $"{o.Id}:{o.Status}:{o.Problem}"));
}
