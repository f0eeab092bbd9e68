using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>Tells the options system that a client's options change when its configuration section reloads (what <c>Bind</c> registers).</summary>
internal sealed class QiwiConfigurationChangeTokenSource<TOptions>(string name, IConfiguration configuration) : IOptionsChangeTokenSource<TOptions>
{
    public string Name { get; } = name;

    public IChangeToken GetChangeToken() => configuration.GetReloadToken();
}
