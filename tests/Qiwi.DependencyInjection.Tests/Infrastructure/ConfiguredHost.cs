using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qiwi.DependencyInjection.Tests.Generated;

namespace Qiwi.DependencyInjection.Tests.Infrastructure;

/// <summary>
/// A generic host configured as the README's web shop is: section <c>Qiwi</c> of an appsettings JSON text and
/// command-line arguments, bound by <c>AddQiwiPullClient(options =&gt; qiwi.Bind(options))</c>, validated when it starts.
/// </summary>
internal static class ConfiguredHost
{
    public static async Task<IHost> StartAsync(string appsettingsJson, RecordingHandler handler, params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(appsettingsJson)));
        builder.Configuration.AddCommandLine(args);
        var qiwi = builder.Configuration.GetSection("Qiwi");
        builder.Services.AddQiwiPullClient(options => qiwi.Bind(options)).ConfigurePrimaryHttpMessageHandler(() => handler);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
