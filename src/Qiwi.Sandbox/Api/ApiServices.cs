using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Api;

/// <summary>
/// What every API request needs, resolved once for the app (one service lookup per request instead of four, and
/// no logger made per request: <see cref="ILoggerFactory.CreateLogger"/> takes the factory's lock).
/// </summary>
internal sealed class ApiServices(SandboxLedger ledger, SandboxClock clock, IOptions<SandboxOptions> options, ILoggerFactory loggers)
{
    public SandboxLedger Ledger => ledger;

    public SandboxClock Clock => clock;

    public SandboxOptions Options => options.Value;

    /// <summary>Category <c>Qiwi.Sandbox.Api</c> (the refusals' log lines).</summary>
    public ILogger Logger { get; } = loggers.CreateLogger("Qiwi.Sandbox.Api");
}
