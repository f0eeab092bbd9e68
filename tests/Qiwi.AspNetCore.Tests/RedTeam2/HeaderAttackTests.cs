using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using static Qiwi.AspNetCore.Tests.NotificationSignatureAttackTests;

namespace Qiwi.AspNetCore.Tests.RedTeam2;

/// <summary>
/// Headers and fields repeated, combined and oversized: two Authorization headers as separate lines over a real Kestrel
/// (the good one first, last, or both), a signature header too long for Kestrel and one of 1 MiB on a host without
/// Kestrel's limit, a form field given twice in a signed notification; and the gate filled with many notifications at
/// once, empty again when none is in flight.
/// </summary>
public sealed class HeaderAttackTests
{
    [Fact]
    public async Task Two_authorization_lines_are_150_whichever_holds_the_password()
    {
        await using var endpoint = await KestrelEndpoint.Start(_ => { });
        var good = "Authorization: " + NotificationServer.BasicAuthorization;
        var bad = "Authorization: Basic " + Convert.ToBase64String("2042:wrong"u8.ToArray());
        var body = NotificationServer.Body(NotificationServer.Form("H-1", "paid"));
        var codes = new List<int?>();
        foreach (var pair in new[] { (good, bad), (bad, good), (good, good) })
        {
            var request = ChunkedBodyTests.Concat(
                KestrelEndpoint.Head("Content-Type: application/x-www-form-urlencoded", pair.Item1, pair.Item2, "Content-Length: " + body.Length.ToString(CultureInfo.InvariantCulture)),
                body);
            codes.Add((await endpoint.Send(request, new Random(601), 4096)).ResultCode);
        }

        Assert.Equal([150, 150, 150], codes);
        Assert.Equal(0, endpoint.Calls);
    }

    [Fact]
    public async Task A_signature_header_too_long_for_kestrel_is_refused_before_the_endpoint_and_one_of_a_mebibyte_elsewhere_is_151()
    {
        await using (var endpoint = await KestrelEndpoint.Start(o => o.Authentication = QiwiNotificationAuthentication.Signature))
        {
            var form = NotificationServer.Form("H-2", "paid");
            var body = NotificationServer.Body(form);
            var request = ChunkedBodyTests.Concat(
                KestrelEndpoint.Head("Content-Type: application/x-www-form-urlencoded", "X-Api-Signature: " + SignedEndpoint.Sign(form) + new string('A', 40_000), "Content-Length: " + body.Length.ToString(CultureInfo.InvariantCulture)),
                body);

            var answer = await endpoint.Send(request, new Random(602), 8192);

            Assert.Equal(431, answer.Status); // Kestrel's MaxRequestHeadersTotalSize (32 KiB)
            Assert.Equal(0, endpoint.Calls);
        }

        await using var signed = await SignedEndpoint.Start();
        var notification = NotificationServer.Form("H-3", "paid");
        Assert.Equal(151, await signed.Code(NotificationServer.Body(notification), SignedEndpoint.Sign(notification) + new string('A', 1 << 20)));
        Assert.Equal(0, signed.Calls);
    }

    [Fact]
    public async Task A_field_given_twice_counts_with_its_last_value_for_the_signature_the_handler_and_the_key()
    {
        await using var signed = await SignedEndpoint.Start(new MemoryStore());
        var form = NotificationServer.Form("H-4", "paid");
        var body = NotificationServer.Body(form);
        var withEarlierCopy = Encoding.UTF8.GetBytes("bill_id=OTHER&status=rejected&" + Encoding.UTF8.GetString(body));
        var withLaterCopy = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body) + "&bill_id=OTHER");

        Assert.Equal(0, await signed.Code(withEarlierCopy, SignedEndpoint.Sign(form))); // read as the notification signed
        Assert.Equal(0, await signed.Code(body, SignedEndpoint.Sign(form))); // the same notification: not applied again
        Assert.Equal(151, await signed.Code(withLaterCopy, SignedEndpoint.Sign(form))); // another bill_id than signed

        Assert.Equal([SignedEndpoint.Key(form)], signed.Keys);
    }

    [Fact]
    public async Task The_gate_holds_one_entry_per_notification_in_flight_and_none_after()
    {
        const int Notifications = 400;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inHandler = 0;
        QiwiNotificationOptions? options = null;
        using var server = await NotificationServer.Start(
            o => options = o,
            async (_, _, _) => { Interlocked.Increment(ref inHandler); await release.Task; });

        var posts = Enumerable.Range(0, Notifications).Select(i => NotificationServer.Post(server, NotificationServer.Form("G-" + i, "paid"))).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref inHandler) < Notifications && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(Notifications, options!.Gate.Count);
        release.SetResult();
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(0, options.Gate.Count);
    }
}
