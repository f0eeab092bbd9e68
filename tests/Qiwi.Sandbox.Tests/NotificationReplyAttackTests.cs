using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A merchant's reply to a notification is read by the sandbox: whatever it is (a result code past int, negative,
/// a DTD, no XML, a body that breaks off, an empty one), the attempt is recorded as not delivered with what was wrong,
/// and the notifications after it in the same tick are delivered.
/// </summary>
public sealed class NotificationReplyAttackTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Replies =
    [
        "<result><result_code>99999999999</result_code></result>",
        "<result><result_code>-1</result_code></result>",
        "<result><result_code>1e3</result_code></result>",
        "<result><result_code></result_code></result>",
        "<result><result_code><x/></result_code></result>",
        "<!DOCTYPE r [<!ENTITY e \"x\">]><result><result_code>&e;</result_code></result>",
        "<result><result_code>0</result_code>",
        "<other/>",
        "0",
        "",
        "BREAK",
        "HUGE",
    ];

    [Fact]
    public async Task Every_hostile_reply_is_an_attempt_not_delivered_and_the_next_notification_is_delivered()
    {
        var clock = new SandboxClock(new FakeTimeProvider(Start));
        var shop = new SandboxShop { ShopId = 9, NotificationUrl = new Uri("http://merchant.invalid/notify"), NotificationPassword = "secret" };
        var options = new SandboxOptions { Shops = [shop] };
        var merchant = new HostileMerchant();
        using var dispatcher = new NotificationDispatcher(new SandboxLedger(clock, options), Options.Create(options), clock, merchant, NullLogger<NotificationDispatcher>.Instance);

        // Record 2i + 1 gets hostile reply i, record 2i + 2 a good one.
        dispatcher.Import(Enumerable.Range(1, 2 * Replies.Length).Select(id => NotificationShopGoneTests.Pending(id, 9)), 2 * Replies.Length);
        await dispatcher.TickAsync(wait: true);

        foreach (var record in dispatcher.Log)
        {
            var attempt = Assert.Single(record.Attempts);
            var hostile = record.Id % 2 == 1;
            Assert.True(record.Delivered != hostile, $"record {record.Id} ({(hostile ? Replies[record.Id / 2] : "good")}): delivered {record.Delivered}");
            Assert.True(!hostile || attempt.Error is not null || attempt.ResultCode is not (null or 0), $"record {record.Id}: no reason recorded");
            if (hostile && Replies[record.Id / 2] == "HUGE")
            {
                Assert.Equal($"the reply is longer than {NotificationDispatcher.MaxReplyBytes} bytes", attempt.Error);
            }
        }

        Assert.InRange(merchant.HugeBytesRead, NotificationDispatcher.MaxReplyBytes + 1, NotificationDispatcher.MaxReplyBytes + HugeStream.Chunk);

        Assert.Equal(2 * Replies.Length, merchant.Posts);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/notify")]
    [InlineData("file:///tmp/notify")]
    [InlineData("notify")]
    [InlineData("/notify")]
    [InlineData("mailto:merchant@example.com")]
    public async Task A_notification_url_no_http_client_can_post_to_is_an_attempt_not_delivered_and_the_next_is_delivered(string url)
    {
        await using var sink = await NotificationSink.StartAsync();
        var clock = new SandboxClock(new FakeTimeProvider(Start));
        var options = new SandboxOptions { Shops = [new SandboxShop { ShopId = 9, NotificationUrl = sink.Url, NotificationPassword = "secret" }] };
        using var factory = new RealClients();
        using var dispatcher = new NotificationDispatcher(new SandboxLedger(clock, options), Options.Create(options), clock, factory, NullLogger<NotificationDispatcher>.Instance);

        // A data file (or a patch) left record 1 with that URL; record 2 goes to the merchant.
        dispatcher.Import([Record(1, new Uri(url, UriKind.RelativeOrAbsolute)), Record(2, sink.Url)], 2);
        await dispatcher.TickAsync(wait: true);

        var log = dispatcher.Log;
        var bad = Assert.Single(Assert.Single(log, r => r.Id == 1).Attempts);
        Assert.False(log.Single(r => r.Id == 1).Delivered);
        Assert.NotNull(bad.Error);
        Assert.True(log.Single(r => r.Id == 2).Delivered);
    }

    private static NotificationRecord Record(int id, Uri url)
        => NotificationRecord.Restore(id, 9, "B" + id, "paid", url, [new("bill_id", "B" + id), new("status", "paid")], Start, Start, [], false, false);

    /// <summary>Clients as the sandbox's own: real sockets.</summary>
    private sealed class RealClients : IHttpClientFactory, IDisposable
    {
        private readonly SocketsHttpHandler _handler = new();

        public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false);

        public void Dispose() => _handler.Dispose();
    }

    /// <summary>Answers the notification of bill 2i + 1 with <see cref="Replies"/>[i] (BREAK: a body that breaks off), every other with result 0.</summary>
    private sealed class HostileMerchant : HttpMessageHandler, IHttpClientFactory
    {
        private int _posts;
        private HugeStream? _huge;

        public int Posts => Volatile.Read(ref _posts);

        /// <summary>How much of the 8 MiB reply the sandbox read.</summary>
        public long HugeBytesRead => _huge?.Position ?? 0;

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _posts);
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            var bill = int.Parse(form.Split('&')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
            var reply = bill % 2 == 1 ? Replies[bill / 2] : "<result><result_code>0</result_code></result>";
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = reply switch
                {
                    "BREAK" => new StreamContent(new BreakingStream()),
                    "HUGE" => new StreamContent(_huge = new HugeStream(8 << 20), HugeStream.Chunk),
                    _ => new ByteArrayContent(Encoding.UTF8.GetBytes(reply)),
                },
            };
        }
    }

    /// <summary>A reply of <c>length</c> bytes of '&lt;' given out in reads of at most <see cref="Chunk"/>, counting what was taken.</summary>
    private sealed class HugeStream(long length) : Stream
    {
        public const int Chunk = 16 * 1024;

        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => Interlocked.Read(ref _position);
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(Math.Min(count, Chunk), length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'<');
            Interlocked.Add(ref _position, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body that gives a few bytes, then fails as a connection reset does.</summary>
    private sealed class BreakingStream : Stream
    {
        private bool _gave;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_gave)
            {
                throw new IOException("connection reset by the merchant");
            }

            _gave = true;
            buffer[offset] = (byte)'<';
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
