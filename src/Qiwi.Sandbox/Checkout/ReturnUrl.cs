namespace Qiwi.Sandbox.Checkout;

/// <summary>The merchant's successUrl / failUrl with <c>order=&lt;bill id&gt;</c> added, as QIWI sends the payer back.</summary>
internal static class ReturnUrl
{
    public static string WithOrder(string url, string billId)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var (head, fragment) = hash < 0 ? (url, string.Empty) : (url[..hash], url[hash..]);
        var separator = head.Contains('?', StringComparison.Ordinal) ? (head.EndsWith('?') || head.EndsWith('&') ? string.Empty : "&") : "?";
        return head + separator + "order=" + Uri.EscapeDataString(billId) + fragment;
    }

    /// <summary>Only absolute http(s) URLs are followed (the docs: "URL must be within merchant's site").</summary>
    public static bool IsAcceptable(string? url)
        => url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
