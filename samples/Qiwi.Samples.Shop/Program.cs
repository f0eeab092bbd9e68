using Qiwi.Samples.Shop;

// dotnet run --project samples/Qiwi.Samples.Shop   (http://127.0.0.1:5090, against the embedded sandbox;
// set Qiwi__BaseUrl, Qiwi__ShopId, Qiwi__ApiId, Qiwi__ApiPassword, Qiwi__NotificationPassword for a real endpoint)
await using var shop = await ShopApp.StartAsync(args, Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null ? "http://127.0.0.1:5090" : null);
Console.WriteLine($"Book shop at {shop.Url}  (admin: {shop.Url}admin)");
await shop.WaitForShutdownAsync();
