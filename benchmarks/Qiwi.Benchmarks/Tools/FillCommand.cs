using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>fill &lt;base url&gt; &lt;count&gt; &lt;connections&gt; [shop id] [api id] [api password]</c>: creates <c>count</c> invoices
/// (<c>F0</c>, <c>F1</c>, ...) through the sandbox's public API over loopback, so a load run can be measured
/// against a sandbox that holds that many (benchmarks/sandbox-scaling.sh). Bounded by the count; stops at the
/// first refused create.
/// </summary>
internal static class FillCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var connections = int.Parse(args[3], CultureInfo.InvariantCulture);
        var target = LoopbackTarget.Parse(args, 4);
        var lifetime = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        var body = Encoding.UTF8.GetBytes($"user=tel%3A%2B79031234567&amount=10.00&ccy=RUB&comment=fill&lifetime={lifetime}");

        using var http = target.CreateClient(connections);
        var next = -1;
        var failure = (string?)null;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            for (var n = Interlocked.Increment(ref next); n < count && failure is null; n = Interlocked.Increment(ref next))
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
                using var response = await http.PutAsync($"api/v2/prv/{target.ShopId}/bills/F{n}", content).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    failure = $"F{n}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
                }
            }
        }));
        if (failure is not null)
        {
            Console.Error.WriteLine("fill stopped: " + failure);
            return 1;
        }

        Console.WriteLine($"filled {count} invoices");
        return 0;
    }
}
