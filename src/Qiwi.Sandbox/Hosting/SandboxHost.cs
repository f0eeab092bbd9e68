using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Hosting;

/// <summary>
/// The sandbox running in-process on a free loopback port: the embedded default for tests and samples.
/// <code>await using var sandbox = await SandboxHost.StartAsync();</code>
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the sandbox listens (<c>http://127.0.0.1:{port}/</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The sandbox's clock: the time provider given to <see cref="StartAsync"/> plus what the control API advanced it by.</summary>
    public SandboxClock Clock => _app.Services.GetRequiredService<SandboxClock>();

    /// <summary>The first configured shop (the test shop unless others are configured).</summary>
    public SandboxShop Shop => _app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.EffectiveShops[0];

    /// <summary>Starts a sandbox on 127.0.0.1 and a free port.</summary>
    /// <param name="timeProvider">The clock (a fake one lets tests move time); the system clock by default.</param>
    /// <param name="configure">Changes to the options (shops, refund settlement).</param>
    public static async Task<SandboxHost> StartAsync(TimeProvider? timeProvider = null, Action<SandboxOptions>? configure = null)
    {
        var app = SandboxApp.Build(Array.Empty<string>(), builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            if (timeProvider is not null)
            {
                builder.Services.Replace(ServiceDescriptor.Singleton(timeProvider));
            }

            if (configure is not null)
            {
                builder.Services.PostConfigure(configure);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SandboxHost(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
