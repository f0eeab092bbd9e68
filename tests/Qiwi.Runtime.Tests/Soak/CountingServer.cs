using System.Net;
using System.Text;
using Qiwi.Runtime.Tests.Infrastructure;
using Qiwi.Runtime.Tests.RedTeam;

namespace Qiwi.Runtime.Tests.Soak;

/// <summary>
/// An in-memory QIWI that answers each request for the resource in its path, with a fault drawn from a seeded, locked
/// random, and counts every response, content and body stream it hands out and whether each was disposed.
/// </summary>
internal sealed class CountingServer(int seed) : HttpMessageHandler
{
    /// <summary>What one answer is: a good one, or a fault.</summary>
    public enum Fault
    {
        Good,
        Hang,          // never answers: the attempt's timeout or the caller ends it
        Reset,         // the handler throws (a connection reset)
        ServerError,   // 502 with an HTML page: repeated
        Busy,          // result code 13 (server busy): repeated
        Malformed,     // 200 with a body that is no envelope
        BodyBreaks,    // the body breaks off after a few bytes
        BodyHangs,     // the body stops after a few bytes until the read is cancelled
        BodyTooLong,   // a body over the runtime's bound (1 MiB)
        NoResponse,    // the handler returns null
    }

    private readonly Random _random = new(seed);
    private static readonly Fault[] Faults = Enum.GetValues<Fault>();

    public LiveCount Responses { get; } = new();

    public LiveCount Contents { get; } = new();

    public LiveCount Streams { get; } = new();

    /// <summary>How many answers of each kind were given.</summary>
    public int[] Given { get; } = new int[Faults.Length];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Fault fault;
        lock (_random)
        {
            // Half the answers good, the other half spread over the faults; a too long body (a megabyte each) is rare.
            var draw = _random.Next(2 * (Faults.Length - 1));
            fault = draw < Faults.Length - 1 ? Fault.Good : Faults[draw - (Faults.Length - 1) + 1];
            if (fault == Fault.BodyTooLong && _random.Next(8) != 0)
            {
                fault = Fault.Good;
            }
        }

        Interlocked.Increment(ref Given[(int)fault]);
        var segments = request.RequestUri!.AbsolutePath.Split('/');
        var body = segments.Length > 7
            ? Docs.RefundJson(Uri.UnescapeDataString(segments[^1]))
            : Docs.BillRejectedJson.Replace("BILL-1", Uri.UnescapeDataString(segments[6]), StringComparison.Ordinal);
        switch (fault)
        {
            case Fault.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            case Fault.Reset:
                throw new HttpRequestException("reset");
            case Fault.NoResponse:
                return null!;
            case Fault.ServerError:
                return Respond(HttpStatusCode.BadGateway, "<html>502</html>", "text/html", cut: -1, hang: false);
            case Fault.Busy:
                return Respond(HttpStatusCode.OK, Docs.ErrorJson(13), "application/json", cut: -1, hang: false);
            case Fault.Malformed:
                return Respond(HttpStatusCode.OK, body[..(body.Length / 2)], "application/json", cut: -1, hang: false);
            case Fault.BodyBreaks:
                return Respond(HttpStatusCode.OK, body, "application/json", cut: 7, hang: false);
            case Fault.BodyHangs:
                return Respond(HttpStatusCode.OK, body, "application/json", cut: 7, hang: true);
            case Fault.BodyTooLong:
                return Respond(HttpStatusCode.OK, new string(' ', (1 << 20) + 10) + body, "application/json", cut: -1, hang: false);
            default:
                return Respond(HttpStatusCode.OK, body, "application/json", cut: -1, hang: false);
        }
    }

    private HttpResponseMessage Respond(HttpStatusCode status, string body, string contentType, int cut, bool hang)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var content = new CountedContent(bytes, cut, hang, this);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new CountedResponse(status, this) { Content = content };
    }

    private sealed class CountedResponse : HttpResponseMessage
    {
        private readonly CountingServer _server;
        private DisposedOnce _once;

        public CountedResponse(HttpStatusCode status, CountingServer server)
            : base(status)
        {
            _server = server;
            server.Responses.Add();
        }

        protected override void Dispose(bool disposing)
        {
            _once.Dispose(_server.Responses);
            base.Dispose(disposing);
        }
    }

    /// <summary>A body of <c>bytes</c>, all of it or (cut ≥ 0) its first <c>cut</c> bytes and then a break or a hang.</summary>
    private sealed class CountedContent : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly int _cut;
        private readonly bool _hang;
        private readonly CountingServer _server;
        private DisposedOnce _once;

        public CountedContent(byte[] bytes, int cut, bool hang, CountingServer server)
        {
            (_bytes, _cut, _hang, _server) = (bytes, cut, hang, server);
            server.Contents.Add();
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return _cut < 0;
        }

        protected override Task<Stream> CreateContentReadStreamAsync()
        {
            _server.Streams.Add();
            Stream inner = _cut < 0 ? new MemoryStream(_bytes, writable: false) : new FaultingBody(_bytes, _cut, _hang);
            return Task.FromResult<Stream>(new CountedStream(inner, _server));
        }

        protected override void Dispose(bool disposing)
        {
            _once.Dispose(_server.Contents);
            base.Dispose(disposing);
        }
    }

    private sealed class CountedStream(Stream inner, CountingServer server) : Stream
    {
        private DisposedOnce _once;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _once.Dispose(server.Streams);
            inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
