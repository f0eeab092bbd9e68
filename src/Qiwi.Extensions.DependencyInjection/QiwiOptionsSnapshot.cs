using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.Runtime;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>
/// The options a new client is made with, never bound across a reload. Binding reads the configuration one key at a
/// time, so a file that changes in the middle gives options of two versions (the API ID and host of the old file,
/// the password of the new): the password of one shop sent to another's host. The options' change tokens are taken
/// before they are read; when one fired meanwhile, the options are dropped from the cache and made again.
/// </summary>
internal static class QiwiOptionsSnapshot
{
    /// <summary>How often a client's options are made again while reloads keep coming, before the last ones are taken.</summary>
    internal const int MaxRebinds = 8;

    public static TOptions Get<TOptions>(IServiceProvider provider, string name)
        where TOptions : QiwiClientOptions
    {
        var monitor = provider.GetRequiredService<IOptionsMonitor<TOptions>>();
        var sources = provider.GetServices<IOptionsChangeTokenSource<TOptions>>().Where(source => source.Name == name).ToArray();
        if (sources.Length == 0)
        {
            return monitor.Get(name); // nothing reloads these options
        }

        var cache = provider.GetRequiredService<IOptionsMonitorCache<TOptions>>();
        for (var attempt = 0; ; attempt++)
        {
            var tokens = Array.ConvertAll(sources, static source => source.GetChangeToken());
            var options = monitor.Get(name);
            if (attempt == MaxRebinds || !Array.Exists(tokens, static token => token.HasChanged))
            {
                return options;
            }

            // A reload came while they were read: the cached options may be the torn ones (the monitor may not have
            // dropped them yet), so drop them here and read again.
            cache.TryRemove(name);
        }
    }
}
