using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The documented retry schedule of a notification the merchant keeps refusing: waits of 10 s doubling to at most
/// 30 min, 50 attempts, none more than 24 hours after the first; at any time scale, each attempt at its due time on
/// the sandbox's clock. Time is moved from outside, through the control API.
/// </summary>
public sealed class NotificationScheduleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(600)]
    [InlineData(3600)]
    public async Task A_refused_notification_is_repeated_exactly_as_documented(double scale)
    {
        await using var merchant = await RefusingMerchant.StartAsync();
        await using var f = await SandboxFixture.StartAsync(shop: s => s.NotificationUrl = merchant.Url, notificationTimeScale: scale);
        await f.CreateBillAsync("SCHED-1");
        await f.Client.CancelBillAsync("SCHED-1");

        await f.AdvanceAsync(Scaled(TimeSpan.FromHours(30), scale));
        var record = (await f.ControlGetAsync("notifications")).EnumerateArray().Single();
        var attempts = record.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("at").GetDateTimeOffset()).ToList();

        Assert.Equal(50, attempts.Count);
        Assert.Equal(50, merchant.Received);
        Assert.True(record.GetProperty("gave_up").GetBoolean());
        for (var n = 1; n < attempts.Count; n++)
        {
            var documented = TimeSpan.FromSeconds(Math.Min(10 * Math.Pow(2, n - 1), 1800));
            Assert.Equal(Scaled(documented, scale), attempts[n] - attempts[n - 1]);
        }

        Assert.True(attempts[^1] - attempts[0] <= Scaled(TimeSpan.FromHours(24), scale));
        Assert.Equal(500, record.GetProperty("attempts")[49].GetProperty("http_status").GetInt32());
    }

    private static TimeSpan Scaled(TimeSpan span, double scale) => TimeSpan.FromTicks((long)Math.Round(span.Ticks / scale));

    /// <summary>A merchant whose notification endpoint always answers HTTP 500.</summary>
    private sealed class RefusingMerchant : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _received;

        private RefusingMerchant(WebApplication app) => _app = app;

        public Uri Url => new(_app.Urls.First() + "/notify");

        public int Received => Volatile.Read(ref _received);

        public static async Task<RefusingMerchant> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var merchant = new RefusingMerchant(app);
            app.MapPost("/notify", () =>
            {
                Interlocked.Increment(ref merchant._received);
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            });
            await app.StartAsync();
            return merchant;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
