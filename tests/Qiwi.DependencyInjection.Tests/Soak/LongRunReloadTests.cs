using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.DependencyInjection.Tests.Infrastructure;
using Xunit.Abstractions;
using Qiwi.Testing;

namespace Qiwi.DependencyInjection.Tests.Soak;

/// <summary>
/// A client registered from a configuration section (<c>AddQiwiPullClient(IConfiguration)</c>) in an app that runs for
/// months while its configuration reloads (a rotated password, a moved host): thousands of reloads, each followed by
/// clients resolved and called. Whatever each reload registers (the options monitor's change callback, the snapshot's
/// confirmed options and their tokens) is let go with the version it belongs to: the heap after a full collection grows
/// by no more than a bound per thousand reloads in either of two windows after a warm-up, and the last client made has
/// the last settings. QIWI_SOAK_CALLS sets the reloads per window (benchmarks/soak.sh runs millions).
/// </summary>
[Collection(HeapMeasurements.Name)]
public sealed class LongRunReloadTests(ITestOutputHelper output)
{
    /// <summary>What the heap may grow by per thousand reloads in a window once warm (options, a client and a callback kept per reload are kilobytes each).</summary>
    private const long BytesPerThousand = 32 * 1024;

    private static Dictionary<string, string?> Shop(int i) => new()
    {
        ["Qiwi:ShopId"] = (1000 + (i % 2)).ToString(CultureInfo.InvariantCulture),
        ["Qiwi:ApiId"] = "500",
        ["Qiwi:ApiPassword"] = "password-" + i.ToString(CultureInfo.InvariantCulture),
        ["Qiwi:BaseUrl"] = "https://api" + (i % 2) + ".qiwi.test",
    };

    [Fact]
    public async Task Thousands_of_reloads_each_followed_by_calls_keep_a_flat_heap_and_the_last_settings()
    {
        var window = LongRun.Calls(defaultCalls: 20000);
        var source = new SwappableConfiguration(Shop(0));
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var handler = new CountingHandler();
        var services = new ServiceCollection();
        services.AddQiwiPullClient(configuration.GetSection("Qiwi")).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();
        var reload = 0;

        async Task Reloads(int count)
        {
            for (var i = 0; i < count; i++)
            {
                source.Swap(Shop(++reload));
                for (var c = 0; c < 2; c++)
                {
                    var client = provider.GetRequiredService<IQiwiPullClient>();
                    Assert.Equal("password-" + reload.ToString(CultureInfo.InvariantCulture), ((QiwiPullClient)client).Options.ApiPassword);
                    await client.GetBillStatusAsync("B" + i.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        await Reloads(window);   // warm-up
        var before = LongRun.Heap();
        await Reloads(window);
        var first = LongRun.Heap();
        await Reloads(window);
        var second = LongRun.Heap();
        for (var extra = LongRun.ExtraWindows(); extra > 0; extra--)
        {
            await Reloads(window);
            output.WriteLine($"after {reload} reloads: {LongRun.Heap()} bytes, {ThreadPool.ThreadCount} pool threads, gen2 collections {GC.CollectionCount(2)}");
        }

        output.WriteLine($"reloads: {reload}, calls: {handler.Calls}");
        output.WriteLine(LongRun.Describe(before, first, second, window, "reloads"));
        Assert.Equal(2L * reload, handler.Calls);
        LongRun.AssertFlat(before, first, second, window, BytesPerThousand);
    }

    /// <summary>Answers every bill status read with a paid bill of the id asked for; keeps only a count.</summary>
    private sealed class CountingHandler : HttpMessageHandler
    {
        private long _calls;

        public long Calls => Interlocked.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            var bill = """{"response":{"result_code":0,"bill":{"bill_id":"BILL","amount":"10.00","ccy":"RUB","status":"paid","error":0,"user":"tel:+79031234567"}}}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(bill.Replace("BILL", request.RequestUri!.Segments[^1], StringComparison.Ordinal), Encoding.UTF8, "application/json"),
            });
        }
    }
}
