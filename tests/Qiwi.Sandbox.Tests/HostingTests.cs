using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Tests;

/// <summary>The sandbox takes its shops and settings from configuration (appsettings, environment, command line).</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Shops_come_from_configuration_and_the_test_shop_is_the_default()
    {
        await using var configured = SandboxApp.Build(
        [
            "--Sandbox:Shops:0:ShopId=2042", "--Sandbox:Shops:0:ApiId=api", "--Sandbox:Shops:0:ApiPassword=pw",
            "--Sandbox:Shops:0:Currencies:0=KZT", "--Sandbox:Shops:0:NotificationUrl=http://127.0.0.1:9/notify", "--Sandbox:NotificationTimeScale=60",
        ]);
        await using var plain = SandboxApp.Build([]);

        var options = configured.Services.GetRequiredService<IOptions<SandboxOptions>>().Value;
        var shop = Assert.Single(options.EffectiveShops);
        Assert.Equal((2042L, "api", "KZT", 60d), (shop.ShopId, shop.ApiId, shop.Currencies.Single(), options.NotificationTimeScale));
        Assert.Equal(new Uri("http://127.0.0.1:9/notify"), shop.NotificationUrl);
        Assert.Equal(SandboxOptions.TestShop.ShopId, plain.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.EffectiveShops.Single().ShopId);
        Assert.DoesNotContain("pw", shop.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_shop_that_lists_no_currencies_gets_the_documented_four_and_the_condition_defaults()
    {
        await using var app = SandboxApp.Build(["--Sandbox:Shops:0:ShopId=2042", "--Sandbox:Shops:0:ApiId=api", "--Sandbox:Shops:0:ApiPassword=pw", "--Sandbox:Shops:0:MonthlyLimit=500", "--Sandbox:Shops:0:DeniedOperations:0=cancelBill",
            "--Sandbox:Shops:0:Rates:0:From=EUR", "--Sandbox:Shops:0:Rates:0:To=RUB", "--Sandbox:Shops:0:Rates:0:Rate=101.5"]);

        var shop = Assert.Single(app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.EffectiveShops);

        Assert.Equal(["RUB", "EUR", "USD", "KZT"], shop.EffectiveCurrencies);
        Assert.Equal((1m, 15000m, true, false, false, "success"), (shop.MinAmount, shop.MaxAmount, shop.ProtocolEnabled, shop.ApiIdBlocked, shop.MerchantBlocked, shop.RefundOutcome));
        Assert.Equal((500m, "cancelBill"), (shop.MonthlyLimit, shop.DeniedOperations.Single()));
        Assert.Empty(shop.AllowedAddresses);
        Assert.Equal(new SandboxRate { From = "EUR", To = "RUB", Rate = 101.5m }, Assert.Single(shop.Rates));
    }
}
