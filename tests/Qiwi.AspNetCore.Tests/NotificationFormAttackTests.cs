using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// Bodies the form reader cannot read (beyond its limits, or not a form at all) are malformed requests: result 5 in
/// the docs' XML with HTTP 200, never an HTTP 500, never the handler.
/// </summary>
public sealed class NotificationFormAttackTests
{
    private static readonly KeyValuePair<string, string>[] Form = NotificationServer.Form("BILL-9", "paid");

    [Theory]
    [InlineData("1025 fields")]
    [InlineData("a name of 2049 characters")]
    [InlineData("a value of 4 MiB and one byte")]
    [InlineData("multipart without a boundary")]
    [InlineData("multipart that is not")]
    [InlineData("multipart with an endless header")]
    [InlineData("charset utf-7")]
    public async Task A_body_the_form_reader_refuses_gets_5_and_never_reaches_the_handler(string attack)
    {
        var calls = 0;
        using var server = await NotificationServer.Start(_ => { }, (_, _, _) => { calls++; return Task.CompletedTask; });
        var form = Encoding.ASCII.GetString(NotificationServer.Body(Form));
        var (contentType, body) = attack switch
        {
            "1025 fields" => (null, form + string.Concat(Enumerable.Range(0, 1025 - Form.Length).Select(i => $"&x{i}=1"))),
            "a name of 2049 characters" => (null, form + "&" + new string('n', 2049) + "=1"),
            "a value of 4 MiB and one byte" => (null, form + "&x=" + new string('v', (4 * 1024 * 1024) + 1)),
            "multipart without a boundary" => ("multipart/form-data", form),
            "multipart that is not" => ("multipart/form-data; boundary=b", form),
            "charset utf-7" => ("application/x-www-form-urlencoded; charset=utf-7", form), // .NET refuses to decode UTF-7
            _ => ("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n" + new string('h', 20000)),
        };

        var (status, reply) = await NotificationServer.PostBody(server, Encoding.ASCII.GetBytes(body), r =>
        {
            r.Headers.Authorization = NotificationServer.BasicAuthorization;
            r.ContentType = contentType ?? r.ContentType;
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, NotificationSignatureAttackTests.SignedEndpoint.ResultCode(reply));
        Assert.Equal(0, calls);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("APPLICATION/X-WWW-FORM-URLENCODED; CHARSET=UTF-8")]
    [InlineData("application/x-www-form-urlencoded; charset=no-such-charset")]
    [InlineData("application/x-www-form-urlencoded;charset=\"utf-8\"")]
    public async Task Form_content_types_in_any_spelling_are_read_as_utf8_forms(string contentType)
    {
        var calls = 0;
        using var server = await NotificationServer.Start(_ => { }, (_, _, _) => { calls++; return Task.CompletedTask; });

        var (status, reply) = await NotificationServer.PostBody(server, NotificationServer.Body(Form), r =>
        {
            r.Headers.Authorization = NotificationServer.BasicAuthorization;
            r.ContentType = contentType;
        });

        Assert.Equal((HttpStatusCode.OK, 0, 1), (status, NotificationSignatureAttackTests.SignedEndpoint.ResultCode(reply), calls));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencodedX")]
    public async Task A_body_that_is_not_a_form_gets_5(string? contentType)
    {
        var calls = 0;
        using var server = await NotificationServer.Start(_ => { }, (_, _, _) => { calls++; return Task.CompletedTask; });

        var (status, reply) = await NotificationServer.PostBody(server, NotificationServer.Body(Form), r =>
        {
            r.Headers.Authorization = NotificationServer.BasicAuthorization;
            r.ContentType = contentType;
        });

        Assert.Equal((HttpStatusCode.OK, 5, 0), (status, NotificationSignatureAttackTests.SignedEndpoint.ResultCode(reply), calls));
    }

    [Theory]
    [InlineData("Basic {good}", 0)]
    [InlineData("basic {good}", 0)]
    [InlineData("BASIC {good}", 0)]
    [InlineData("Basic {good}, Basic {good}", 150)]
    [InlineData("Basic {newline}", 150)] // the docs' example header carries "2042:test\n"
    [InlineData("Basic {upper login}", 150)]
    [InlineData("Basic {no colon}", 150)]
    [InlineData("Basic {good}=", 150)]
    [InlineData("Basic ", 150)]
    [InlineData("Basic", 150)]
    [InlineData("Bearer {good}", 150)]
    [InlineData("Basic ***", 150)]
    [InlineData("", 150)]
    public async Task Basic_authorization_spellings_are_150_unless_they_carry_exactly_the_credentials(string header, int expected)
    {
        var calls = 0;
        using var server = await NotificationServer.Start(o => o.ShopId = "shop", (_, _, _) => { calls++; return Task.CompletedTask; });
        static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        header = header.Replace("{good}", B64("shop:" + NotificationServer.Password), StringComparison.Ordinal)
            .Replace("{newline}", B64("shop:" + NotificationServer.Password + "\n"), StringComparison.Ordinal)
            .Replace("{upper login}", B64("SHOP:" + NotificationServer.Password), StringComparison.Ordinal)
            .Replace("{no colon}", B64("shop" + NotificationServer.Password), StringComparison.Ordinal);

        var (status, reply) = await NotificationServer.PostBody(server, NotificationServer.Body(Form), r => r.Headers.Authorization = header);

        Assert.Equal((HttpStatusCode.OK, expected, expected == 0 ? 1 : 0), (status, NotificationSignatureAttackTests.SignedEndpoint.ResultCode(reply), calls));
    }

    [Fact]
    public async Task A_thousand_fields_within_the_limit_are_one_notification()
    {
        var calls = 0;
        using var server = await NotificationServer.Start(_ => { }, (_, _, _) => { calls++; return Task.CompletedTask; });
        var form = Form.Concat(Enumerable.Range(0, 1000).Select(i => new KeyValuePair<string, string>($"extra{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();

        var (status, reply) = await NotificationServer.PostBody(server, NotificationServer.Body(form), r => r.Headers.Authorization = NotificationServer.BasicAuthorization);

        Assert.Equal((HttpStatusCode.OK, 0, 1), (status, NotificationSignatureAttackTests.SignedEndpoint.ResultCode(reply), calls));
    }
}
