using Qiwi.Samples.Shop;

// dotnet run --project samples/Qiwi.Samples.Shop   (http://127.0.0.1:5090, against the embedded sandbox, orders in shop.db;
// see docs/shop.md for Qiwi__BaseUrl & co., ConnectionStrings__Shop (PostgreSQL), Shop__AdminPassword and Shop__PublicBaseUrl)
await using var shop = await ShopApp.StartAsync(args, Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null ? "http://127.0.0.1:5090" : null);
Console.WriteLine($"Book shop at {shop.Url}  (admin: {shop.Url}admin)");
if (shop.GeneratedPasswordFile is not null)
{
    Console.WriteLine($"Admin password generated for this run: see {shop.GeneratedPasswordFile}");
}

await shop.WaitForShutdownAsync();
