using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.DependencyInjection.Tests.Infrastructure;
using Qiwi.Extensions.DependencyInjection;
using Qiwi.Runtime;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// Red team: several shops (named clients) in one container, and a registration made twice. Each name sends its
/// own shop and credentials only; adding a shop never moves the clients already injected.
/// </summary>
public sealed class MultipleShopTests
{
    private sealed record Shop(string Name, long ShopId, string ApiId, string Password);

    private static void AddShop(IServiceCollection services, Shop shop, RecordingHandler handler)
        => services.AddQiwiClient<QiwiPullClient, QiwiPullClientOptions>(shop.Name, static pipeline => new QiwiPullClient(pipeline), QiwiPullResultCodes.Instance, o =>
            {
                (o.ShopId, o.ApiId, o.ApiPassword, o.BaseUrl) = (shop.ShopId, shop.ApiId, shop.Password, new Uri("https://api.qiwi.test"));
            }).ConfigurePrimaryHttpMessageHandler(() => handler);

    [Fact]
    public async Task Seeded_shops_in_one_container_each_send_only_their_own_shop_and_credentials_under_concurrent_calls()
    {
        var random = new Random(4242);
        for (var round = 0; round < 6; round++)
        {
            var handler = new RecordingHandler();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddQiwiPullClient(o => (o.ShopId, o.ApiId, o.ApiPassword, o.BaseUrl) = (1, "1", "default-password", new Uri("https://api.qiwi.test")))
                .ConfigurePrimaryHttpMessageHandler(() => handler);
            var shops = Enumerable.Range(0, random.Next(2, 6))
                .Select(i => new Shop("Shop" + i, 1000 + i, SeededSecrets.ApiId(random), SeededSecrets.Password(random))).ToList();
            shops.ForEach(shop => AddShop(services, shop, handler));
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            provider.GetRequiredService<IStartupValidator>().Validate();

            await Parallel.ForEachAsync(Enumerable.Range(0, 60), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
            {
                var shop = shops[i % shops.Count];
                await provider.GetRequiredKeyedService<QiwiPullClient>(shop.Name).GetBillStatusAsync(shop.Name + "-" + i, ct);
            });
            await provider.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("Default-1");

            Assert.Equal(61, handler.Requests.Count);
            foreach (var seen in handler.Requests)
            {
                var bill = seen.Url.Segments[^1];
                var (shopId, token) = shops.Find(s => bill.StartsWith(s.Name + "-", StringComparison.Ordinal)) is { } shop
                    ? (shop.ShopId, RecordingHandler.Token(shop.ApiId, shop.Password))
                    : (1L, RecordingHandler.Token("1", "default-password"));
                Assert.True(seen.Url.AbsolutePath == $"/api/v2/prv/{shopId}/bills/{bill}" && seen.BasicToken == token, $"seed 4242 round {round}: {bill} went out as {seen.Url.AbsolutePath} with another shop's credentials or path");
            }
        }
    }

    [Fact]
    public async Task Adding_a_second_shop_keeps_the_unkeyed_client_on_the_first_registered()
    {
        var handler = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddQiwiPullClient(o => (o.ShopId, o.ApiId, o.ApiPassword) = (373712, "1", "first-password")).ConfigurePrimaryHttpMessageHandler(() => handler);
        AddShop(services, new Shop("Second", 99, "2", "second-password"), handler);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("B1");
        await provider.GetRequiredService<QiwiPullClient>().GetBillStatusAsync("B2");

        Assert.All(handler.Requests, seen =>
        {
            Assert.StartsWith("/api/v2/prv/373712/", seen.Url.AbsolutePath, StringComparison.Ordinal);
            Assert.Equal(RecordingHandler.Token("1", "first-password"), seen.BasicToken);
        });
    }

