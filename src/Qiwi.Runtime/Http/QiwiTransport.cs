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
            var body = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
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
            throw new QiwiTransportException(request.OperationId, exception);
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

    private async ValueTask<HttpResponseMessage> Send(QiwiMessage message)
        => await _httpClient.SendAsync(message.HttpRequest, HttpCompletionOption.ResponseContentRead, message.CancellationToken).ConfigureAwait(false);

    /// <summary>Replaced whole, never torn, when calls on several threads see the options change.</summary>
    private sealed record BaseUrl(Uri Source, string Text);
}
