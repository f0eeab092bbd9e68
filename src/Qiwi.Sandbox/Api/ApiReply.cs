using System.Net;
using Microsoft.AspNetCore.Http;
using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Api;

/// <summary>
/// Writes the envelope in the media type the request asked for: <c>{"response": {...}}</c> in JSON (the default),
/// <c>&lt;response&gt;...&lt;/response&gt;</c> in XML when <c>Accept</c> names XML, and answered with the very type
/// asked for (<c>text/json</c>, <c>application/json</c>, <c>text/xml</c>, <c>application/xml</c>) with
/// <c>charset=utf-8</c>, as the docs' examples show. Authorization failures are HTTP 401 (as in the docs' examples);
/// other refusals carry their code with HTTP 200.
/// </summary>
internal static class ApiReply
{
    public static IResult Bill(HttpContext context, Bill bill) => Write(context, HttpStatusCode.OK,
        new BillResult { ResultCode = ResultCode.Success, Bill = bill });

    public static IResult Refund(HttpContext context, Refund refund) => Write(context, HttpStatusCode.OK,
        new RefundResult { ResultCode = ResultCode.Success, Refund = refund });

    /// <summary>The refusal; <paramref name="description"/> replaces the code's own description (a detail: which field, which rule).</summary>
    public static IResult Error(HttpContext context, ResultCode code, string? description = null)
        => Write(context, code == ResultCode.AuthorizationError ? HttpStatusCode.Unauthorized : HttpStatusCode.OK,
            new ErrorResult { ResultCode = code, Description = description ?? code.GetDescription()?.TrimEnd('.') });

    private static IResult Write(HttpContext context, HttpStatusCode status, object result)
    {
        var mediaType = Negotiate(context.Request);
        var xml = mediaType.EndsWith("xml", StringComparison.Ordinal);
        string body;
        if (xml)
        {
            body = result switch
            {
                BillResult r => r.ToXml().ToString(),
                RefundResult r => r.ToXml().ToString(),
                ErrorResult r => r.ToXml().ToString(),
                _ => throw new ArgumentException(result.GetType().Name),
            };
        }
        else
        {
            var json = result switch
            {
                BillResult r => new BillEnvelope { Response = r }.ToJson(),
                RefundResult r => new RefundEnvelope { Response = r }.ToJson(),
                ErrorResult r => new ErrorEnvelope { Response = r }.ToJson(),
                _ => throw new ArgumentException(result.GetType().Name),
            };
            body = System.Text.Encoding.UTF8.GetString(json);
        }

        return Results.Text(body, mediaType + ";charset=utf-8", System.Text.Encoding.UTF8, (int)status);
    }

    /// <summary>The first JSON or XML type <c>Accept</c> names, as named (lower case); <c>application/json</c> when it names none.</summary>
    private static string Negotiate(HttpRequest request)
    {
        foreach (var accept in request.GetTypedHeaders().Accept)
        {
            var media = (accept.MediaType.Value ?? string.Empty).ToLowerInvariant();
            if (media is "text/json" or "application/json" or "text/xml" or "application/xml")
            {
                return media;
            }

            if (media.Contains("json", StringComparison.Ordinal))
            {
                return "application/json";
            }

            if (media.Contains("xml", StringComparison.Ordinal))
            {
                return "text/xml";
            }
        }

        return "application/json";
    }
}
