using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;
using Qiwi.Sandbox.Persistence;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Tests;

public sealed partial class IncrementalStoreTests
{
    /// <summary>
    /// A sandbox's store started on a data file, kept whether the start failed or not (what a failed start left in the
    /// ledger and the log is checked too); nothing is ticked by the test, and the shop has no notification URL, so no
    /// record is added after the load.
    /// </summary>
    private sealed class Started(StoreParts parts) : StoreParts(parts)
    {
        /// <summary>What the start threw, or null when it started.</summary>
        public Exception? Error { get; private set; }

        public static async Task<Started> StartAsync(string path, FakeTimeProvider fake, int seed, Action<SandboxStore>? before = null)
        {
            var started = new Started(Parts(path, fake, seed, merchantUrl: false, merchantRefuses: false));
            before?.Invoke(started.Store);
            try
            {
                await started.Store.StartAsync(default);
            }
            catch (Exception exception)
            {
                started.Error = exception;
            }

            return started;
        }

        /// <summary>Writes this state whole into another data file (a store that never loaded saves everything at its first save).</summary>
        public void SaveWholeTo(string path)
        {
            var options = new SandboxOptions { Shops = [Shop], DataFile = path };
            using var store = new SandboxStore(Options.Create(options), Ledger, Dispatcher, Clock);
            store.Save();
        }
    }
}
