using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qiwi.Sandbox.Tests;

/// <summary>A merchant that accepts every notification (HTTP 200, result code 0).</summary>
internal sealed class NotificationSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NotificationSink(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First() + "/notify");

    public static async Task<NotificationSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/notify", () => Results.Text("<result><result_code>0</result_code></result>", "text/xml"));
        await app.StartAsync();
        return new NotificationSink(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