    [Fact]
    public void A_registration_made_twice_adds_its_settings_once_registers_one_client_and_reports_each_failure_once()
    {
        var services = new ServiceCollection();
        services.AddQiwiPullClient(o => (o.ShopId, o.ApiId, o.ApiPassword) = (1, "", "pw"));
        services.AddQiwiPullClient(o => o.Timeout = TimeSpan.FromSeconds(5));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("QIWI client 'QiwiPull': ApiId is required.", exception.Message);
        Assert.Single(services, d => d.ServiceType == typeof(QiwiPullClient) && !d.IsKeyedService);
        Assert.Single(services, d => d.ServiceType == typeof(QiwiPullClient) && d.IsKeyedService);
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<QiwiPullClientOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(IQiwiPullClient)); // the generated method adds its interface once
    }

    [Fact]
    public void The_second_registration_of_a_name_runs_after_the_first_so_its_settings_win()
    {
        var services = new ServiceCollection();
        services.AddQiwiPullClient(o => (o.ShopId, o.ApiId, o.ApiPassword, o.Timeout) = (1, "1", "pw", TimeSpan.FromSeconds(9)));
        services.AddQiwiPullClient(o => o.Timeout = TimeSpan.FromSeconds(5));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<QiwiPullClient>();

        Assert.Equal(TimeSpan.FromSeconds(5), client.Options.Timeout);
        Assert.Equal("pw", client.Options.ApiPassword);
    }

    [Fact]
    public void A_second_client_of_another_options_type_under_a_name_in_use_is_refused_naming_the_setting_that_renames_it()
    {
        // Two specs in one project whose clients have one name (the same spec twice, one namespace per shop): they would
        // share one named HttpClient, so one shop's primary handler (its proxy, its client certificate) would carry the other's calls.
        var services = new ServiceCollection();
        services.AddQiwiPullClient(o => (o.ShopId, o.ApiId, o.ApiPassword) = (1, "1", "pw"));

        var exception = Assert.Throws<InvalidOperationException>(() => services.AddQiwiClient<OtherClient>("QiwiPull", static pipeline => new OtherClient(pipeline), QiwiPullResultCodes.Instance, o => o.ApiId = "2"));

        Assert.Contains("'QiwiPull'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("QiwiClientName", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_client_type_with_the_same_options_type_under_a_name_in_use_is_refused_and_cannot_change_the_first_ones_settings()
    {
        // Once the validator of the name said "registered" (so nothing was set up again) while the keyed descriptor of the
        // second client type said "new" (so it was registered): both clients then shared one named HttpClient and one
        // set of options, the second registration's settings (its credentials) running after the first's.
        var services = new ServiceCollection();
        services.AddQiwiClient<OtherClient>("Shared", static pipeline => new OtherClient(pipeline), QiwiPullResultCodes.Instance, o => (o.ApiId, o.ApiPassword) = ("1", "first-password"));

        var exception = Assert.Throws<InvalidOperationException>(() => services.AddQiwiClient<ThirdClient>("Shared", static pipeline => new ThirdClient(pipeline), QiwiPullResultCodes.Instance, o => (o.ApiId, o.ApiPassword) = ("2", "second-password")));

        Assert.Contains("'Shared'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(OtherClient).FullName!, exception.Message, StringComparison.Ordinal);
        using var provider = services.BuildServiceProvider();
        Assert.Null(provider.GetKeyedService<ThirdClient>("Shared"));
        Assert.Null(provider.GetService<ThirdClient>());
        var options = provider.GetRequiredKeyedService<OtherClient>("Shared").Pipeline.Options;
        Assert.Equal(("1", "first-password"), (options.ApiId, options.ApiPassword));
    }

    [Fact]
    public void The_same_client_type_with_the_non_generic_options_registered_twice_under_a_name_is_one_client_with_both_settings()
    {
        var services = new ServiceCollection();
        services.AddQiwiClient<OtherClient>("Shared", static pipeline => new OtherClient(pipeline), QiwiPullResultCodes.Instance, o => (o.ApiId, o.ApiPassword) = ("1", "pw"));
        services.AddQiwiClient<OtherClient>("Shared", static pipeline => new OtherClient(pipeline), QiwiPullResultCodes.Instance, o => o.Timeout = TimeSpan.FromSeconds(4));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Single(services, d => d.ServiceType == typeof(OtherClient) && d.IsKeyedService);
        Assert.Single(services, d => d.ServiceType == typeof(OtherClient) && !d.IsKeyedService);
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<QiwiClientOptions>));
        Assert.Equal((TimeSpan.FromSeconds(4), "pw"), (provider.GetRequiredKeyedService<OtherClient>("Shared").Pipeline.Options.Timeout, provider.GetRequiredService<OtherClient>().Pipeline.Options.ApiPassword));
    }

    private sealed class OtherClient(QiwiPipeline pipeline)
    {
        public QiwiPipeline Pipeline { get; } = pipeline;
    }

    private sealed class ThirdClient(QiwiPipeline pipeline)
    {
        public QiwiPipeline Pipeline { get; } = pipeline;
    }
}
