using System.Globalization;
using System.Net;
using System.Text;
using System.Web;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>What the request carries: the form in UTF-8, the path with every value as exactly one segment, the base URL's prefix.</summary>
public sealed class PipelineRequestTests
{
    private const string Ok = """{"response":{"result_code":0,"bill":{"bill_id":"B"}}}""";

    [Fact]
    public async Task Form_fields_are_percent_encoded_utf8_in_order()
    {
        using var f = new PipelineFixture();
        f.Handler.Respond(HttpStatusCode.OK, Ok);
        var fields = new (string, string)[]
        {
            ("user", "tel:+79161234567"),
            ("comment", "привет"),
            ("formula", "a+b&c=d e"),
            ("a&b=c", "100%"),
            ("comment2", "Оплата заказа №5: чай + сахар & лимон = 100 ₽"),
        };

        await f.SendAsync(PipelineFixture.CreateBill("B", fields));

        var body = f.Handler.Requests[0].Body!;
        Assert.StartsWith(
            "user=tel%3A%2B79161234567&comment=%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82&formula=a%2Bb%26c%3Dd%20e&a%26b%3Dc=100%25&comment2=",
            body,
            StringComparison.Ordinal);
        Assert.All(body, c => Assert.True(c < 128, "the encoded body is ASCII"));

        // Any form decoder gets the fields back, in order.
        var decoded = HttpUtility.ParseQueryString(body, Encoding.UTF8);
        Assert.Equal(fields.Select(x => x.Item1), decoded.AllKeys);
        Assert.Equal(fields.Select(x => x.Item2), decoded.AllKeys.Select(k => decoded[k]));
    }

    [Fact]
    public void The_request_keeps_what_generated_code_put_in_it()
    {
        var request = new QiwiRequest(HttpMethod.Patch, "cancelBill", idempotent: true);
        request.AppendPath("/api/v2/prv/");
        request.AppendPathSegment(42L);
        request.AppendPath("/bills/");
        request.AppendPathSegment("a/b");
        request.AddForm("status", "rejected");
        request.AddForm("status", "again");

        Assert.Equal((HttpMethod.Patch, "cancelBill", true), (request.Method, request.OperationId, request.Idempotent));
        Assert.Equal("/api/v2/prv/42/bills/a%2Fb", request.Path);
        Assert.Equal([new("status", "rejected"), new("status", "again")], request.Form);
        Assert.Throws<ArgumentNullException>(() => request.AppendPathSegment(null!));
        Assert.Throws<ArgumentNullException>(() => request.AddForm("x", null!));
    }

    [Fact]
    public void Integer_segments_are_invariant()
    {
        using var culture = new CultureScope("sv-SE"); // writes negative numbers with U+2212
        Assert.NotEqual("-", CultureInfo.CurrentCulture.NumberFormat.NegativeSign);
        var request = new QiwiRequest(HttpMethod.Get, "x", idempotent: true);

        request.AppendPathSegment(-5L);
        request.AppendPath("/");
        request.AppendPathSegment(1234567L);

        Assert.Equal("-5/1234567", request.Path);
    }

    [Theory]
    [InlineData("BILL-1_a.b~c", "BILL-1_a.b~c")]
    [InlineData("/", "%2F")]
    [InlineData("?", "%3F")]
    [InlineData("#", "%23")]
    [InlineData("%", "%25")]
    [InlineData("%2F", "%252F")]
    [InlineData("..", "%2E%2E")]
    [InlineData(".", "%2E")]
    [InlineData("...", "...")]
    [InlineData(" ", "%20")]
    [InlineData("привет", "%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82")]
    [InlineData("a/../b", "a%2F..%2Fb")]
    [InlineData("../../admin", "..%2F..%2Fadmin")]
    [InlineData("a\\b", "a%5Cb")]
    [InlineData("x?y=1#z&w", "x%3Fy%3D1%23z%26w")]
    public async Task A_path_value_is_exactly_one_segment(string billId, string encoded)
    {
        using var f = new PipelineFixture();
        f.Handler.Respond(HttpStatusCode.OK, Ok);
        var request = PipelineFixture.GetBill(billId);

        await f.SendAsync(request);

        var uri = f.Handler.Requests[0].Uri;
        Assert.Equal("/api/v2/prv/373712/bills/" + encoded, request.Path);
        Assert.Equal("/api/v2/prv/373712/bills/" + encoded, uri.AbsolutePath);
        Assert.Equal(6, uri.AbsolutePath.Split('/').Length - 1); // api, v2, prv, 373712, bills, the id
        Assert.Equal(7, uri.Segments.Length);
        Assert.Equal(encoded, uri.Segments[^1]);
        Assert.Equal(billId, Uri.UnescapeDataString(uri.Segments[^1]));
        Assert.Equal(string.Empty, uri.Query);
        Assert.Equal(string.Empty, uri.Fragment);
        Assert.Equal("api.qiwi.test", uri.Host);
    }

    [Theory]
    [InlineData("https://api.qiwi.com", "https://api.qiwi.com/api/v2/prv/1/bills/B")]
    [InlineData("https://sandbox.test/qiwi", "https://sandbox.test/qiwi/api/v2/prv/1/bills/B")]
    [InlineData("https://sandbox.test/qiwi/", "https://sandbox.test/qiwi/api/v2/prv/1/bills/B")]
    [InlineData("http://localhost:5080/a/b/", "http://localhost:5080/a/b/api/v2/prv/1/bills/B")]
    public async Task The_base_url_and_its_path_prefix_are_kept(string baseUrl, string expected)
    {
        using var f = new PipelineFixture(baseUrl: baseUrl);
        f.Handler.Respond(HttpStatusCode.OK, Ok);

        await f.SendAsync(PipelineFixture.GetBill("B", shopId: 1));

        Assert.Equal(expected, f.Handler.Requests[0].Uri.AbsoluteUri);
    }
}
