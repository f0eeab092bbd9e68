using System.Runtime.CompilerServices;

namespace Qiwi.Tests.Shared;

/// <summary>
/// Hosts built by a test process (and the processes it starts) do not watch their configuration files. Each host's
/// default configuration watches appsettings*.json with an inotify instance, and Linux allows 128 per user by
/// default: the notification, sandbox and sample tests start dozens of hosts at once, and two such runs side by side
/// failed to start hosts ("The configured user limit (128) on the number of inotify instances has been reached").
/// No test edits a configuration file while its host runs.
/// </summary>
internal static class NoConfigFileWatchers
{
#pragma warning disable CA2255 // a test assembly's own set-up, run before any test builds a host
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Disable() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
