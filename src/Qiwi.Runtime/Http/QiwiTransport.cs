using System.Net.Http.Headers;

namespace Qiwi.Runtime;

/// <summary>
/// Sending, apart from interpreting: builds one attempt's HTTP request, runs it through the per-retry
/// policies into the <see cref="HttpClient"/>, and returns the status and body's bytes. Whatever the
/// handler does (throws any exception, returns null) ends as a <see cref="QiwiException"/>, or as an
/// <see cref="OperationCanceledException"/> carrying the caller's token when the caller cancelled.
/// </summary>
internal sealed class QiwiTransport
{
    private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

    private readonly HttpClient _httpClient;
    private readonly QiwiClientOptions _options;
    private readonly QiwiNextPolicy _first;

    /// <summary>The base URL without its trailing '/', for the <see cref="Uri"/> it was made from (rebuilt if the options change).</summary>
    private BaseUrl? _baseUrl;

    public QiwiTransport(HttpClient httpClient, QiwiClientOptions options, QiwiPipelinePolicy[] perRetryPolicies)
    {
        _httpClient = httpClient;
        _options = options;
        _first = Chain(perRetryPolicies);
    }

    public async Task<QiwiResponse> SendAsync(QiwiRequest request, int attempt, CancellationToken cancellationToken)
    {
        using var httpRequest = CreateHttpRequest(request);
        var message = new QiwiMessage(request, httpRequest, _options, attempt, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            response = await _first(message).ConfigureAwait(false)
                ?? throw new QiwiTransportException(request.OperationId, "the HTTP handler returned no response");
            var body = response.Content switch
            {
                null => Array.Empty<byte>(),
                BodyContent read => read.Body,
                var other => await other.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), // a policy replaced it
            };
            return new QiwiResponse(response.StatusCode, response.Content?.Headers.ContentType?.MediaType, body);
        }
        catch (QiwiException)
        {
            throw;
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            throw exception.CancellationToken == cancellationToken ? exception : new OperationCanceledException(exception.Message, exception, cancellationToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // HttpRequestException, IOException, SocketException, but also whatever a custom handler throws
            // (InvalidOperationException, a cancellation that is not the caller's, such as HttpClient.Timeout).
            throw new QiwiTransportException(request.OperationId, exception, BasicAuthPolicy.Secrets(_options));
        }
        finally
        {
            response?.Dispose();
        }
    }

    private HttpRequestMessage CreateHttpRequest(QiwiRequest request)
    {
        var source = _options.ApiBaseUrl;
        var baseUrl = _baseUrl;
        if (baseUrl is null || !ReferenceEquals(baseUrl.Source, source))
        {
            _baseUrl = baseUrl = new BaseUrl(source, source.AbsoluteUri.TrimEnd('/'));
        }

        // Without canonicalization: Uri would otherwise decode "%2E%2E" and drop the segment, letting a
        // bill id change the request path.
        var uri = new Uri(request.Url(baseUrl.Text), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var httpRequest = new HttpRequestMessage(request.Method, uri);
        var form = request.Form;
        if (form.Count > 0 || request.IsWrite)
        {
            httpRequest.Content = new ByteArrayContent(QiwiUrlEncoding.PairsUtf8(form));
            httpRequest.Content.Headers.ContentType = FormContentType;
        }

        var headers = request.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            httpRequest.Headers.TryAddWithoutValidation(headers[i].Key, headers[i].Value);
        }

        return httpRequest;
    }

    /// <summary>The policies linked once, last to first, ending in the HTTP client (not rebuilt per call).</summary>
    private QiwiNextPolicy Chain(QiwiPipelinePolicy[] policies)
    {
        QiwiNextPolicy next = Send;
        for (var i = policies.Length - 1; i >= 0; i--)
        {
            var policy = policies[i];
            var rest = next;
            next = message => policy.SendAsync(message, rest);
        }

        return next;
    }

    /// <summary>
    /// Sends and reads the body, both within the attempt's token (the timeout's), the body bounded by
    /// <see cref="MaxBodyBytes"/>: the headers first, then at most that many bytes, never a whole hostile body in memory.
    /// </summary>
    private async ValueTask<HttpResponseMessage> Send(QiwiMessage message)
    {
        var response = await _httpClient.SendAsync(message.HttpRequest, HttpCompletionOption.ResponseHeadersRead, message.CancellationToken).ConfigureAwait(false);
        if (response?.Content is not { } content)
        {
            return response!;
        }

        // Without the options' timeout, HttpClient.Timeout stays the backstop it was while it read bodies itself
        // (HttpClient's own timeout ends with the headers when they are read first).
        using var backstop = message.Options.Timeout == System.Threading.Timeout.InfiniteTimeSpan && _httpClient.Timeout != System.Threading.Timeout.InfiniteTimeSpan
            ? CancellationTokenSource.CreateLinkedTokenSource(message.CancellationToken)
            : null;
        backstop?.CancelAfter(_httpClient.Timeout);
        try
        {
            var body = await ReadBoundedAsync(content, message, response, backstop?.Token ?? message.CancellationToken).ConfigureAwait(false);
            var buffered = new BodyContent(body);
            CopyHeaders(content.Headers, buffered.Headers);

            response.Content = buffered;
            content.Dispose();
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The content headers of the body as received, but its length (the buffer's own): the content type alone as its
    /// object when it is all there is (the usual answer, and no enumeration of the headers), else every header.
    /// </summary>
    private static void CopyHeaders(HttpContentHeaders from, HttpContentHeaders to)
    {
        var received = from.NonValidated;
        var plain = (received.Contains("Content-Type") ? 1 : 0) + (received.Contains("Content-Length") ? 1 : 0);
        if (received.Count == plain)
        {
            if (from.ContentType is { } type)
            {
                to.ContentType = type;
            }

            return;
        }

        foreach (var header in from)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                to.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
    }

    /// <summary>The longest response body read, in bytes (1 MiB; QIWI's answers are well under 1 KiB). A longer one is a <see cref="QiwiProtocolException"/> carrying its first this many bytes.</summary>
    internal const int MaxBodyBytes = 1 << 20;

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, QiwiMessage message, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (body, tooLong) = await Qiwi.Shared.BoundedBodyRead.ReadAsync(content, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        return tooLong
            ? throw new QiwiProtocolException(message.Request.OperationId, $"the body is longer than {MaxBodyBytes} bytes (only its start is kept)", response.StatusCode, body, content.Headers.ContentType?.MediaType, null, BasicAuthPolicy.Secrets(message.Options))
            : body;
    }

    /// <summary>A body read by <see cref="Send"/>, kept as the array it was read into.</summary>
    private sealed class BodyContent(byte[] body) : ByteArrayContent(body)
    {
        public byte[] Body { get; } = body;
    }

    /// <summary>Replaced whole, never torn, when calls on several threads see the options change.</summary>
    private sealed record BaseUrl(Uri Source, string Text);
}
