using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Qiwi.Runtime;

/// <summary>
/// The one HTTP pipeline every generated client shares: builds the request, runs it through the
/// policies (authorization, Accept, User-Agent, timeout), and turns the body into a payload or a typed
/// exception.
/// </summary>
public sealed class QiwiPipeline
{
    private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

    private readonly HttpClient _httpClient;
    private readonly IQiwiResultCodeCatalog _resultCodes;
    private readonly QiwiNextPolicy _first;

    /// <summary>Creates the pipeline with the standard policies; validates <paramref name="options"/>.</summary>
    public QiwiPipeline(HttpClient httpClient, QiwiClientOptions options, IQiwiResultCodeCatalog resultCodes)
        : this(httpClient, options, resultCodes, DefaultPolicies())
    {
    }

    /// <summary>The standard policies, in order: User-Agent, Accept, Basic authorization, timeout.</summary>
    public static IReadOnlyList<QiwiPipelinePolicy> DefaultPolicies() => new QiwiPipelinePolicy[] { new UserAgentPolicy(), new AcceptPolicy(), new BasicAuthPolicy(), new TimeoutPolicy() };

    /// <summary>Creates the pipeline with the given policies, run in order before the transport.</summary>
    public QiwiPipeline(HttpClient httpClient, QiwiClientOptions options, IQiwiResultCodeCatalog resultCodes, IEnumerable<QiwiPipelinePolicy> policies)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _resultCodes = resultCodes ?? throw new ArgumentNullException(nameof(resultCodes));
        _first = Chain((policies ?? throw new ArgumentNullException(nameof(policies))).ToArray());
        options.Validate();
    }

    /// <summary>The options the pipeline sends with.</summary>
    public QiwiClientOptions Options { get; }

    /// <summary>Sends <paramref name="request"/> and returns the payload of a successful response.</summary>
    /// <exception cref="QiwiApiException">The response carries another result code.</exception>
    /// <exception cref="QiwiProtocolException">The body is not a valid envelope.</exception>
    /// <exception cref="QiwiTimeoutException">The attempt took longer than the timeout.</exception>
    public async Task<TPayload> SendAsync<TPayload>(QiwiRequest request, IQiwiResponseReader<TPayload> reader, CancellationToken cancellationToken)
        where TPayload : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        cancellationToken.ThrowIfCancellationRequested();

        using var activity = QiwiTelemetry.Source.StartActivity("Qiwi " + request.OperationId, ActivityKind.Client);
        activity?.SetTag("qiwi.operation", request.OperationId);
        activity?.SetTag("http.request.method", request.Method.Method);
        activity?.SetTag("url.path", request.Path);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var payload = await SendOnceAsync(request, reader, attempt, cancellationToken).ConfigureAwait(false);
                activity?.SetTag("qiwi.attempts", attempt);
                return payload;
            }
            catch (QiwiException exception) when (attempt < Options.Retry.MaxAttempts && QiwiRetryRules.IsRetryable(request, exception) && !cancellationToken.IsCancellationRequested)
            {
                var delay = Options.Retry.DelayBefore(attempt);
                activity?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["qiwi.attempt"] = attempt, ["qiwi.delay_ms"] = delay.TotalMilliseconds, ["exception.type"] = exception.GetType().Name }));
                await Task.Delay(delay, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested && exception.CancellationToken != cancellationToken)
            {
                activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
                throw new OperationCanceledException(exception.Message, exception, cancellationToken);
            }
            catch (QiwiException exception)
            {
                activity?.SetTag("qiwi.attempts", attempt);
                activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                if (exception is QiwiApiException api)
                {
                    activity?.SetTag("qiwi.result_code", api.ResultCode);
                }

                throw;
            }
        }
    }

    private async Task<TPayload> SendOnceAsync<TPayload>(QiwiRequest request, IQiwiResponseReader<TPayload> reader, int attempt, CancellationToken cancellationToken)
        where TPayload : class
    {
        using var httpRequest = CreateHttpRequest(request);
        var message = new QiwiMessage(request, httpRequest, Options, attempt, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            byte[] body;
            try
            {
                response = await _first(message).ConfigureAwait(false);
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                throw new QiwiTransportException(request.OperationId, exception);
            }
            catch (IOException exception)
            {
                throw new QiwiTransportException(request.OperationId, exception);
            }

            return Interpret(request, reader, response, body);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private HttpRequestMessage CreateHttpRequest(QiwiRequest request)
    {
        var baseUrl = Options.BaseUrl.AbsoluteUri.TrimEnd('/');
        // Without canonicalization: Uri would otherwise decode "%2E%2E" and drop the segment, letting a
        // bill id change the request path.
        var uri = new Uri(baseUrl + request.PathAndQuery(), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var httpRequest = new HttpRequestMessage(request.Method, uri);
        if (request.Form.Count > 0 || request.Method != HttpMethod.Get)
        {
            httpRequest.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(EncodeForm(request.Form)));
            httpRequest.Content.Headers.ContentType = FormContentType;
        }

        foreach (var header in request.Headers)
        {
            httpRequest.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return httpRequest;
    }

    private static string EncodeForm(IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var builder = new StringBuilder();
        foreach (var field in form)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(Uri.EscapeDataString(field.Key)).Append('=').Append(Uri.EscapeDataString(field.Value));
        }

        return builder.ToString();
    }

    /// <summary>The policies linked once, last to first, ending in the transport (not rebuilt per call).</summary>
    private QiwiNextPolicy Chain(QiwiPipelinePolicy[] policies)
    {
        QiwiNextPolicy next = Transport;
        for (var i = policies.Length - 1; i >= 0; i--)
        {
            var policy = policies[i];
            var rest = next;
            next = message => policy.SendAsync(message, rest);
        }

        return next;
    }

    private async ValueTask<HttpResponseMessage> Transport(QiwiMessage message)
        => await _httpClient.SendAsync(message.HttpRequest, HttpCompletionOption.ResponseContentRead, message.CancellationToken).ConfigureAwait(false);

    private TPayload Interpret<TPayload>(QiwiRequest request, IQiwiResponseReader<TPayload> reader, HttpResponseMessage response, byte[] body)
        where TPayload : class
    {
        var status = response.StatusCode;
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (body.Length == 0)
        {
            throw Protocol(request, status, body, contentType, "the response body is empty", null);
        }

        var format = Format(contentType, body)
            ?? throw Protocol(request, status, body, contentType, $"the response is '{contentType ?? "(no content type)"}', not JSON or XML", null);

        QiwiEnvelope<TPayload> envelope;
        try
        {
            envelope = format == QiwiMediaType.Xml ? reader.ReadXml(body) : reader.ReadJson(body);
        }
        catch (Exception exception) when (IsMalformedInput(exception))
        {
            throw Protocol(request, status, body, contentType, "the body is not a valid envelope: " + exception.Message, exception);
        }

        if (envelope.ResultCode == reader.SuccessCode)
        {
            return envelope.Payload ?? throw Protocol(request, status, body, contentType, $"result code {envelope.ResultCode} (success) came without a payload", null);
        }

        throw new QiwiApiException(request.OperationId, envelope.ResultCode, envelope.Description, _resultCodes.GetDescription(envelope.ResultCode), _resultCodes.IsFatal(envelope.ResultCode), status, Decode(body));
    }

    /// <summary>
    /// Whatever a reader throws on the body is malformed input (JsonException, XmlException, FormatException,
    /// InvalidOperationException, NullReferenceException, OverflowException...), except what no parse of a
    /// body should turn into a protocol error: running out of memory, or a cancellation.
    /// </summary>
    private static bool IsMalformedInput(Exception exception)
        => exception is not (OutOfMemoryException or OperationCanceledException or QiwiException);

    private static QiwiMediaType? Format(string? contentType, byte[] body)
    {
        if (contentType is not null)
        {
            if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return QiwiMediaType.Json;
            }

            if (contentType.Contains("xml", StringComparison.OrdinalIgnoreCase))
            {
                return QiwiMediaType.Xml;
            }

            return null;
        }

        // No Content-Type: look at the first character.
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'{' ? QiwiMediaType.Json : b == (byte)'<' ? QiwiMediaType.Xml : null;
        }

        return null;
    }

    private static QiwiProtocolException Protocol(QiwiRequest request, HttpStatusCode status, byte[] body, string? contentType, string reason, Exception? inner)
        => new(request.OperationId, reason, status, Decode(body), contentType, inner);

    private static string Decode(byte[] body) => Encoding.UTF8.GetString(body);
}
