using System.Diagnostics;
using System.Text;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>load &lt;base url&gt; &lt;seconds&gt; &lt;connections&gt; [shop id] [api id] [api password] [paid bill id]</c>: a bounded
/// load over loopback. Each connection loops a mix of create invoice, invoice status and refund (on a paid
/// invoice) for the given time; prints requests/s, p50/p99 latency, and how many answers were HTTP 200 without
/// <c>"result_code":0</c> (a refusal: the work asked for was not done) and the CPU time the driver itself used.
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

        // The two bodies are the same every time: encoded once (the driver shares the cores with the server under test).
        var createBody = Encoding.UTF8.GetBytes($"user=tel%3A%2B79031234567&amount=10.00&ccy=RUB&comment=load&lifetime={Uri.EscapeDataString(lifetime)}");
        var refundBody = Encoding.UTF8.GetBytes("amount=0.01");

        using var http = target.CreateClient(connections);

        var cpuBefore = CpuClock.Milliseconds();
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<double>[connections];
        var errors = 0;
        var refused = 0;
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
            {
                var id = $"L{worker}-{i}";
                using var request = (i % 3) switch
                {
                    0 => new HttpRequestMessage(HttpMethod.Put, $"api/v2/prv/{shopId}/bills/{id}") { Content = Form(createBody) },
                    1 => new HttpRequestMessage(HttpMethod.Get, $"api/v2/prv/{shopId}/bills/L{worker}-{i - 1}"),
                    _ => new HttpRequestMessage(HttpMethod.Put, $"api/v2/prv/{shopId}/bills/{paidBill}/refund/R{worker}x{i}") { Content = Form(refundBody) },
                };
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request).ConfigureAwait(false);
                    var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    else if (body.AsSpan().IndexOf("\"result_code\":0"u8) < 0)
                    {
                        Interlocked.Increment(ref refused);   // HTTP 200 with a refusal: the server did not do what was asked
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
        var driverCpuSeconds = (CpuClock.Milliseconds() - cpuBefore) / 1000;

        var all = latencies.SelectMany(l => l).Order().ToList();
        double Percentile(double p) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(p * all.Count))];
        Console.WriteLine($"requests {all.Count}, errors {errors}, requests/s {all.Count / duration.TotalSeconds:0}, p50 {Percentile(0.50):0.00} ms, p99 {Percentile(0.99):0.00} ms, refused (HTTP 200 without result code 0) {refused}, driver CPU {driverCpuSeconds:0.0} s");
        return 0;
    }

    /// <summary>The form with the header <c>StringContent</c> would send (<c>application/x-www-form-urlencoded; charset=utf-8</c>).</summary>
    private static ByteArrayContent Form(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        return content;
    }
}
