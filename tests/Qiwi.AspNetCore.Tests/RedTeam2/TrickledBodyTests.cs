using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using static Qiwi.AspNetCore.Tests.NotificationSignatureAttackTests;

namespace Qiwi.AspNetCore.Tests.RedTeam2;

/// <summary>
/// A body trickled to the endpoint over a real Kestrel, a byte at a time: the request must end long before the body
/// would have arrived (here 600 bytes at one byte per 20 ms: 12 s), never reach the handler, and leave no gate entry.
/// Kestrel's minimum data rate ends it (answered 5: the form read fails); with that rate switched off nothing did, and
/// the whole body was read and applied (the second test failed so, after 12 s): now
/// <see cref="QiwiNotificationOptions.BodyTimeout"/> ends the connection.
/// </summary>
public sealed class TrickledBodyTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Kestrels_minimum_body_data_rate_ends_a_trickled_body_before_it_is_read()
    {
        // Kestrel's default is 240 bytes/s after a 5 s grace; a shorter grace keeps the test short.
        await using var endpoint = await KestrelEndpoint.Start(
            o => o.Authentication = QiwiNotificationAuthentication.Signature,
            k => k.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(1.5)));

        var (request, length) = TrickledRequest("T-1");
        var answer = await endpoint.Send(request, new Random(401), 1, Pause);

        AssertEndedEarly(answer, request, length);
        Assert.Equal(0, endpoint.Calls);
        Assert.Equal(0, endpoint.Options.Gate.Count);
    }

    [Fact]
    public async Task Without_kestrels_minimum_data_rate_the_endpoints_own_body_timeout_ends_a_trickled_body()
    {
        // Kestrel's rate switched off (as an app may do for slow uploads; a test server or another host has none):
        // then nothing but the endpoint bounds how long a body may take.
        await using var endpoint = await KestrelEndpoint.Start(
            o => { o.Authentication = QiwiNotificationAuthentication.Signature; o.BodyTimeout = TimeSpan.FromSeconds(1); },
            k => k.Limits.MinRequestBodyDataRate = null);

        var (request, length) = TrickledRequest("T-2");
        var answer = await endpoint.Send(request, new Random(402), 1, Pause);

        AssertEndedEarly(answer, request, length);
        Assert.Null(answer.Status); // the connection ended with no reply: QIWI repeats it
        Assert.Equal(0, endpoint.Calls);
        Assert.Equal(0, endpoint.Options.Gate.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(30 * 24 * 3600 * 1000L)]
    public void A_body_timeout_of_zero_or_less_or_past_a_timers_range_is_refused_by_the_options(long milliseconds)
    {
        var options = new QiwiNotificationOptions { ShopId = "2042", NotificationPassword = "p", BodyTimeout = TimeSpan.FromMilliseconds(milliseconds) };
        Assert.Equal(nameof(QiwiNotificationOptions.BodyTimeout), Assert.Throws<ArgumentException>(options.Validate).ParamName);
        options.BodyTimeout = Timeout.InfiniteTimeSpan;
        options.Validate();
    }

    /// <summary>A signed notification padded to 600 bytes, declared with Content-Length; the head's length.</summary>
    private static (byte[] Request, int Head) TrickledRequest(string bill)
    {
        var form = NotificationBodyBoundTests.Padded(NotificationServer.Form(bill, "paid"), 600);
        var body = NotificationServer.Body(form);
        var head = KestrelEndpoint.Head(
            "Content-Type: application/x-www-form-urlencoded",
            "X-Api-Signature: " + SignedEndpoint.Sign(form),
            "Content-Length: " + body.Length.ToString(CultureInfo.InvariantCulture));
        return (ChunkedBodyTests.Concat(head, body), head.Length);
    }

    private static void AssertEndedEarly(KestrelEndpoint.RawAnswer answer, byte[] request, int head)
    {
        Assert.True(answer.Written < request.Length, $"the whole body was read: {answer}");
        Assert.True(answer.Written > head, $"ended before the body began: {answer}");
        Assert.NotEqual(0, answer.ResultCode);
    }
}
