using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qiwi.Sandbox.Tests;

/// <summary>A merchant that accepts every notification (HTTP 200, result code 0) and keeps each body as it came.</summary>
internal sealed class NotificationSink : IAsyncDisposable
{
    private WebApplication _app = null!;

    private NotificationSink()
    {
    }

    /// <summary>The bodies received (the form as sent, not decoded), in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Bodies { get; } = new();

    public Uri Url => new(_app.Urls.First() + "/notify");

    public static async Task<NotificationSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var sink = new NotificationSink { _app = builder.Build() };
        sink._app.MapPost("/notify", async (HttpContext context) =>
        {
            sink.Bodies.Enqueue(await new StreamReader(context.Request.Body).ReadToEndAsync());
            return Results.Text("<result><result_code>0</result_code></result>", "text/xml");
        });
        await sink._app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
