using System.Net.Http.Headers;
using System.Text;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// The API a load command talks to over loopback, read from its arguments: <c>&lt;base url&gt;</c> at 1 and, from
/// <c>shopIndex</c> on, <c>[shop id] [api id] [api password]</c> (the sandbox's test shop by default).
/// </summary>
internal sealed record LoopbackTarget(Uri BaseUrl, string ShopId, string Credentials)
{
    public static LoopbackTarget Parse(string[] args, int shopIndex)
    {
        string Arg(int index, string fallback) => args.Length > index ? args[index] : fallback;
        var user = Arg(shopIndex + 1, "23441234") + ":" + Arg(shopIndex + 2, "sandbox-api-password");
        return new LoopbackTarget(new Uri(args[1].TrimEnd('/') + "/"), Arg(shopIndex, "373712"), Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
    }

    /// <summary>A client with up to <paramref name="connections"/> connections, Basic authentication, JSON accepted.</summary>
    public HttpClient CreateClient(int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Credentials);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return http;
    }
}
