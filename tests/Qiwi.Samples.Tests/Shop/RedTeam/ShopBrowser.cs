using System.Net;
using System.Text.RegularExpressions;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>A browser on the shop's pages: its own cookies, redirects not followed; the shop's forms as a person fills them.</summary>
internal static partial class ShopBrowser
{
    public static HttpClient Open(Uri shop) => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = shop };

    /// <summary>Buys the product for <paramref name="phone"/>; returns the order id the shop redirected to.</summary>
    public static async Task<string> BuyAsync(HttpClient browser, string phone)
    {
        var token = Token(await browser.GetStringAsync(""));
        using var post = await browser.PostAsync("orders", new FormUrlEncodedContent([new("phone", phone), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        return Uri.UnescapeDataString(post.Headers.Location!.OriginalString["/orders/".Length..]);
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string password, string returnUrl)
    {
        var token = Token(await browser.GetStringAsync("admin/login"));
        return await browser.PostAsync("admin/login", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("password", password), new("returnUrl", returnUrl)]));
    }

    /// <summary>A browser signed in to the admin area.</summary>
    public static async Task<HttpClient> AdminAsync(Uri shop)
    {
        var admin = Open(shop);
        using var signIn = await SignInAsync(admin, ShopHost.AdminPassword, "/admin");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return admin;
    }

    /// <summary>The antiforgery token of the (first) form on <paramref name="page"/>.</summary>
    public static string Token(string page) => WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
