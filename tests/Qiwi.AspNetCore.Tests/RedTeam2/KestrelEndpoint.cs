using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qiwi.AspNetCore.Tests.Generated;

namespace Qiwi.AspNetCore.Tests.RedTeam2;

/// <summary>
/// The notification endpoint on a real Kestrel at 127.0.0.1 (plain HTTP), shop 2042 as <see cref="NotificationServer"/>,
/// with the options and Kestrel's limits a test sets, and a raw TCP client that writes a request in the pieces it is
/// given: what the trickle and chunking tests need and a test server cannot give (Kestrel's own body parsing, data
/// rate and limits).
/// </summary>
internal sealed class KestrelEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private KestrelEndpoint(WebApplication app, QiwiNotificationOptions options, int port)
    {
        _app = app;
        Options = options;
        Port = port;
    }

    public QiwiNotificationOptions Options { get; }

    public int Port { get; }

    /// <summary>The endpoint's address over HTTP or HTTPS.</summary>
    public Uri Address(bool https) => new($"{(https ? "https" : "http")}://127.0.0.1:{Port}/qiwi/notify");

    /// <summary>How many times the handler ran.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Starts the endpoint at <c>/qiwi/notify</c>; <paramref name="handler"/> (after the count) may block to keep a request in flight.</summary>
    /// <param name="configure">The endpoint's options (shop 2042 and its password are set first).</param>
    /// <param name="kestrel">Kestrel's limits.</param>
    /// <param name="handler">Called after the count.</param>
    /// <param name="logs">Where the app logs.</param>
    /// <param name="listen">The listener (TLS, say).</param>
    /// <param name="services">More services (authentication, certificate forwarding).</param>
    /// <param name="pipeline">Middleware before the endpoint.</param>
    public static async Task<KestrelEndpoint> Start(
        Action<QiwiNotificationOptions> configure,
        Action<KestrelServerOptions>? kestrel = null,
        Func<BillNotification, HttpContext, CancellationToken, Task>? handler = null,
        ILoggerProvider? logs = null,
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions>? listen = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? pipeline = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => listen?.Invoke(l));
            kestrel?.Invoke(k);
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        pipeline?.Invoke(app);
        var options = new QiwiNotificationOptions { ShopId = "2042", NotificationPassword = NotificationServer.Password };
        configure(options);
        KestrelEndpoint? endpoint = null;
        app.MapQiwiNotifications("/qiwi/notify", BillNotificationWebhook.Descriptor, options, (n, c, t) =>
        {
            Interlocked.Increment(ref endpoint!._calls);
            return handler?.Invoke(n, c, t) ?? Task.CompletedTask;
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        endpoint = new KestrelEndpoint(app, options, address.Port);
        return endpoint;
    }

    /// <summary>The request head: POST, the given headers, then the blank line (CRLF everywhere).</summary>
    public static byte[] Head(params string[] headers)
        => Encoding.ASCII.GetBytes("POST /qiwi/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n");

    /// <summary>
    /// <paramref name="body"/> in chunked transfer coding, cut at the chunk sizes <paramref name="random"/> draws (1 to
    /// <paramref name="largest"/>), each size line padded with up to 6 leading zeros at random (as HTTP allows).
    /// </summary>
    public static byte[] Chunked(byte[] body, Random random, int largest)
    {
        var encoded = new MemoryStream();
        for (var at = 0; at < body.Length;)
        {
            var size = Math.Min(body.Length - at, random.Next(1, largest + 1));
            encoded.Write(Encoding.ASCII.GetBytes(new string('0', random.Next(7)) + size.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"));
            encoded.Write(body, at, size);
            encoded.Write("\r\n"u8);
            at += size;
        }

        encoded.Write("0\r\n\r\n"u8);
        return encoded.ToArray();
    }

    /// <summary>
    /// Opens a connection and writes <paramref name="request"/> in writes of the sizes <paramref name="random"/> draws
    /// (1 to <paramref name="largest"/> bytes, each flushed on its own: no Nagle), pausing <paramref name="pause"/>
    /// after each; then reads the answer to the end. Returns the HTTP status and the result code (null when the body
    /// holds none), or null for both when the server ended the connection before answering, and how many bytes of
    /// the request were written before the server's answer or close was seen.
    /// </summary>
    public async Task<RawAnswer> Send(byte[] request, Random random, int largest, TimeSpan pause = default)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, Port);
        var reply = new MemoryStream();
        var reading = ReadAll(socket, reply);
        var written = 0;
        try
        {
            while (written < request.Length && !reading.IsCompleted)
            {
                var size = Math.Min(request.Length - written, random.Next(1, largest + 1));
                written += await socket.SendAsync(request.AsMemory(written, size), SocketFlags.None);
                if (pause > TimeSpan.Zero)
                {
                    await Task.WhenAny(reading, Task.Delay(pause));
                }
            }
        }
        catch (SocketException)
        {
            // The server closed or reset the connection while the request was being written: its answer (if any) is read below.
        }

        await reading.WaitAsync(TimeSpan.FromSeconds(60));
        return RawAnswer.Parse(reply.ToArray(), written);
    }

    private static async Task ReadAll(Socket socket, MemoryStream into)
    {
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                into.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // A reset after (or instead of) the answer: what was read is what there is.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>What came back on a raw connection.</summary>
    internal sealed record RawAnswer(int? Status, int? ResultCode, int Written, string Text)
    {
        public static RawAnswer Parse(byte[] bytes, int written)
        {
            var text = Encoding.UTF8.GetString(bytes);
            if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                return new RawAnswer(null, null, written, text);
            }

            var status = int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
            var open = text.IndexOf("<result_code>", StringComparison.Ordinal);
            int? code = open < 0 ? null : int.Parse(text.AsSpan(open + 13, text.IndexOf('<', open + 13) - open - 13), System.Globalization.CultureInfo.InvariantCulture);
            return new RawAnswer(status, code, written, text);
        }

        public override string ToString() => $"HTTP {Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, result {ResultCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, {Written} bytes written";
    }
}
