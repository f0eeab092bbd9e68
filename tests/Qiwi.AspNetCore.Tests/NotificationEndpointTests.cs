using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Qiwi.AspNetCore.Tests.Generated;

namespace Qiwi.AspNetCore.Tests;

/// <summary>The endpoint answers 0 only after the handler succeeded, and the role's code otherwise.</summary>
public sealed class NotificationEndpointTests
{
    private const string Password = "notify-secret";

    private static readonly KeyValuePair<string, string>[] Form =
    [
        new("command", "bill"), new("bill_id", "BILL-1"), new("status", "paid"), new("error", "0"), new("amount", "1.00"),
        new("user", "tel:+79031811737"), new("prv_name", "Retail_Store"), new("ccy", "RUB"), new("comment", "test"),
    ];

    [Fact]
    public async Task Basic_authorized_notification_reaches_the_handler_and_gets_result_0()
    {
        var received = new List<BillNotification>();
        using var server = await Start(QiwiNotificationAuthentication.Basic, (n, _, _) => { received.Add(n); return Task.CompletedTask; });

        var (status, contentType, body) = await Post(server, Form, basic: "2042:" + Password);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/xml", contentType);
        Assert.Equal("<?xml version=\"1.0\"?><result><result_code>0</result_code></result>", body);
        var notification = Assert.Single(received);
        Assert.Equal(("BILL-1", BillStatus.Paid, 1.00m), (notification.BillId, notification.Status, notification.Amount));
    }

    [Fact]
    public async Task Wrong_basic_credentials_get_150_and_never_reach_the_handler()
    {
        var calls = 0;
        using var server = await Start(QiwiNotificationAuthentication.Basic, (_, _, _) => { calls++; return Task.CompletedTask; });

        var (_, _, wrongPassword) = await Post(server, Form, basic: "2042:wrong");
        var (_, _, noHeader) = await Post(server, Form, basic: null);

        Assert.Contains("<result_code>150</result_code>", wrongPassword, StringComparison.Ordinal);
        Assert.Contains("<result_code>150</result_code>", noHeader, StringComparison.Ordinal);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_signed_notification_is_verified_and_a_bad_signature_gets_151()
    {
        var calls = 0;
        using var server = await Start(QiwiNotificationAuthentication.Signature, (_, _, _) => { calls++; return Task.CompletedTask; });
        var data = string.Join("|", Form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Password), Encoding.UTF8.GetBytes(data)));

        var (_, _, good) = await Post(server, Form, signature: signature);
        var (_, _, bad) = await Post(server, Form.Select(p => p.Key == "amount" ? new KeyValuePair<string, string>("amount", "999.00") : p).ToArray(), signature: signature);

        Assert.Contains("<result_code>0</result_code>", good, StringComparison.Ordinal);
        Assert.Contains("<result_code>151</result_code>", bad, StringComparison.Ordinal);
        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData("1.00")]
    [InlineData("1.0")]
    [InlineData("1")]
    public async Task The_signature_is_verified_over_the_strings_received_so_1_00_stays_1_00(string amount)
    {
        var received = new List<decimal>();
        using var server = await Start(QiwiNotificationAuthentication.Signature, (n, _, _) => { received.Add(n.Amount); return Task.CompletedTask; });
        var form = Form.Select(p => p.Key == "amount" ? new KeyValuePair<string, string>("amount", amount) : p).ToArray();
        var data = string.Join("|", form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));
        Assert.Contains("|" + amount + "|", "|" + data + "|", StringComparison.Ordinal);
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Password), Encoding.UTF8.GetBytes(data)));

        var (_, _, body) = await Post(server, form, signature: signature);

        Assert.Contains("<result_code>0</result_code>", body, StringComparison.Ordinal);
        Assert.Equal(1m, Assert.Single(received));
    }

    [Fact]
    public async Task A_failing_handler_gets_300_so_that_qiwi_repeats()
    {
        using var server = await Start(QiwiNotificationAuthentication.Basic, (_, _, _) => throw new InvalidOperationException("database down"));

        var (status, _, body) = await Post(server, Form, basic: "2042:" + Password);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<result_code>300</result_code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_notification_gets_5()
    {
        using var server = await Start(QiwiNotificationAuthentication.Basic, (_, _, _) => Task.CompletedTask);

        var (_, _, missing) = await Post(server, Form.Where(p => p.Key != "bill_id").ToArray(), basic: "2042:" + Password);
        var (_, _, badAmount) = await Post(server, Form.Select(p => p.Key == "amount" ? new KeyValuePair<string, string>("amount", "lots") : p).ToArray(), basic: "2042:" + Password);

        Assert.Contains("<result_code>5</result_code>", missing, StringComparison.Ordinal);
        Assert.Contains("<result_code>5</result_code>", badAmount, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated_and_never_show_the_password()
    {
        Assert.Throws<ArgumentException>(() => new QiwiNotificationOptions { ShopId = "2042" }.Validate());
        Assert.DoesNotContain(Password, new QiwiNotificationOptions { ShopId = "2042", NotificationPassword = Password }.ToString(), StringComparison.Ordinal);
    }

    private static async Task<TestServer> Start(QiwiNotificationAuthentication mode, Func<BillNotification, Microsoft.AspNetCore.Http.HttpContext, CancellationToken, Task> handler)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.MapQiwiNotifications("/qiwi/notify", BillNotificationWebhook.Descriptor, new QiwiNotificationOptions { Authentication = mode, ShopId = "2042", NotificationPassword = Password }, handler);
        await app.StartAsync();
        return app.GetTestServer();
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, string Body)> Post(TestServer server, KeyValuePair<string, string>[] form, string? basic = null, string? signature = null)
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/qiwi/notify") { Content = new FormUrlEncodedContent(form) };
        if (basic is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        }

        if (signature is not null)
        {
            request.Headers.Add("X-Api-Signature", signature);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}
