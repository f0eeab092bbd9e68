using Microsoft.Extensions.Configuration;

namespace Qiwi.DependencyInjection.Tests.Infrastructure;

/// <summary>A configuration source whose whole data is replaced at once, then reloaded, as a file provider does when its file changes.</summary>
internal sealed class SwappableConfiguration : ConfigurationProvider, IConfigurationSource
{
    public SwappableConfiguration(IDictionary<string, string?> data) => Swap(data, reload: false);

    /// <summary>Called with each key read, before it is looked up: a test swaps the data there, in the middle of a bind.</summary>
    public Action<string>? BeforeRead { get; set; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override bool TryGet(string key, out string? value)
    {
        BeforeRead?.Invoke(key);
        return base.TryGet(key, out value);
    }

    public void Swap(IDictionary<string, string?> data, bool reload = true)
    {
        Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
        if (reload)
        {
            OnReload();
        }
    }
}
