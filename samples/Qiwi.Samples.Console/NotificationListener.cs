using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Qiwi.AspNetCore;

namespace Qiwi.Samples.Console;

/// <summary>The merchant's notification endpoint, on its own loopback port, made with MapQiwiNotifications.</summary>
internal sealed class NotificationListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<BillNotification> _received = new();

    private NotificationListener(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First() + "/qiwi/notify");

    public static async Task<NotificationListener> StartAsync(string shopId, string notificationPassword)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new NotificationListener(app);
        app.MapQiwiNotifications(
            "/qiwi/notify",
            BillNotificationWebhook.Descriptor,
            new QiwiNotificationOptions { Authentication = QiwiNotificationAuthentication.Signature, ShopId = shopId, NotificationPassword = notificationPassword },
            (notification, _, _) =>
            {
                listener._received.Enqueue(notification);
                return Task.CompletedTask;
            });
        await app.StartAsync();
        return listener;
    }

    /// <summary>The next verified notification for <paramref name="billId"/>, or null after <paramref name="timeout"/>.</summary>
    public async Task<BillNotification?> WaitForAsync(string billId, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_received.FirstOrDefault(n => n.BillId == billId) is { } notification)
            {
                return notification;
            }

            await Task.Delay(50);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
