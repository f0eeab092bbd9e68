using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>
/// Red team: whatever body comes back (every truncation of the docs' bodies, seeded mutations of them, an endless
/// body), the generated client returns a possible payload or throws a <see cref="QiwiApiException"/> /
/// <see cref="QiwiProtocolException"/> carrying the bytes as received (bounded), never another exception type.
/// </summary>
public sealed class HostileBodyTests
{
    public static TheoryData<string, string> DocumentedBodies() => new()
    {
        { Docs.BillWaitingJson, "application/json" },
        { Docs.BillPaidJson, "text/json" },
        { Docs.BillRejectedXml, "text/xml" },
        { Docs.RefundSuccessJson, "application/json" },
        { Docs.RefundSuccessXml, "application/xml" },
        { Docs.Error150Json, "application/json" },
        { Docs.Error341Xml, "text/xml" },
        { "\uFEFF" + Docs.BillPaidJson, "application/json; charset=utf-8" },
    };

    [Theory]
    [MemberData(nameof(DocumentedBodies))]
    public async Task Every_truncation_of_a_documented_body_is_a_typed_error_carrying_exactly_the_bytes_received(string body, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var refund = body.Contains("refund", StringComparison.Ordinal);
        using var f = new ClientFixture(maxAttempts: 1);
        for (var length = 0; length < bytes.Length; length++)
        {
            f.Handler.RespondBytes(HttpStatusCode.OK, bytes[..length], contentType);
        }

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = await Record.ExceptionAsync(() => refund ? f.Client.GetRefundStatusAsync("BILL-1", "REF1") : f.Client.GetBillStatusAsync("BILL-1"));

            var protocol = Assert.IsType<QiwiProtocolException>(error);
            Assert.Equal(bytes[..length], protocol.RawBytes);
        }
    }

    [Fact]
    public async Task Seeded_mutations_of_documented_bodies_end_as_a_possible_payload_or_a_typed_error_with_the_body()
    {
        var random = new Random(2026_1126);
        string[] bodies = [Docs.BillWaitingJson, Docs.BillPaidJson, Docs.BillRejectedXml, Docs.Error150Json, Docs.Error341Xml];
        string[] contentTypes = ["application/json", "text/xml", "text/html", "application/json; charset=utf-16", "application/problem+json", "application/xml; charset=windows-1251"];
        string[] tokens =
        [
            "\"", "{", "}", "[", "]", ",", ":", "null", "true", "1e2", "1e400", "-1", "0", "10.001", "99999999999999999999999999999999", "\"\\ud800\"",
            "\\u0000", "\uFEFF", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;", "<x>", "</bill>", "<![CDATA[", "\"amount\":\"-0.00\",",
            "\"bill_id\":null,", "\"status\":\"frozen\",", "\"result_code\":0,", "\"bill_id\":\"OTHER\",", new string('[', 5000), "\u00e9", "\uD83D\uDE00",
        ];
        using var f = new ClientFixture(maxAttempts: 1);
        for (var i = 0; i < 1500; i++)
        {
            var text = bodies[random.Next(bodies.Length)];
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                text = random.Next(3) switch
                {
                    0 => text[..at] + tokens[random.Next(tokens.Length)] + text[at..],
                    1 => text[..at] + text[Math.Min(text.Length, at + random.Next(1, 6))..],
                    _ => text[..at] + tokens[random.Next(tokens.Length)] + text[Math.Min(text.Length, at + 1)..],
                };
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            f.Handler.RespondBytes(HttpStatusCode.OK, bytes, contentTypes[random.Next(contentTypes.Length)]);

            try
            {
                var bill = await f.Client.GetBillStatusAsync("BILL-1");
                Assert.Equal("BILL-1", bill.BillId);
                Assert.True(bill.Amount > 0 && decimal.Round(bill.Amount, 2) == bill.Amount, text);
            }
            catch (QiwiApiException api)
            {
                Assert.Equal(bytes, api.RawBytes);
            }
            catch (QiwiProtocolException protocol)
            {
                Assert.Equal(bytes, protocol.RawBytes);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_64_MiB_body_is_read_only_up_to_the_bound_and_is_a_protocol_error_with_its_start(bool declaresLength)
    {
        // The old transport buffered whatever came (up to 2 GB, then twice that as text): memory a server decided.
        using var f = new ClientFixture(maxAttempts: 1);
        var content = new EndlessContent(64L << 20, declaresLength);
        f.Handler.Answer(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = content });

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetBillStatusAsync("BILL-1"));

        Assert.Equal(1 << 20, error.RawBytes.Length);
        Assert.Equal(Encoding.UTF8.GetBytes(EndlessContent.Start), error.RawBytes[..EndlessContent.Start.Length]);
        Assert.InRange(content.Served, 1 << 20, (1 << 20) + (64 << 10));
        Assert.Contains("longer than 1048576 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal("application/json", error.ContentType);
    }

    [Fact]
    public async Task A_body_of_exactly_the_bound_is_read_whole()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        var padded = Docs.BillPaidJson + new string(' ', (1 << 20) - Docs.BillPaidJson.Length);
        f.Handler.Respond(HttpStatusCode.OK, padded, "application/json");

        var bill = await f.Client.GetBillStatusAsync("BILL-1");

        Assert.Equal("BILL-1", bill.BillId);
    }

    [Fact]
    public async Task An_unknown_status_keeps_its_wire_value_and_a_too_precise_or_exponent_amount_is_refused()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillPaidJson.Replace("\"paid\"", "\"frozen\"", StringComparison.Ordinal))
            .Respond(HttpStatusCode.OK, Docs.BillPaidJson.Replace("\"amount\":\"10.00\"", "\"amount\":\"10.001\"", StringComparison.Ordinal))
            .Respond(HttpStatusCode.OK, Docs.BillPaidJson.Replace("\"amount\":\"10.00\"", "\"amount\":\"1e1\"", StringComparison.Ordinal))
            .Respond(HttpStatusCode.OK, Docs.BillPaidJson.Replace("\"amount\":\"10.00\"", "\"amount\":1e400", StringComparison.Ordinal))
            .Respond(HttpStatusCode.OK, Docs.BillPaidJson.Replace("\"bill_id\":\"BILL-1\"", "\"bill_id\":null", StringComparison.Ordinal));

        var bill = await f.Client.GetBillStatusAsync("BILL-1");
        Assert.Equal((BillStatus.Unknown, "frozen"), (bill.Status, bill.StatusWireValue));
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetBillStatusAsync("BILL-1"));
        }
    }

    [Fact]
    public async Task A_body_that_stops_coming_is_still_ended_by_HttpClient_Timeout_when_the_options_have_none()
    {
        // The body is read after the headers now; without the options' timeout HttpClient.Timeout stays the backstop.
        using var f = new ClientFixture(maxAttempts: 1);
        f.Options.Timeout = Timeout.InfiniteTimeSpan;
        f.Http.Timeout = TimeSpan.FromMilliseconds(200);
        f.Handler.Answer(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new FaultingBody(Encoding.UTF8.GetBytes(Docs.BillPaidJson), 20, hang: true)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        });

        var error = await Assert.ThrowsAsync<QiwiTransportException>(() => f.Client.GetBillStatusAsync("BILL-1").WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    [Theory]
    [InlineData(QiwiMediaType.Xml, "text/xml")]
    [InlineData(QiwiMediaType.Json, "application/json")]
    public async Task Deep_nesting_within_the_size_bound_is_a_protocol_error_at_once(QiwiMediaType mediaType, string contentType)
    {
        // 140,000 nested XML elements (980 KB) took a minute of CPU to load and read, per attempt.
        const int Depth = 140_000;
        var body = mediaType == QiwiMediaType.Xml
            ? "<response><result_code>5</result_code><description>" + string.Concat(Enumerable.Repeat("<a>", Depth)) + "x" + string.Concat(Enumerable.Repeat("</a>", Depth)) + "</description></response>"
            : """{"response":{"result_code":5,"description":"x","more":""" + new string('[', Depth) + new string(']', Depth) + "}}";
        using var f = new ClientFixture(mediaType, maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.OK, body, contentType);

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetBillStatusAsync("BILL-1").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(Encoding.UTF8.GetBytes(body), error.RawBytes);
    }

    [Theory]
    [InlineData(62, true)]
    [InlineData(63, false)]
    public async Task Xml_nesting_up_to_64_levels_is_read_and_one_more_is_refused(int inside, bool read)
    {
        // response and description, then the levels inside the description.
        var body = "<response><result_code>5</result_code><description>" + string.Concat(Enumerable.Repeat("<a>", inside)) + "x" + string.Concat(Enumerable.Repeat("</a>", inside)) + "</description></response>";
        using var f = new ClientFixture(QiwiMediaType.Xml, maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.OK, body, "text/xml");

        var error = await Assert.ThrowsAnyAsync<QiwiException>(() => f.Client.GetBillStatusAsync("BILL-1"));

        Assert.IsType(read ? typeof(QiwiApiException) : typeof(QiwiProtocolException), error);
    }

    /// <summary>A JSON-looking body of <c>size</c> bytes made as it is read; counts the bytes the client pulled.</summary>
    private sealed class EndlessContent : HttpContent
    {
        public const string Start = """{"response":{"result_code":0,"description":" """;

        private readonly long _size;
        private readonly bool _declared;

        public EndlessContent(long size, bool declared)
        {
            (_size, _declared) = (size, declared);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public long Served { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => new Endless(this).CopyToAsync(stream);

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new Endless(this));

        protected override bool TryComputeLength(out long length)
        {
            length = _size;
            return _declared;
        }

        private sealed class Endless(EndlessContent owner) : Stream
        {
            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => owner.Served; set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                count = (int)Math.Min(count, owner._size - owner.Served);
                var start = Encoding.UTF8.GetBytes(Start);
                for (var i = 0; i < count; i++)
                {
                    var at = owner.Served + i;
                    buffer[offset + i] = at < start.Length ? start[at] : (byte)'x';
                }

                owner.Served += count;
                return count;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
