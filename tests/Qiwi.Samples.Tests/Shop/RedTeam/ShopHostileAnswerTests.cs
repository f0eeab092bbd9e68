using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// A QIWI (or something between it and the shop) answering every call with an error whose description is long and
/// ends in characters outside the BMP: the shop shows a readable outcome, stores it, and its reconciliation goes on.
/// </summary>
public sealed class ShopHostileAnswerTests
{
    [SkippableTheory]
    [InlineData("sqlite", 20_000)]
    [InlineData("postgresql", 20_000)]
    [InlineData("postgresql", 1)]
    [InlineData("postgresql", 2)]
    public async Task A_long_description_ending_in_emoji_is_shown_and_stored_and_blocks_nothing(string storage, int length)
    {
        // 'x's then emoji: with a run of 1 or 2 'x's, one of the two cases has a clip of the text at any fixed length fall
        // inside a surrogate pair.
        var description = new string('x', length) + string.Concat(Enumerable.Repeat("\U0001F600", 400));
        await using var qiwi = await FakeQiwiAsync(description);
        await using var sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        await using var postgres = storage == "postgresql" ? await TestPostgres.CreateAsync() : null;
        var connectionString = postgres?.ConnectionString ?? ShopHost.TemporarySqlite(out _);
        await using var shop = await ShopApp.StartAsync([.. ShopHost.Arguments(sandbox, connectionString, reconcile: false), "--Qiwi:SandboxBaseUrl=" + qiwi.Urls.First() + "/"], "http://127.0.0.1:0");

        var orders = shop.Services.GetRequiredService<OrderRepository>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var order = new OrderRecord { Id = "SHOP-HOSTILE-1", Customer = "c1", Product = "p", Phone = "+79031234567", AmountKopecks = 150000, Status = "new", CreatedAt = now, UpdatedAt = now, ExpiresAt = now + 86_400_000 };
        Assert.True(await orders.TryInsertAsync(order, TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Applied, await orders.ApplyAsync(order.Id, "paid", 1500m, "RUB", "test", null, CancellationToken.None));

        // The admin refunds: the outcome (QIWI's words) comes back in a cookie a browser keeps (at most 4096 bytes).
        using var admin = await ShopBrowser.AdminAsync(shop.Url);
        var token = ShopBrowser.Token(await admin.GetStringAsync("admin"));
        using var refund = await admin.PostAsync($"admin/orders/{order.Id}/refunds", new FormUrlEncodedContent([new("amount", "100"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, refund.StatusCode);
        Assert.All(refund.Headers.GetValues("Set-Cookie"), cookie => Assert.True(cookie.Length <= 4096, $"a Set-Cookie of {cookie.Length} bytes"));
        var page = await admin.GetStringAsync("admin");
        Assert.Contains("QIWI answered 5", page, StringComparison.Ordinal);

        // Stored with its reason, and a reconciliation pass goes through it (and again) without failing.
        var stored = Assert.Single(await shop.Services.GetRequiredService<RefundRepository>().ListAsync(order.Id, CancellationToken.None));
        Assert.StartsWith("QIWI answered 5", stored.Problem, StringComparison.Ordinal);
        await Task.Delay(100); // the refund's next check is due after the test's first backoff delay (50 ms)
        Assert.NotNull(await shop.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None));
    }

    /// <summary>A server answering every API call with result code 5 and <paramref name="description"/>.</summary>
    private static async Task<WebApplication> FakeQiwiAsync(string description)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var body = System.Text.Json.JsonSerializer.Serialize(new { response = new { result_code = 5, description } });
        app.Map("/{**path}", (HttpContext context) => Results.Content(body, "application/json"));
        await app.StartAsync();
        return app;
    }
}
