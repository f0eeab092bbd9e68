using System.Globalization;
using System.Net;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Red team: the signed web form (the payer carries the merchant's signed link, and may edit it). Seeded links made by
/// <c>WebFormSigned</c> issue exactly the invoice they name; a link with one signed field changed (one character's
/// bit flipped, the amount a cent more, the field removed or given twice, the signature in the other hex case or
/// cut short) issues nothing and says 403, never 500; a field the docs leave unsigned (the phone, the comment) may be
/// changed. A lifetime that cannot be read is refused, not replaced by the default.
/// </summary>
public sealed class SignedWebFormAttackTests
{
    private static readonly HttpClient NoRedirects = new(new HttpClientHandler { AllowAutoRedirect = false });
    private static readonly string[] Signed = ["api_id", "currency", "from", "lifetime", "summ", "txn_id"];

    [Fact]
    public async Task A_link_with_a_signed_field_changed_issues_nothing()
    {
        await using var f = await SandboxFixture.StartAsync();
        var shop = f.Host.Shop;
        var apiId = long.Parse(shop.ApiId, CultureInfo.InvariantCulture);
        var random = new Random(5150);
        var failures = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var billId = "S" + i + "x" + random.Next(100000).ToString(CultureInfo.InvariantCulture);
            var amount = Math.Round((decimal)random.NextDouble() * 5000m + 0.01m, 3);
            var currency = random.Next(2) == 0 ? "RUB" : "643";
            DateTimeOffset? lifetime = random.Next(2) == 0 ? null : f.Host.Clock.GetUtcNow().AddMinutes(random.Next(60, 60 * 24 * 20));
            var good = f.Client.Redirects.WebFormSigned(shop.ApiPassword, f.ShopId, currency, amount, billId, apiId, phone: "+7903" + random.Next(1000000, 9999999), comment: "order " + i, lifetime: lifetime);
            var query = Qiwi.Runtime.QiwiQuery.Parse(good);

            // Every tampered link first: none may issue the invoice.
            foreach (var (what, url) in Tampered(good, query, random))
            {
                using var refused = await NoRedirects.GetAsync(url);
                // A changed or missing 'from' names no shop the sandbox knows: 400 "Unknown merchant" says so first.
                if (refused.StatusCode != HttpStatusCode.Forbidden && !(what.StartsWith("from", StringComparison.Ordinal) && refused.StatusCode == HttpStatusCode.BadRequest))
                {
                    failures.Add($"{billId}, {what}: {(int)refused.StatusCode}");
                }
            }

            if (await ExistsAsync(f, billId))
            {
                failures.Add($"{billId}: a tampered link issued it");
            }

            // The phone and the comment are not signed: a payer may change them.
            var edited = new Uri(good.AbsoluteUri.Replace("comm=order", "comm=mine", StringComparison.Ordinal));
            using var response = await NoRedirects.GetAsync(random.Next(2) == 0 ? good : edited);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                failures.Add($"{billId}: the good link answered {(int)response.StatusCode}");
                continue;
            }

            var bill = await f.Client.GetBillStatusAsync(billId);
            if (bill.Amount != Math.Round(amount, 2, MidpointRounding.ToZero) || bill.Currency != "RUB")
            {
                failures.Add($"{billId}: issued {bill.Amount} {bill.Currency} for {amount} {currency}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} wrong:\n" + string.Join("\n", failures.Take(12)));
    }

    [Theory]
    [InlineData("2026-13-01T1200")]
    [InlineData("tomorrow")]
    [InlineData("2026-11-27 12:00")]
    public async Task A_lifetime_that_cannot_be_read_is_refused_not_replaced(string lifetime)
    {
        await using var f = await SandboxFixture.StartAsync();
        var url = new Uri(f.Host.BaseUrl, $"order/external/create.action?from={f.ShopId}&currency=RUB&to=%2B79031234567&summ=5&txn_id=LT1&lifetime={Uri.EscapeDataString(lifetime)}");

        using var response = await NoRedirects.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lifetime", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await ExistsAsync(f, "LT1"));
    }

    private static async Task<bool> ExistsAsync(SandboxFixture f, string billId)
    {
        try
        {
            await f.Client.GetBillStatusAsync(billId);
            return true;
        }
        catch (Qiwi.Runtime.QiwiApiException)
        {
            return false;
        }
    }

    private static IEnumerable<(string What, Uri Url)> Tampered(Uri good, IReadOnlyDictionary<string, string> query, Random random)
    {
        var text = good.AbsoluteUri;
        foreach (var name in Signed.Where(query.ContainsKey))
        {
            var value = query[name];
            var at = random.Next(value.Length);
            var flipped = value[..at] + (char)(value[at] ^ (1 << random.Next(0, 6))) + value[(at + 1)..];
            if (flipped.All(c => c > ' ' && c < 0x7F))
            {
                yield return ($"{name} '{value}' -> '{flipped}'", Replace(text, name, value, flipped));
            }

            yield return ($"{name} removed", new Uri(text.Replace("&" + name + "=" + Uri.EscapeDataString(value), string.Empty, StringComparison.Ordinal).Replace("?" + name + "=" + Uri.EscapeDataString(value) + "&", "?", StringComparison.Ordinal)));
            yield return ($"{name} twice", new Uri(text + "&" + name + "=" + Uri.EscapeDataString(value)));
        }

        if (query.ContainsKey("summ"))
        {
            var more = (decimal.Parse(query["summ"], CultureInfo.InvariantCulture) + 0.01m).ToString("0.00", CultureInfo.InvariantCulture);
            yield return ("summ a cent more", Replace(text, "summ", query["summ"], more));
        }

        if (!query.ContainsKey("lifetime"))
        {
            yield return ("a lifetime added", new Uri(text + "&lifetime=2026-12-31T2359"));
        }

        var sign = query["sign"];
        yield return ("sign upper case", Replace(text, "sign", sign, sign.ToUpperInvariant()));
        yield return ("sign cut short", Replace(text, "sign", sign, sign[..^2]));
        yield return ("sign with a space", Replace(text, "sign", sign, sign + " "));
    }

    private static Uri Replace(string url, string name, string value, string replacement)
        => new(url.Replace(name + "=" + Uri.EscapeDataString(value), name + "=" + Uri.EscapeDataString(replacement), StringComparison.Ordinal));
}
