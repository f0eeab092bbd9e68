using System.Globalization;
using System.Text.Json;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Hosting;

/// <summary>
/// The client settings that point a merchant's code at this sandbox, printed at start-up to paste: the
/// options object (every host: the API and the checkout pages follow <c>SandboxBaseUrl</c>) and the
/// <c>appsettings.json</c> section the shop sample binds.
/// </summary>
public static class ClientSettings
{
    /// <summary>C#: <c>new QiwiPullClientOptions { SandboxBaseUrl = ..., ShopId = ..., ApiId = ..., ApiPassword = ... }</c>.</summary>
    public static string CSharp(Uri baseUrl, SandboxShop shop)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(shop);
        return "new QiwiPullClientOptions { SandboxBaseUrl = new Uri(" + JsonSerializer.Serialize(baseUrl.AbsoluteUri) + "), ShopId = "
            + shop.ShopId.ToString(CultureInfo.InvariantCulture) + ", ApiId = " + JsonSerializer.Serialize(shop.ApiId) + ", ApiPassword = " + JsonSerializer.Serialize(shop.ApiPassword) + " }";
    }

    /// <summary>JSON: <c>"Qiwi": { "SandboxBaseUrl": ..., "ShopId": ..., "ApiId": ..., "ApiPassword": ..., "NotificationPassword": ... }</c>.</summary>
    public static string Json(Uri baseUrl, SandboxShop shop)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(shop);
        return "\"Qiwi\": " + JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["SandboxBaseUrl"] = baseUrl.AbsoluteUri,
            ["ShopId"] = shop.ShopId,
            ["ApiId"] = shop.ApiId,
            ["ApiPassword"] = shop.ApiPassword,
            ["NotificationPassword"] = shop.NotificationPassword,
        });
    }
}
