using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Qiwi.Runtime;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests.Chaos;

/// <summary>How big a chaos run is. <see cref="Duration"/> (the long script) runs scenarios until it elapses instead of a fixed count.</summary>
internal sealed record ChaosSettings(int Seed, int Workers, int ScenariosPerWorker, RepeatedRefundId Mode, TimeSpan? Duration = null)
{
    /// <summary>The CI size (16 workers, 40 scenarios each), or what QIWI_CHAOS_WORKERS / QIWI_CHAOS_SCENARIOS / QIWI_CHAOS_SECONDS / QIWI_CHAOS_SEED say (the long script).</summary>
    public static ChaosSettings FromEnvironment(int seed, RepeatedRefundId mode)
    {
        static int? Read(string name) => int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
        var seconds = Read("QIWI_CHAOS_SECONDS");
        return new ChaosSettings(Read("QIWI_CHAOS_SEED") ?? seed, Read("QIWI_CHAOS_WORKERS") ?? 16, Read("QIWI_CHAOS_SCENARIOS") ?? 40, mode, seconds is { } s ? TimeSpan.FromSeconds(s) : null);
    }
}

/// <summary>What a chaos run saw: every call, the ledger read back, exceptions that are not the runtime's, faults scheduled.</summary>
/// <param name="RequestsCovered">How many API requests the fault schedule reached (faulted or let through).</param>
internal sealed record ChaosReport(IReadOnlyList<ChaosCall> Calls, IReadOnlyList<LedgerEntry> Ledger, IReadOnlyList<Exception> Escaped, IReadOnlyDictionary<string, int> Faults, int RequestsCovered, TimeSpan Elapsed);

/// <summary>
/// Many concurrent workers create, pay, cancel and refund (partial, concurrent, repeated and conflicting
/// refund ids) through the generated client with retries, against the in-process sandbox on loopback with
/// seeded faults before and after its ledger commits; then the whole ledger is read back.
/// </summary>
internal static class ChaosRun
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMilliseconds(800);

    public static async Task<ChaosReport> RunAsync(ChaosSettings settings)
    {
        await using var host = await SandboxHost.StartAsync(TimeProvider.System, o => o.RepeatedRefundId = settings.Mode);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var client = new QiwiPullClient(http, new QiwiPullClientOptions
        {
            SandboxBaseUrl = host.BaseUrl,
            ShopId = host.Shop.ShopId,
            ApiId = host.Shop.ApiId,
            ApiPassword = host.Shop.ApiPassword,
            Timeout = ClientTimeout,
            Retry = new QiwiRetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(8) },
        });
        var schedule = new FaultSchedule(settings.Seed, ClientTimeout);
        var expectedRequests = settings.Workers * settings.ScenariosPerWorker * 6;
        await PostAsync(http, host.BaseUrl, schedule.Next(settings.Duration is null ? expectedRequests : 20_000));

        var calls = new ConcurrentQueue<ChaosCall>();
        var escaped = new ConcurrentQueue<Exception>();
        var stopwatch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var topUp = settings.Duration is null ? Task.CompletedTask : TopUpAsync(http, host.BaseUrl, schedule, stop.Token);
        var workers = Enumerable.Range(0, settings.Workers).Select(w => Task.Run(async () =>
        {
            var worker = new ChaosWorker(client, http, host.BaseUrl, host.Shop.ShopId, new Random(HashCode.Combine(settings.Seed, w)), calls, escaped);
            for (var i = 0; settings.Duration is { } duration ? stopwatch.Elapsed < duration : i < settings.ScenariosPerWorker; i++)
            {
                await worker.ScenarioAsync($"C{w}x{i}");
            }
        })).ToArray();
        await Task.WhenAll(workers);
        await stop.CancelAsync();
        await topUp;
        var elapsed = stopwatch.Elapsed;
        var left = (await http.GetFromJsonAsync<PendingFaults>(new Uri(host.BaseUrl, "sandbox/control/faults"), Qiwi.Sandbox.Control.SandboxControlJson.Options))!.Pending;

        using (await http.DeleteAsync(new Uri(host.BaseUrl, "sandbox/control/faults")))
        {
        }

        var ledger = (await http.GetFromJsonAsync<List<LedgerEntry>>(new Uri(host.BaseUrl, "sandbox/control/ledger"), Qiwi.Sandbox.Control.SandboxControlJson.Options))!;
        return new ChaosReport(calls.ToList(), ledger, escaped.ToList(), schedule.Counts, schedule.Scheduled - left, elapsed);
    }

    private static async Task TopUpAsync(HttpClient http, Uri baseUrl, FaultSchedule schedule, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
                var pending = (await http.GetFromJsonAsync<PendingFaults>(new Uri(baseUrl, "sandbox/control/faults"), Qiwi.Sandbox.Control.SandboxControlJson.Options, stop))!.Pending;
                if (pending < 10_000)
                {
                    await PostAsync(http, baseUrl, schedule.Next(10_000));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private sealed record PendingFaults(int Pending);

    private static async Task PostAsync(HttpClient http, Uri baseUrl, List<object> faults)
    {
        foreach (var fault in faults)
        {
            using var response = await http.PostAsJsonAsync(new Uri(baseUrl, "sandbox/control/faults"), fault, Qiwi.Sandbox.Control.SandboxControlJson.Options);
            response.EnsureSuccessStatusCode();
        }
    }
}
