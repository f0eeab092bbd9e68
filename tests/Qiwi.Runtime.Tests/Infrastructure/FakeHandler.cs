using System.Net;
using System.Text;

namespace Qiwi.Runtime.Tests.Infrastructure;

/// <summary>An in-memory server: answers each request with the next queued response and records what it got.</summary>
internal sealed class FakeHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _responses = new();

    public List<RecordedRequest> Requests { get; } = new();

    public FakeHandler Respond(HttpStatusCode status, string body, string contentType = "text/json")
    {
        _responses.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { { "Content-Type", contentType } } } }));
        return this;
    }

    /// <summary>Answers with a body and no Content-Type header at all.</summary>
    public FakeHandler RespondWithoutContentType(HttpStatusCode status, string body)
    {
        _responses.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) }));
        return this;
    }

    /// <summary>Answers with exactly these bytes.</summary>
    public FakeHandler RespondBytes(HttpStatusCode status, byte[] body, string contentType)
    {
        _responses.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body) { Headers = { { "Content-Type", contentType } } } }));
        return this;
    }

    /// <summary>Answers with whatever <paramref name="answer"/> makes of the request (null included, as a broken handler would).</summary>
    public FakeHandler Answer(Func<HttpRequestMessage, HttpResponseMessage?> answer)
    {
        _responses.Enqueue((request, _) => Task.FromResult(answer(request)!));
        return this;
    }

    public FakeHandler Fail(Exception exception)
    {
        _responses.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Never answers: waits until the request is cancelled (by a timeout or the caller).</summary>
    public FakeHandler Hang()
    {
        _responses.Enqueue(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.ToDictionary(h => h.Key, h => string.Join(h.Key == "User-Agent" ? " " : ",", h.Value)), request.Content?.Headers.ContentType?.ToString(), body));
        if (_responses.Count == 0)
        {
            // Not an exception: the runtime would take it for a transport failure and retry on a fake clock
            // that never moves. An undocumented result code ends the call at once; Requests shows the extra one.
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"response\":{\"result_code\":9999,\"description\":\"unexpected request " + request.Method + "\"}}", Encoding.UTF8, "application/json") };
        }

        return await _responses.Dequeue()(request, cancellationToken);
    }
}

/// <summary>A request as the server saw it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, string? Body);
