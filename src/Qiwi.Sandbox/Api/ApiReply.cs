using System.Net;
using Microsoft.AspNetCore.Http;
using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Api;

/// <summary>
/// Writes the envelope in the media type the request asked for: <c>{"response": {...}}</c> in JSON (the default),
/// <c>&lt;response&gt;...&lt;/response&gt;</c> in XML when <c>Accept</c> names XML. Authorization failures
/// are HTTP 401 (as in the docs' examples); other refusals carry their code with HTTP 200.
/// </summary>
internal static class ApiReply
{
    public static IResult Bill(HttpContext context, Bill bill) => Write(context, HttpStatusCode.OK,
        new BillResult { ResultCode = ResultCode.Success, Bill = bill });

    public static IResult Refund(HttpContext context, Refund refund) => Write(context, HttpStatusCode.OK,
        new RefundResult { ResultCode = ResultCode.Success, Refund = refund });

    public static IResult Error(HttpContext context, ResultCode code)
        => Write(context, code == ResultCode.AuthorizationError ? HttpStatusCode.Unauthorized : HttpStatusCode.OK,
            new ErrorResult { ResultCode = code, Description = code.GetDescription()?.TrimEnd('.') });

    private static IResult Write(HttpContext context, HttpStatusCode status, object result)
    {
        var xml = WantsXml(context.Request);
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

        return Results.Text(body, xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8", System.Text.Encoding.UTF8, (int)status);
    }

    private static bool WantsXml(HttpRequest request)
    {
        foreach (var accept in request.GetTypedHeaders().Accept)
        {
            var media = accept.MediaType.Value ?? string.Empty;
            if (media.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (media.Contains("xml", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
