using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Qiwi.Runtime;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>
/// The options a new client is made with, never bound across a reload. Binding reads the configuration one key at a
/// time, so a file that changes in the middle gives options of two versions (the API ID and host of the old file,
/// the password of the new): the password of one shop sent to another's host. Such options are cached until the
/// reload's notification drops them, which comes a moment after the new data is in place, and others may take them
/// from the cache meanwhile. So where the options can reload (they have a change token source), the options taken are
/// confirmed by binding them once more (once per options instance while no reload is signalled), and the change tokens are taken before both: when the two differ in any
/// setting, or a token fired meanwhile, the cached ones are dropped and both read again. Two reads that agree with no
/// reload signalled come from one version, unless the file went back and forth so that both reads were torn alike
/// and the last swap's notification had not come yet.
/// </summary>
internal static class QiwiOptionsSnapshot
{
    /// <summary>How often a client's options are read again while reloads keep coming, before the client is refused (never made with a mix).</summary>
    internal const int MaxRereads = 64;

    /// <summary>What the options system needs of an options type (a constructor) and what <see cref="SameSettings"/> reads (its public properties).</summary>
    internal const DynamicallyAccessedMemberTypes OptionsMembers = DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties;

    /// <summary>Each options instance confirmed, with the change tokens taken before it was read (weak: gone with the instance).</summary>
    private static readonly ConditionalWeakTable<object, IChangeToken[]> Confirmed = new();

    /// <summary>The options for a new client of <paramref name="name"/>, confirmed as one version of the configuration where it can reload.</summary>
    /// <remarks>The settings are compared property by property, so the trimmer keeps <typeparamref name="TOptions"/>'s public properties.</remarks>
    public static TOptions Get<[DynamicallyAccessedMembers(OptionsMembers)] TOptions>(IServiceProvider provider, string name)
        where TOptions : QiwiClientOptions
    {
        var monitor = provider.GetRequiredService<IOptionsMonitor<TOptions>>();
        var sources = provider.GetServices<IOptionsChangeTokenSource<TOptions>>().Where(source => source.Name == name).ToArray();
        if (sources.Length == 0)
        {
            return monitor.Get(name); // nothing reloads these options
        }

        // Options confirmed before, with no reload signalled since, are those of one version still: clients are
        // transient, and binding again on every resolution would put a configuration bind on every request's path.
        var current = monitor.Get(name);
        if (Confirmed.TryGetValue(current, out var since) && !Array.Exists(since, static token => token.HasChanged))
        {
            return current;
        }

        var factory = provider.GetRequiredService<IOptionsFactory<TOptions>>();
        var cache = provider.GetRequiredService<IOptionsMonitorCache<TOptions>>();
        for (var attempt = 0; ; attempt++)
        {
            var tokens = Array.ConvertAll(sources, static source => source.GetChangeToken());
            var options = monitor.Get(name);
            var again = factory.Create(name);
            if (!Array.Exists(tokens, static token => token.HasChanged) && SameSettings(typeof(TOptions), options, again))
            {
                Confirmed.AddOrUpdate(options, tokens);
                return options;
            }

            if (attempt == MaxRereads)
            {
                throw new InvalidOperationException($"QIWI client '{name}': its configuration changed {MaxRereads} times while it was read; the client is not made with settings of two versions.");
            }

            cache.TryRemove(name);
        }
    }

    /// <summary>Whether every setting (each public property of a plain value type, string or URL, and those of the retry options) is equal.</summary>
    internal static bool SameSettings([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type, object first, object second)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            var (a, b) = (property.GetValue(first), property.GetValue(second));
            var same = IsPlain(property.PropertyType) ? Equals(a, b)
                : a is QiwiRetryOptions && b is QiwiRetryOptions ? SameSettings(typeof(QiwiRetryOptions), a, b)
                : true; // the clock, the jitter: not read from configuration
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlain(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain.IsPrimitive || plain.IsEnum || plain == typeof(string) || plain == typeof(Uri) || plain == typeof(decimal)
            || plain == typeof(TimeSpan) || plain == typeof(DateTime) || plain == typeof(DateTimeOffset) || plain == typeof(Guid);
    }
}
