using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.DependencyInjection.Tests.Infrastructure;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// Red team: the configuration is reloaded (a rotated password, another shop) while workers resolve clients and call.
/// Every call goes out with one consistent set of settings (never the shop of one and the password of another), each
/// client keeps the settings it was made with, and a client made after the last reload has the last settings.
/// </summary>
public sealed class OptionsReloadTests
{
    private static Dictionary<string, string?> Shop(int i, string password) => new()
    {
        ["Qiwi:ShopId"] = (1000 + i).ToString(CultureInfo.InvariantCulture),
        ["Qiwi:ApiId"] = (500 + i).ToString(CultureInfo.InvariantCulture),
        ["Qiwi:ApiPassword"] = password,
        ["Qiwi:BaseUrl"] = "https://api" + i + ".qiwi.test",
    };

    [Fact]
    public async Task Calls_during_reloads_each_use_one_consistent_set_of_settings_and_new_clients_get_the_last()
    {
        var random = new Random(777);
        var shops = Enumerable.Range(0, 5).Select(i => Shop(i, SeededSecrets.Password(random))).ToList();
        var expected = shops.ToDictionary(
            s => s["Qiwi:ShopId"]!,
            s => (Host: new Uri(s["Qiwi:BaseUrl"]!).Host, Token: RecordingHandler.Token(s["Qiwi:ApiId"]!, s["Qiwi:ApiPassword"]!)));
        var source = new SwappableConfiguration(shops[0]);
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var handler = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddOptions<QiwiPullClientOptions>("QiwiPull").Bind(configuration.GetSection("Qiwi")); // reloads with the configuration
        services.AddQiwiPullClient(_ => { }).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        using var done = new CancellationTokenSource();
        var reloads = Task.Run(() =>
        {
            for (var i = 0; i < 400; i++)
            {
                source.Swap(shops[random.Next(shops.Count)]);
                Thread.Yield();
            }

            source.Swap(shops[^1]);
            done.Cancel();
        });
        var calls = new ConcurrentBag<int>();
        var refused = 0;
        var workers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !done.IsCancellationRequested || i < 20; i++)
            {
                IQiwiPullClient client;
                try
                {
                    client = provider.GetRequiredService<IQiwiPullClient>();
                }
                catch (InvalidOperationException exception) when (exception.Message.Contains("not made with settings of two versions", StringComparison.Ordinal))
                {
                    // Allowed under this storm (a reload every few microseconds): refused rather than mixed.
                    Interlocked.Increment(ref refused);
                    continue;
                }

                await client.GetBillStatusAsync($"W{w}-{i}-a");
                await client.GetBillStatusAsync($"W{w}-{i}-b");
                calls.Add(i);
            }
        })).ToList();
        await Task.WhenAll(workers.Append(reloads));
        Assert.True(calls.Count > refused, $"{calls.Count} clients made, {refused} refused");

        var byClient = handler.Requests.GroupBy(r => r.Url.Segments[^1][..^2]).ToList();
        Assert.Equal(calls.Count, byClient.Count);
        foreach (var client in byClient)
        {
            var sent = client.Select(r => (Shop: r.Url.Segments[^3].TrimEnd('/'), r.Url.Host, r.BasicToken)).Distinct().ToList();
            var one = Assert.Single(sent); // both calls of a client: the same settings
            Assert.True(expected.TryGetValue(one.Shop, out var shop) && shop == (one.Host, one.BasicToken), $"seed 777: client {client.Key} sent shop {one.Shop} to {one.Host} with another shop's host or credentials");
        }

        handler.Requests.Clear();
        await provider.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("LAST");
        var last = Assert.Single(handler.Requests);
        Assert.Equal(("1004", "api4.qiwi.test", expected["1004"].Token), (last.Url.Segments[^3].TrimEnd('/'), last.Url.Host, last.BasicToken));
    }

    [Fact]
    public async Task A_reload_in_the_middle_of_binding_never_gives_a_client_the_id_of_one_shop_and_the_password_of_another()
    {
        var (first, second) = (Shop(0, "first-password"), Shop(1, "second-password"));
        var source = new SwappableConfiguration(first);
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var handler = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddOptions<QiwiPullClientOptions>("QiwiPull").Bind(configuration.GetSection("Qiwi"));
        services.AddQiwiPullClient(_ => { }).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        // The file changes while the options are being bound: the API ID was read from the old file, the password is read from the new.
        source.BeforeRead = key =>
        {
            if (key.EndsWith(":ApiPassword", StringComparison.OrdinalIgnoreCase) && source.BeforeRead is not null)
            {
                source.BeforeRead = null;
                source.Swap(second);
            }
        };
        await provider.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("B1");

        Assert.Null(source.BeforeRead); // the swap did happen mid-bind
        var seen = Assert.Single(handler.Requests);
        Assert.Equal(("1001", "api1.qiwi.test", RecordingHandler.Token("501", "second-password")), (seen.Url.Segments[^3].TrimEnd('/'), seen.Url.Host, seen.BasicToken));
    }
}
