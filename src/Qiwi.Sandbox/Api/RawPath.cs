using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Qiwi.Sandbox.Api;

/// <summary>
/// Path segments exactly as the client sent them, percent-decoded once. Route values cannot be used for ids:
/// ASP.NET leaves "%2F" encoded in them, so a bill id "a/b" would come out as "a%2Fb".
/// </summary>
internal static class RawPath
{
    /// <summary>Segment <paramref name="index"/> (from 0, empty segments skipped), percent-decoded once.</summary>
    public static string Segment(HttpContext context, int index)
    {
        var path = Path(context);
        var at = 0;
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (!segment.IsEmpty && at++ == index)
            {
                return Uri.UnescapeDataString(segment);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index), index, "The path has no such segment (routing only sends paths that have it).");
    }

    /// <summary>The path as sent, without the query; segments are read from it in place.</summary>
    private static ReadOnlySpan<char> Path(HttpContext context)
        => OriginPath(context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty);

    /// <summary>
    /// The path of a request target as sent, without the query: the target itself in origin form (<c>/api/...</c>),
    /// the part after the authority in absolute form (<c>http://host/api/...</c>, which HTTP/1.1 servers must accept
    /// and Kestrel routes on its path; <c>/</c> when it has none); any other target as it is.
    /// </summary>
    public static ReadOnlySpan<char> OriginPath(string rawTarget)
    {
        var raw = rawTarget.AsSpan();
        if (!raw.StartsWith("/") && raw.IndexOf("://") is var scheme and >= 0)
        {
            var authority = raw[(scheme + 3)..];
            var slash = authority.IndexOfAny('/', '?');
            raw = slash >= 0 && authority[slash] == '/' ? authority[slash..] : "/";
        }

        var query = raw.IndexOf('?');
        return query < 0 ? raw : raw[..query];
    }

    /// <summary>The bill id of <c>/api/v2/prv/{prv_id}/bills/{bill_id}...</c>.</summary>
    public static string BillId(HttpContext context) => Segment(context, 5);

    /// <summary>The refund id of <c>.../bills/{bill_id}/refund/{refund_id}</c>.</summary>
    public static string RefundId(HttpContext context) => Segment(context, 7);

    /// <summary>The bill id of the control API's <c>/sandbox/control/bills/{shop_id}/{bill_id}/...</c> and <c>/sandbox/control/refunds/{shop_id}/{bill_id}/...</c>.</summary>
    public static string ControlBillId(HttpContext context) => Segment(context, 4);

    /// <summary>The refund id of <c>/sandbox/control/refunds/{shop_id}/{bill_id}/{refund_id}/...</c>.</summary>
    public static string ControlRefundId(HttpContext context) => Segment(context, 5);
}
