using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Qiwi.AspNetCore.Tests.Generated;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// A notification endpoint on a test server (shop 2042, Basic authorization with <see cref="Password"/>), the
/// documentation's example notification, and a post of it as QIWI makes one: what the hardening and race tests share.
/// </summary>
internal static class NotificationServer
{
    public const string Password = "notify-secret";

    /// <summary>The documentation's example notification for <paramref name="bill"/> in <paramref name="status"/>.</summary>
    public static KeyValuePair<string, string>[] Form(string bill, string status) =>
    [
        new("command", "bill"), new("bill_id", bill), new("status", status), new("error", "0"), new("amount", "1.00"),
        new("user", "tel:+79031811737"), new("prv_name", "Retail_Store"), new("ccy", "RUB"), new("comment", "test"),
    ];

    /// <summary>
    /// Starts an endpoint at <c>/qiwi/notify</c> with options <paramref name="configure"/> sets; forwarded headers honoured
    /// from <paramref name="trustedProxy"/>; <paramref name="pipeline"/> adds middleware before the endpoint.
    /// </summary>
    public static async Task<TestServer> Start(Action<QiwiNotificationOptions> configure, Func<BillNotification, HttpContext, CancellationToken, Task> handler, IPAddress? trustedProxy = null, ILoggerProvider? logs = null, Action<WebApplication>? pipeline = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        var app = builder.Build();
        if (trustedProxy is not null)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
            forwarded.KnownProxies.Add(trustedProxy);
            app.UseForwardedHeaders(forwarded);
        }

        pipeline?.Invoke(app);

        var options = new QiwiNotificationOptions { ShopId = "2042", NotificationPassword = Password };
        configure(options);
        app.MapQiwiNotifications("/qiwi/notify", BillNotificationWebhook.Descriptor, options, handler);
        await app.StartAsync();
        return app.GetTestServer();
    }

    /// <summary>
    /// Posts <paramref name="form"/> with the shop's Basic authorization from <paramref name="remote"/> (loopback by
    /// default); cancelling <paramref name="cancellationToken"/> aborts the request, as a client that gives up.
    /// </summary>
    public static Task<(HttpStatusCode Status, string Body)> Post(TestServer server, KeyValuePair<string, string>[] form, IPAddress? remote = null, string? forwardedFor = null, CancellationToken cancellationToken = default)
        => PostBody(server, Body(form), request =>
        {
            request.Headers.Authorization = BasicAuthorization;
            if (forwardedFor is not null)
            {
                request.Headers["X-Forwarded-For"] = forwardedFor;
            }

            request.HttpContext.Connection.RemoteIpAddress = remote ?? IPAddress.Loopback;
        }, cancellationToken);

    /// <summary>The shop's Basic authorization header value.</summary>
    public static string BasicAuthorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("2042:" + Password));

    /// <summary>The form as a body, each name and value escaped with <see cref="Uri.EscapeDataString"/>.</summary>
    public static byte[] Body(KeyValuePair<string, string>[] form)
        => Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));

    /// <summary>
    /// Posts <paramref name="body"/> as it is, as a form (<c>application/x-www-form-urlencoded</c>) from loopback;
    /// <paramref name="prepare"/> then sets headers (authorization, another Content-Type) as the test needs.
    /// </summary>
    public static Task<(HttpStatusCode Status, string Body)> PostBody(TestServer server, byte[] body, Action<HttpRequest> prepare, CancellationToken cancellationToken = default)
        => PostBody(server, new MemoryStream(body), prepare, cancellationToken);

    /// <summary>Posts the stream as the body (a test reads its position afterwards: how much of it the endpoint read).</summary>
    public static async Task<(HttpStatusCode Status, string Body)> PostBody(TestServer server, Stream body, Action<HttpRequest> prepare, CancellationToken cancellationToken = default)
    {
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/qiwi/notify";
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.Body = body;
            c.Connection.RemoteIpAddress = IPAddress.Loopback;
            prepare(c.Request);
        }, cancellationToken);
        return ((HttpStatusCode)context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }
}
