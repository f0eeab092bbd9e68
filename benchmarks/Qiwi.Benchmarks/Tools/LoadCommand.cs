using System.Diagnostics;
using System.Text;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>load &lt;base url&gt; &lt;seconds&gt; &lt;connections&gt; [shop id] [api id] [api password] [paid bill id]</c>: a bounded
/// load over loopback. Each connection loops a mix of create invoice, invoice status and refund (on a paid
/// invoice) for the given time; prints requests/s and p50/p99 latency.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var duration = TimeSpan.FromSeconds(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        var connections = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        var target = LoopbackTarget.Parse(args, 4);
        var shopId = target.ShopId;
        var paidBill = args.Length > 7 ? args[7] : "BILL-1";
        var lifetime = DateTimeOffset.UtcNow.AddDays(1).ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        using var http = target.CreateClient(connections);

        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<double>[connections];
        var errors = 0;
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
            {
                var id = $"L{worker}-{i}";
                using var request = (i % 3) switch
                {
                    0 => new HttpRequestMessage(HttpMethod.Put, $"api/v2/prv/{shopId}/bills/{id}") { Content = Form($"user=tel%3A%2B79031234567&amount=10.00&ccy=RUB&comment=load&lifetime={Uri.EscapeDataString(lifetime)}") },
                    1 => new HttpRequestMessage(HttpMethod.Get, $"api/v2/prv/{shopId}/bills/L{worker}-{i - 1}"),
                    _ => new HttpRequestMessage(HttpMethod.Put, $"api/v2/prv/{shopId}/bills/{paidBill}/refund/R{worker}x{i}") { Content = Form("amount=0.01") },
                };
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request).ConfigureAwait(false);
                    await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).Order().ToList();
        double Percentile(double p) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(p * all.Count))];
        Console.WriteLine($"requests {all.Count}, errors {errors}, requests/s {all.Count / duration.TotalSeconds:0}, p50 {Percentile(0.50):0.00} ms, p99 {Percentile(0.99):0.00} ms");
        return 0;
    }

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");
}
