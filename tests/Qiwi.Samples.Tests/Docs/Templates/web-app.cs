// usings: web
// Template `web-app`: the snippet is a few statements of a web shop's Program.cs (project Shop, `dotnet new web`,
// packages Qiwi.AspNetCore and Qiwi.Extensions.DependencyInjection). The snippet's own leading using directives go
// on the line below; the names it uses but does not declare are the parameters further down; nothing else is given.
//<usings>
using System.Security.Cryptography.X509Certificates;

namespace Shop;

/// <summary>The shop's own order book, which a notification handler updates.</summary>
public interface IOrderBook
{
    Task MarkAsync(string billId, BillStatus status, CancellationToken cancellationToken);
}

public static class Snippet
{
    public static async Task RunAsync(
        WebApplicationBuilder builder,
        WebApplication app,
        IServiceCollection services,
        IConfiguration configuration,
        string secret,
        IOrderBook orders,
        X509Certificate2Collection qiwiRoots,
        string qiwiSha256,
        Func<BillNotification, HttpContext, CancellationToken, Task> handler)
    {
        await Task.Yield();
//<snippet>
    }
}
