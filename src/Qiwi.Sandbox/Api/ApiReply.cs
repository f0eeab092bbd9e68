using System.Buffers;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
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
        => new Reply(Negotiate(context.Request), (int)status, result);

    /// <summary>The first JSON or XML type <c>Accept</c> names, as named (lower case); <c>application/json</c> when it names none.</summary>
    private static string Negotiate(HttpRequest request)
    {
        // The usual case, one Accept value naming one of the four types exactly, without parsing the header.
        var header = request.Headers.Accept;
        if (header.Count == 0)
        {
            return "application/json";
        }

        if (header.Count == 1 && header[0] is "application/json" or "text/json" or "text/xml" or "application/xml")
        {
            return header[0]!;
        }

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

    /// <summary>
    /// The answer: the envelope written as UTF-8 into a buffer kept per thread and copied into the response before
    /// anything awaits (JSON through the generated <c>WriteJson</c>, XML through <see cref="XmlReplyWriter"/>), with
    /// <c>Content-Length</c> and <c>{media type}; charset=utf-8</c>.
    /// </summary>
    private sealed class Reply(string mediaType, int status, object result) : IResult
    {
        private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        [ThreadStatic]
        private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _scratch;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var scratch = _scratch ??= NewScratch();
            var buffer = scratch.Buffer;
            buffer.ResetWrittenCount();
            if (mediaType.EndsWith("xml", StringComparison.Ordinal))
            {
                var element = result switch
                {
                    BillResult r => r.ToXml(),
                    RefundResult r => r.ToXml(),
                    ErrorResult r => r.ToXml(),
                    _ => throw new ArgumentException(result.GetType().Name),
                };
                XmlCarriedText.CarryAll(element);   // text of a data file written before D-xmltext: U+FFFD, not a 500
                XmlReplyWriter.Write(element, buffer);
            }
            else
            {
                var writer = scratch.Writer;
                writer.Reset(buffer);
                switch (result)
                {
                    case BillResult r:
                        new BillEnvelope { Response = r }.WriteJson(writer);
                        break;
                    case RefundResult r:
                        new RefundEnvelope { Response = r }.WriteJson(writer);
                        break;
                    case ErrorResult r:
                        new ErrorEnvelope { Response = r }.WriteJson(writer);
                        break;
                    default:
                        throw new ArgumentException(result.GetType().Name);
                }

                writer.Flush();
            }

            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = ContentType(mediaType);
            response.ContentLength = buffer.WrittenCount;
            response.BodyWriter.Write(buffer.WrittenSpan);
            if (buffer.Capacity > 64 * 1024)
            {
                _scratch = null;   // an unusually long answer: do not keep its buffer
            }

            var flush = response.BodyWriter.FlushAsync();   // no token, as Results.Text wrote: an aborted request just ends
            return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
        }

        private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewScratch()
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            return (buffer, new Utf8JsonWriter(buffer, JsonOptions));
        }

        private static string ContentType(string mediaType) => mediaType switch
        {
            "application/json" => "application/json; charset=utf-8",
            "text/json" => "text/json; charset=utf-8",
            "text/xml" => "text/xml; charset=utf-8",
            "application/xml" => "application/xml; charset=utf-8",
            _ => mediaType + "; charset=utf-8",
        };
    }
}
