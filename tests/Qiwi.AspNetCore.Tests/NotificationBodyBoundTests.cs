using System.Net;
using System.Text;
using Qiwi.AspNetCore;
using static Qiwi.AspNetCore.Tests.NotificationSignatureAttackTests;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// Nobody reaching the endpoint makes it read more than it needs: with Basic authorization a request without the
/// shop's password is answered 150 before a byte of its body is read (whatever the body: before, a body that was not
/// a form was answered 5, and any other was read whole first), and in every mode a body over
/// <see cref="QiwiNotificationOptions.MaxBodyBytes"/> is refused as malformed (5) having read at most one byte past the
/// bound, with or without a declared length (before: read up to the server's own limit, Kestrel's 30 MB).
/// </summary>
public sealed class NotificationBodyBoundTests
{
    private const int Bound = 4096;

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    public async Task A_request_without_the_shops_password_is_answered_before_its_body_is_read(string contentType)
    {
        var calls = 0;
        using var server = await NotificationServer.Start(_ => { }, (_, _, _) => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        var body = new MemoryStream(NotificationServer.Body(NotificationServer.Form("BILL-1", "paid")));

        var (status, reply) = await NotificationServer.PostBody(server, body, r =>
        {
            r.ContentType = contentType;
            r.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("2042:not the password"));
        });

        Assert.Equal((HttpStatusCode.OK, 150), (status, SignedEndpoint.ResultCode(reply)));
        Assert.Equal(0, body.Position);
        Assert.Equal(0, calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_signed_body_over_the_bound_is_refused_as_malformed_having_read_at_most_one_byte_past_it(bool declared)
    {
        var calls = 0;
        using var server = await NotificationServer.Start(
            o => { o.Authentication = QiwiNotificationAuthentication.Signature; o.MaxBodyBytes = Bound; },
            (_, _, _) => { Interlocked.Increment(ref calls); return Task.CompletedTask; });

        // Padded with a signed extra field to exactly the bound, then one byte more: the first passes, the second not.
        foreach (var (size, expected) in new[] { (Bound, 0), (Bound + 1, 5), (Bound * 50, 5) })
        {
            var form = Padded(NotificationServer.Form("BILL-" + size, "paid"), size);
            var bytes = NotificationServer.Body(form);
            Assert.Equal(size, bytes.Length);
            var body = new MemoryStream(bytes);

            var (status, reply) = await NotificationServer.PostBody(server, body, r =>
            {
                r.Headers["X-Api-Signature"] = SignedEndpoint.Sign(form);
                r.ContentLength = declared ? bytes.Length : null;
            });

            Assert.Equal((HttpStatusCode.OK, expected), (status, SignedEndpoint.ResultCode(reply)));
            Assert.True(body.Position <= (expected == 0 ? size : declared ? 0 : Bound + 1), $"read {body.Position} bytes of {size}");
        }

        Assert.Equal(1, calls);
    }

    [Fact]
    public void A_bound_of_zero_or_less_is_refused_by_the_options()
    {
        var options = new QiwiNotificationOptions { ShopId = "2042", NotificationPassword = "p", MaxBodyBytes = 0 };
        Assert.Equal(nameof(QiwiNotificationOptions.MaxBodyBytes), Assert.Throws<ArgumentException>(options.Validate).ParamName);
    }

    /// <summary>The form with an extra field whose value makes the body exactly <paramref name="size"/> bytes.</summary>
    internal static KeyValuePair<string, string>[] Padded(KeyValuePair<string, string>[] form, int size)
    {
        var length = NotificationServer.Body([.. form, new("pad", "")]).Length;
        return [.. form, new("pad", new string('x', size - length))];
    }
}
