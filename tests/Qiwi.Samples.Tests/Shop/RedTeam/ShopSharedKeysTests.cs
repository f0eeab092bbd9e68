using System.Net;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// Instances started together on a fresh database each make their first data-protection key at the same moment:
/// the admin cookie and the antiforgery tokens one issues must still be read by the other.
/// </summary>
public sealed class ShopSharedKeysTests
{
    [SkippableFact]
    public async Task An_admin_signed_in_on_one_instance_started_together_with_another_works_on_both()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        // What two instances starting together can end with, made certain: each made its own first key, before it could
        // see the other's (a's key is hidden while b starts and makes its own, then put back).
        await using var a = await ShopHost.StartAsync(sandbox, database.ConnectionString, notify: false);
        using (var first = new HttpClient { BaseAddress = a.Url })
        {
            Assert.Contains("__RequestVerificationToken", await first.GetStringAsync(""), StringComparison.Ordinal);
        }

        await database.ScalarAsync<long>("CREATE TABLE hidden_keys AS SELECT * FROM data_protection_keys; DELETE FROM data_protection_keys; SELECT 0::bigint");
        await using var b = await ShopHost.StartAsync(sandbox, database.ConnectionString, notify: false);
        using (var first = new HttpClient { BaseAddress = b.Url })
        {
            Assert.Contains("__RequestVerificationToken", await first.GetStringAsync(""), StringComparison.Ordinal);
        }

        Assert.Equal(2L, await database.ScalarAsync<long>("INSERT INTO data_protection_keys SELECT * FROM hidden_keys; SELECT COUNT(*) FROM data_protection_keys"));
        var placed = await a.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);
        using (var paid = await new HttpClient().PostAsync(new Uri(sandbox.BaseUrl, $"sandbox/control/bills/{sandbox.Shop.ShopId}/{placed.Order.Id}/pay"), null))
        {
            Assert.True(paid.IsSuccessStatusCode);
        }

        await a.Services.GetRequiredService<Checkout>().RefreshAsync(placed.Order.Id, "test", CancellationToken.None);

        // One browser, signed in on a; its cookies (admin and antiforgery) sent to b as a load balancer would.
        var cookies = new CookieContainer();
        using var onA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = a.Url };
        using var signIn = await ShopBrowser.SignInAsync(onA, ShopHost.AdminPassword, "/admin");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var token = ShopBrowser.Token(await onA.GetStringAsync("admin"));

        var shared = new CookieContainer();
        foreach (Cookie cookie in cookies.GetCookies(a.Url))
        {
            shared.Add(b.Url, new Cookie(cookie.Name, cookie.Value, "/"));
        }

        using var onB = new HttpClient(new HttpClientHandler { CookieContainer = shared, AllowAutoRedirect = false }) { BaseAddress = b.Url };
        using (var page = await onB.GetAsync("admin"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using var refund = await onB.PostAsync($"admin/orders/{placed.Order.Id}/refunds", new FormUrlEncodedContent([new("amount", "100"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, refund.StatusCode);
        Assert.Equal(RefundState.Success, Assert.Single(await b.Services.GetRequiredService<RefundRepository>().ListAsync(placed.Order.Id, CancellationToken.None)).Status);
    }
}
