using System.Net;
using System.Text.Json;
using System.Xml;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>The body decides: the payload on success, <see cref="QiwiApiException"/> for a result code, <see cref="QiwiProtocolException"/> for anything else.</summary>
public sealed class PipelineResponseTests
{
    private const string BillJson = """{"response":{"result_code":0,"bill":{"bill_id":"BILL-1","amount":"10.00","status":"waiting"}}}""";
    private const string BillXml = "<response>\n  <result_code>0</result_code>\n  <bill>\n    <bill_id>BILL-1</bill_id>\n    <amount>10.00</amount>\n  </bill>\n</response>";
    private const string Error150Json = """{"response":{"result_code":150,"description":"Authorization failed"}}""";

    [Theory]
    [InlineData(BillJson, "application/json")]
    [InlineData(BillJson, "application/json; charset=utf-8")]
    [InlineData(BillJson, "text/json")]
    [InlineData(BillXml, "application/xml")]
    [InlineData(BillXml, "text/xml; charset=utf-8")]
    public async Task A_success_returns_the_payload_read_by_the_content_type(string body, string contentType)
    {
        using var f = new PipelineFixture();
        f.Handler.Respond(HttpStatusCode.OK, body, contentType);

        var bill = await f.SendAsync(PipelineFixture.GetBill("BILL-1"));

        Assert.Equal(new TestBill("BILL-1", 10.00m), bill);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_content_type_decides_the_reading_whatever_other_content_headers_come_with_it(bool moreHeaders)
    {
        // The transport keeps the content type as its object when it is the only content header, else copies them all.
        // A JSON body labelled XML is read as XML (and refused): had the type been lost, the first character would decide.
        using var f = new PipelineFixture();
        f.Handler.Answer(_ =>
        {
            var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(BillJson)) { Headers = { { "Content-Type", "application/xml" } } };
            if (moreHeaders)
            {
                content.Headers.Add("Content-Language", "ru");
                content.Headers.Add("X-Extra", "1");
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.SendAsync(PipelineFixture.GetBill("BILL-1")));

        Assert.Equal("application/xml", error.ContentType);
        Assert.Equal(BillJson, error.RawBody);
    }

    [Fact]
    public async Task A_body_without_content_type_is_read_by_its_first_character()
    {
        using var f = new PipelineFixture();
        f.Handler.RespondWithoutContentType(HttpStatusCode.OK, "\n " + BillJson).RespondWithoutContentType(HttpStatusCode.OK, BillXml);

        Assert.Equal("BILL-1", (await f.SendAsync(PipelineFixture.GetBill("B"))).BillId);
        Assert.Equal("BILL-1", (await f.SendAsync(PipelineFixture.GetBill("B"))).BillId);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task A_non_success_code_is_a_QiwiApiException_whatever_the_http_status(HttpStatusCode status)
    {
        using var f = new PipelineFixture();
        f.Handler.Respond(status, Error150Json, "application/json");

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.SendAsync(PipelineFixture.CreateBill("B", ("amount", "1.00"))));

        Assert.Equal(150, error.ResultCode);
        Assert.Equal("Authorization failed", error.Description);
        Assert.True(error.IsFatal);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(Error150Json, error.RawBody);
        Assert.Equal("createBill", error.OperationId);
        Assert.Equal($"QIWI result code 150 (Authorization error (wrong login/password)): Authorization failed [HTTP {(int)status}, operation createBill]", error.Message);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public async Task An_xml_error_is_read_the_same_way()
    {
        const string body = "<response>\n   <result_code>341</result_code>\n   <description>Authorization is failed</description>\n</response>";
        using var f = new PipelineFixture(QiwiMediaType.Xml);
        f.Handler.Respond(HttpStatusCode.Unauthorized, body, "text/xml");

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.SendAsync(PipelineFixture.GetBill("B")));

        Assert.Equal((341, "Authorization is failed", (bool?)true, HttpStatusCode.Unauthorized, body), (error.ResultCode, error.Description, error.IsFatal, error.StatusCode, error.RawBody));
    }

    [Theory]
    [InlineData(13, false, "Server is busy, try again later.", "QIWI result code 13 (Server is busy, try again later) [HTTP 200, operation getBillStatus]")]
    [InlineData(1018, null, "Operator of the number could not be determined.", "QIWI result code 1018 (Operator of the number could not be determined) [HTTP 200, operation getBillStatus]")]
    [InlineData(4242, null, null, "QIWI result code 4242 [HTTP 200, operation getBillStatus]")]
    public async Task Without_a_description_in_the_body_the_catalog_supplies_it_and_fatality_is_tri_state(int code, bool? fatal, string? description, string message)
    {
        using var f = new PipelineFixture();
        f.Handler.Respond(HttpStatusCode.OK, "{\"response\":{\"result_code\":" + code + "}}", "application/json");

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.SendAsync(PipelineFixture.GetBill("B")));

        Assert.Equal((code, fatal, description, message), (error.ResultCode, error.IsFatal, error.Description, error.Message));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "", "application/json")]
    [InlineData(HttpStatusCode.OK, "", "application/xml")]
    [InlineData(HttpStatusCode.BadGateway, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")]
    [InlineData(HttpStatusCode.OK, "<html><body>Maintenance</body></html>", "text/html")]
    [InlineData(HttpStatusCode.InternalServerError, "Internal Server Error", "text/plain")]
    [InlineData(HttpStatusCode.OK, BillJson, "text/plain")]
    [InlineData(HttpStatusCode.OK, """{"response":{"result_code":0,"bill":{"bill_id":"BI""", "application/json")]
    [InlineData(HttpStatusCode.OK, """{"response":{"result_code":"abc"}}""", "application/json")]
    [InlineData(HttpStatusCode.OK, """{"response":{"result_code":99999999999}}""", "application/json")]
    [InlineData(HttpStatusCode.OK, """{"response":{"result_code":null}}""", "application/json")]
    [InlineData(HttpStatusCode.OK, """{"response":{"result_code":0,"bill":{"bill_id":null}}}""", "application/json")]
    [InlineData(HttpStatusCode.OK, """{"response":{"result_code":0,"bill":{"bill_id":"B","amount":"ten"}}}""", "application/json")]
    [InlineData(HttpStatusCode.OK, """{"response":{"result_code":0,"bill":[]}}""", "application/json")]
    [InlineData(HttpStatusCode.OK, """{"response":{"result_code":0}}""", "application/json")]
    [InlineData(HttpStatusCode.OK, """{"response":{}}""", "application/json")]
    [InlineData(HttpStatusCode.OK, """{"response":null}""", "application/json")]
    [InlineData(HttpStatusCode.OK, """{"result_code":150}""", "application/json")]
    [InlineData(HttpStatusCode.OK, "null", "application/json")]
    [InlineData(HttpStatusCode.OK, "[]", "application/json")]
    [InlineData(HttpStatusCode.OK, "<response><result_code>0</result_code><bill>", "application/xml")]
    [InlineData(HttpStatusCode.OK, "<response><result_code>abc</result_code></response>", "application/xml")]
    [InlineData(HttpStatusCode.OK, "<response><description>no code</description></response>", "application/xml")]
    [InlineData(HttpStatusCode.OK, "<response><result_code>0</result_code></response>", "application/xml")]
    [InlineData(HttpStatusCode.OK, "<error>oops</error>", "application/xml")]
    [InlineData(HttpStatusCode.OK, "<!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><response><result_code>&e;</result_code></response>", "application/xml")]
    [InlineData(HttpStatusCode.OK, "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><response><result_code>&b;</result_code></response>", "text/xml")]
    public async Task A_body_that_is_not_a_valid_envelope_is_a_QiwiProtocolException_with_body_and_status(HttpStatusCode status, string body, string contentType)
    {
        using var f = new PipelineFixture();
        f.Handler.Respond(status, body, contentType);

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.SendAsync(PipelineFixture.GetBill("B")));

        Assert.Equal(body, error.RawBody);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(contentType, error.ContentType);
        Assert.Equal("getBillStatus", error.OperationId);
        Assert.Contains($"[HTTP {(int)status}]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_content_type_that_is_neither_json_nor_xml_is_a_protocol_error()
    {
        using var f = new PipelineFixture();
        f.Handler.RespondWithoutContentType(HttpStatusCode.ServiceUnavailable, "Service Unavailable");

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.SendAsync(PipelineFixture.GetBill("B")));

        Assert.Equal(("Service Unavailable", HttpStatusCode.ServiceUnavailable, (string?)null), (error.RawBody, error.StatusCode, error.ContentType));
    }

    public static TheoryData<string> ReaderFailures() => new() { "NullReference", "Json", "Xml", "Format", "InvalidOperation", "Overflow", "KeyNotFound", "IndexOutOfRange", "InvalidCast", "Argument" };

    [Theory]
    [MemberData(nameof(ReaderFailures))]
    public async Task Whatever_a_reader_throws_on_the_body_is_wrapped_with_the_raw_body(string kind)
    {
        Func<Exception> create = kind switch
        {
            "NullReference" => () => new NullReferenceException(),
            "Json" => () => new JsonException("bad json"),
            "Xml" => () => new XmlException("bad xml"),
            "Format" => () => new FormatException("bad number"),
            "InvalidOperation" => () => new InvalidOperationException("wrong token"),
            "Overflow" => () => new OverflowException(),
            "KeyNotFound" => () => new KeyNotFoundException(),
            "IndexOutOfRange" => () => new IndexOutOfRangeException(),
            "InvalidCast" => () => new InvalidCastException(),
            _ => () => new ArgumentException("bad"),
        };
        using var f = new PipelineFixture();
        f.Handler.Respond(HttpStatusCode.OK, BillJson, "application/json").Respond(HttpStatusCode.OK, BillXml, "application/xml");
        var reader = new ThrowingReader(create);

        var json = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Pipeline.SendAsync(PipelineFixture.GetBill("B"), reader, CancellationToken.None));
        var xml = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Pipeline.SendAsync(PipelineFixture.GetBill("B"), reader, CancellationToken.None));

        Assert.Equal(create().GetType(), json.InnerException?.GetType());
        Assert.Equal(create().GetType(), xml.InnerException?.GetType());
        Assert.Equal((BillJson, BillXml), (json.RawBody, xml.RawBody));
    }

    [Fact]
    public async Task A_transport_failure_is_a_QiwiTransportException()
    {
        using var f = new PipelineFixture();
        f.Handler.Fail(new HttpRequestException("Connection refused"));

        var error = await Assert.ThrowsAsync<QiwiTransportException>(() => f.SendAsync(PipelineFixture.GetBill("B")));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal("getBillStatus", error.OperationId);
    }
}
