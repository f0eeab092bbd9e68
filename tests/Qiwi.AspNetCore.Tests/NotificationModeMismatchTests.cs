using Qiwi.AspNetCore.Tests.Generated;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// A newcomer's endpoint in one authorization mode and a shop set to the other (the sandbox's shop signs once
/// `sign_notifications` is patched on) used to log only "Basic authorization failed" or "the signature does not match".
/// The log now says which header came instead and which mode to set; never a header's value. The replies are unchanged.
/// </summary>
public sealed class NotificationModeMismatchTests
{
    private static readonly KeyValuePair<string, string>[] Form = NotificationServer.Form("BILL-1", "paid");

    [Fact]
    public async Task A_signed_notification_at_a_Basic_endpoint_is_logged_with_the_mode_to_set()
    {
        var (reply, log) = await Post(QiwiNotificationAuthentication.Basic, request => request.Headers["X-Api-Signature"] = "c2lnbmVk");
        Assert.Contains(">150<", reply, StringComparison.Ordinal);
        Assert.Contains("no Authorization header but has X-Api-Signature: the shop signs its notifications, so set Authentication = Signature", log, StringComparison.Ordinal);
        Assert.DoesNotContain("c2lnbmVk", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notification_without_any_authorization_says_so()
    {
        var (reply, log) = await Post(QiwiNotificationAuthentication.Basic, _ => { });
        Assert.Contains(">150<", reply, StringComparison.Ordinal);
        Assert.Contains("Basic authorization failed: the request has no Authorization header.", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_told_as_such_without_the_header()
    {
        var header = "Basic " + Convert.ToBase64String("2042:wrong-password"u8.ToArray());
        var (reply, log) = await Post(QiwiNotificationAuthentication.Basic, request => request.Headers.Authorization = header);
        Assert.Contains(">150<", reply, StringComparison.Ordinal);
        Assert.Contains("the login and password are not ShopId and NotificationPassword", log, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", log, StringComparison.Ordinal);
        Assert.DoesNotContain(header[6..], log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Basic_notification_at_a_Signature_endpoint_is_logged_with_the_mode_to_leave()
    {
        var (reply, log) = await Post(QiwiNotificationAuthentication.Signature, request => request.Headers.Authorization = NotificationServer.BasicAuthorization);
        Assert.Contains(">151<", reply, StringComparison.Ordinal);
        Assert.Contains("the request has no X-Api-Signature header; it has Basic authorization instead: the shop does not sign its notifications, so leave Authentication = Basic", log, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationServer.Password, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_signature_is_still_a_signature_that_does_not_match()
    {
        var (reply, log) = await Post(QiwiNotificationAuthentication.Signature, request => request.Headers["X-Api-Signature"] = "c2lnbmVk");
        Assert.Contains(">151<", reply, StringComparison.Ordinal);
        Assert.Contains("rejected: the signature does not match.", log, StringComparison.Ordinal);
    }

    private static async Task<(string Reply, string Log)> Post(QiwiNotificationAuthentication mode, Action<Microsoft.AspNetCore.Http.HttpRequest> prepare)
    {
        var logs = new NotificationSignatureAttackTests.LogLines();
        using var server = await NotificationServer.Start(options => options.Authentication = mode, (_, _, _) => throw new InvalidOperationException("The handler must not run."), logs: logs);
        var (_, reply) = await NotificationServer.PostBody(server, NotificationServer.Body(Form), prepare);
        return (reply, string.Join("\n", logs.Lines));
    }
}
