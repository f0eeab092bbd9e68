using Qiwi.Runtime;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Api;

/// <summary>Finds the shop whose Shop ID and API credentials the request carries (Basic authorization).</summary>
internal static class ApiAuthorization
{
    public static SandboxShop? Authorize(IEnumerable<SandboxShop> shops, long shopId, string? authorizationHeader)
    {
        foreach (var shop in shops)
        {
            if (shop.ShopId == shopId && QiwiBasicAuthorization.Verify(authorizationHeader, shop.ApiId, shop.ApiPassword))
            {
                return shop;
            }
        }

        return null;
    }
}
