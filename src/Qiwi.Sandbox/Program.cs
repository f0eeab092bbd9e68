using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Shops;

// dotnet run --project src/Qiwi.Sandbox   (binds to 127.0.0.1; ASPNETCORE_URLS or --urls change it)
var app = SandboxApp.Build(args, builder =>
{
    if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
    {
        builder.WebHost.UseUrls("http://127.0.0.1:5080");
    }
});
await app.StartAsync();

foreach (var url in app.Urls)
{
    Console.WriteLine($"QIWI sandbox listening on {url} (open it for the dashboard; control API under {url}/sandbox/control/)");
}

foreach (var shop in app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.EffectiveShops)
{
    // The sandbox's own test credentials: printing them is the point (they protect nothing real).
    Console.WriteLine($"  shop {shop.ShopId}: API ID {shop.ApiId}, API password {shop.ApiPassword}, notification password {shop.NotificationPassword}, currencies {string.Join(",", shop.EffectiveCurrencies)}");
    foreach (var url in app.Urls)
    {
        // One setting moves the API and every checkout page here; paste either line.
        Console.WriteLine("    client options: " + ClientSettings.CSharp(new Uri(url), shop));
        Console.WriteLine("    appsettings.json: " + ClientSettings.Json(new Uri(url), shop));
    }
}

await app.WaitForShutdownAsync();
