using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qiwi.AspNetCore;
using Qiwi.Samples.Shop.Data;
using Qiwi.Samples.Shop.Payments;
using Qiwi.Samples.Shop.Web;
using Qiwi.Sandbox.Hosting;

namespace Qiwi.Samples.Shop;

/// <summary>
/// The merchant site. With <c>Qiwi:BaseUrl</c> and <c>Qiwi:SandboxBaseUrl</c> unset it starts the embedded sandbox, points the sandbox's
/// notifications at itself, and sends payers to the sandbox's checkout pages. Storage: <c>ConnectionStrings:Shop</c>
/// (SQLite file <c>shop.db</c> by default, or PostgreSQL); see docs/shop.md.
/// </summary>
public sealed class ShopApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxHost? _sandbox;

    private ShopApp(WebApplication app, SandboxHost? sandbox)
    {
        _app = app;
        _sandbox = sandbox;
    }

    /// <summary>The name of the shop's connection string (<c>ConnectionStrings:Shop</c>).</summary>
    public const string ConnectionStringName = "Shop";

    /// <summary>The shop's database when <c>ConnectionStrings:Shop</c> is unset: SQLite, in the working directory.</summary>
    public const string DefaultConnectionString = "Data Source=shop.db";

    /// <summary>Where the shop listens.</summary>
    public Uri Url => new(_app.Urls.First() + "/");

    /// <summary>The shop's services (tests reach the repositories and the reconciler here).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Where the generated admin password was written, when none was configured (embedded sandbox only).</summary>
    public string? GeneratedPasswordFile { get; private set; }

    public static async Task<ShopApp> StartAsync(string[] args, string? urls = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        SettingKeys.RefuseUnknown(builder.Configuration);
        var settings = builder.Configuration.GetSection("Qiwi").Get<ShopSettings>() ?? new ShopSettings();
        var shop = builder.Configuration.GetSection("Shop").Get<ShopOptions>() ?? new ShopOptions();
        shop.Validate();
        var embedded = settings.BaseUrl is null && settings.SandboxBaseUrl is null;
        var publicBaseUrl = PublicAddress.Parse(shop.PublicBaseUrl, listeningAllowed: embedded || builder.Environment.IsDevelopment());
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString;
        SandboxHost? sandbox = null;
        string? passwordFile = null;
        if (embedded)
        {
            sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(Qiwi.Sandbox.Shops.SandboxOptions.TestShop));
            settings = new ShopSettings
            {
                SandboxBaseUrl = sandbox.BaseUrl,
                ShopId = sandbox.Shop.ShopId,
                ApiId = sandbox.Shop.ApiId,
                ApiPassword = sandbox.Shop.ApiPassword,
                NotificationPassword = sandbox.Shop.NotificationPassword,
            };
            if (string.IsNullOrEmpty(shop.AdminPassword))
            {
                (shop.AdminPassword, passwordFile) = AdminPassword.Generate(builder.Environment.ContentRootPath);
            }
        }
        else if (string.IsNullOrEmpty(shop.AdminPassword))
        {
            throw new InvalidOperationException("Shop:AdminPassword is required with a real QIWI endpoint (Qiwi:BaseUrl or Qiwi:SandboxBaseUrl is set).");
        }

        var database = new ShopDatabase(connectionString);
        await database.MigrateAsync(CancellationToken.None);

        builder.Services.AddSingleton(Options.Create(settings));
        builder.Services.AddSingleton(Options.Create(shop));
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(services => new PublicAddress(publicBaseUrl, services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()));
        builder.Services.AddSingleton<OrderRepository>();
        builder.Services.AddSingleton<RefundRepository>();
        builder.Services.AddSingleton<DbNotificationStore>();
        builder.Services.AddSingleton<IQiwiNotificationStore>(services => services.GetRequiredService<DbNotificationStore>());
        builder.Services.AddSingleton<ReconciliationLock>();
        builder.Services.AddSingleton<Checkout>();
        builder.Services.AddSingleton<Refunding>();
        builder.Services.AddSingleton<ReturnRefresh>();
        builder.Services.AddSingleton<Reconciler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Reconciler>());
        builder.Services.AddSingleton<DbXmlRepository>();
        builder.Services.AddDataProtection().SetApplicationName("Qiwi.Samples.Shop");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<DbXmlRepository>((options, repository) => options.XmlRepository = repository);
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "shop_antiforgery";
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });
        builder.Services.AddAdminAuthentication();
        builder.Services.AddOrderRateLimit(shop.OrdersPerMinute);
        builder.Services.AddQiwiPullClient(options =>
        {
            options.BaseUrl = settings.BaseUrl ?? options.BaseUrl;
            options.SandboxBaseUrl = settings.SandboxBaseUrl;
            options.ShopId = settings.ShopId;
            options.ApiId = settings.ApiId;
            options.ApiPassword = settings.ApiPassword;
        });

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() => database.DisposeAsync().AsTask().GetAwaiter().GetResult());
        if (shop.TrustedProxies.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            foreach (var proxy in shop.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            app.UseForwardedHeaders(forwarded);
        }

        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapCustomerPages();
        app.MapAdminPages();
        MapNotifications(app, settings, shop);

        await app.StartAsync();
        var started = new ShopApp(app, sandbox) { GeneratedPasswordFile = passwordFile };
        if (sandbox is not null)
        {
            sandbox.Shop.NotificationUrl = new Uri(started.Url, "qiwi/notify");
            sandbox.Shop.SignNotifications = true;
        }

        return started;
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    /// <summary>
    /// QIWI's notification: signed, optionally only from allowed networks, recognized when repeated (the
    /// database's store), and applied through the exactly-once path. Result 0 only once it is recorded; an
    /// unknown order, or an amount or currency not the order's, gets 300, so QIWI repeats it while someone looks.
    /// </summary>
    private static void MapNotifications(WebApplication app, ShopSettings settings, ShopOptions shop)
    {
        var options = new QiwiNotificationOptions
        {
            Authentication = QiwiNotificationAuthentication.Signature,
            ShopId = settings.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NotificationPassword = settings.NotificationPassword,
        };
        foreach (var network in shop.NotificationNetworks)
        {
            foreach (var allowed in network.Equals("qiwi", StringComparison.OrdinalIgnoreCase) ? QiwiNotificationNetworks.Published : [System.Net.IPNetwork.Parse(network)])
            {
                options.AllowedNetworks.Add(allowed);
            }
        }

        app.MapQiwiNotifications("/qiwi/notify", BillNotificationWebhook.Descriptor, options, async (notification, context, cancellationToken) =>
        {
            var orders = context.RequestServices.GetRequiredService<OrderRepository>();
            var key = context.Features.Get<IQiwiNotificationFeature>()?.Key;
            var outcome = await orders.ApplyAsync(notification.BillId, notification.StatusWireValue ?? notification.Status.ToWireValue(), notification.Amount, notification.Currency, "notification", key, cancellationToken);
            if (outcome == ApplyOutcome.UnknownOrder)
            {
                throw new InvalidOperationException("The notification is for an order this shop does not have.");
            }

            if (outcome == ApplyOutcome.Mismatch)
            {
                throw new InvalidOperationException("The notification's amount or currency is not the order's.");
            }
        });
    }
}
