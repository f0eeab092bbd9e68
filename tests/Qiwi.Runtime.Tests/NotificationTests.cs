using System.Security.Cryptography;
using System.Text;
using Qiwi.Runtime.Tests.Generated;

namespace Qiwi.Runtime.Tests;

/// <summary>The docs' notifications parse, their signatures verify (computed here from the algorithm), and replies format.</summary>
public sealed class NotificationTests
{
    private const string Password = "notify-secret";

    // The docs' signature example body: command=bill&bill_id=LocalTest17&status=paid&error=0&amount=0.01&user=tel%3A%2B78000005122&prv_name=Test&ccy=RUB&comment=Some+Descriptor
    private static readonly KeyValuePair<string, string>[] DocsForm =
    [
        new("command", "bill"), new("bill_id", "LocalTest17"), new("status", "paid"), new("error", "0"), new("amount", "0.01"),
        new("user", "tel:+78000005122"), new("prv_name", "Test"), new("ccy", "RUB"), new("comment", "Some Descriptor"),
    ];

    [Fact]
    public void The_docs_notification_parses_into_the_typed_model()
    {
        var notification = BillNotificationWebhook.Parse(DocsForm);

        Assert.Equal(("LocalTest17", BillStatus.Paid, 0.01m, "tel:+78000005122", "Test", "RUB", "Some Descriptor", "bill"),
            (notification.BillId, notification.Status, notification.Amount, notification.User, notification.MerchantName, notification.Currency, notification.Comment, notification.Command));
        Assert.Equal(ResultCode.Success, notification.Error);
        Assert.Empty(notification.AdditionalProperties);
    }

    [Fact]
    public void The_signature_is_hmac_sha1_over_the_values_sorted_by_name()
    {
        // Independently of the code under test: sort by name, join the values with '|', HMAC-SHA1, Base64.
        var data = string.Join("|", DocsForm.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));
        Assert.Equal("0.01|LocalTest17|RUB|bill|Some Descriptor|0|Test|paid|tel:+78000005122", data);
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Password), Encoding.UTF8.GetBytes(data)));

        Assert.True(BillNotificationWebhook.VerifySignature(DocsForm, expected, Password));
        Assert.Equal(expected, QiwiSignature.Compute(BillNotificationWebhook.Signature, DocsForm, Password));
        Assert.False(BillNotificationWebhook.VerifySignature(DocsForm, expected, "other-password"));
        Assert.False(BillNotificationWebhook.VerifySignature(DocsForm.Select(p => p.Key == "amount" ? new KeyValuePair<string, string>("amount", "100.00") : p), expected, Password));
        Assert.False(BillNotificationWebhook.VerifySignature(DocsForm, null, Password));
        Assert.False(BillNotificationWebhook.VerifySignature(DocsForm, "not base64!", Password));
        Assert.False(BillNotificationWebhook.VerifySignature(DocsForm, expected[..^4], Password));
    }

    [Fact]
    public void Unknown_parameters_are_kept_and_signed()
    {
        var form = DocsForm.Append(new("new_param", "x")).ToArray();
        var data = string.Join("|", form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Password), Encoding.UTF8.GetBytes(data)));

        Assert.Equal("x", BillNotificationWebhook.Parse(form).AdditionalProperties["new_param"]);
        Assert.True(BillNotificationWebhook.VerifySignature(form, signature, Password));
        Assert.False(BillNotificationWebhook.VerifySignature(DocsForm, signature, Password));
    }

    [Fact]
    public void Basic_authorization_is_shop_id_and_notification_password()
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("2042:" + Password));

        Assert.True(QiwiBasicAuthorization.Verify(header, "2042", Password));
        Assert.False(QiwiBasicAuthorization.Verify(header, "2043", Password));
        Assert.False(QiwiBasicAuthorization.Verify(header, "2042", Password + "x"));
        Assert.False(QiwiBasicAuthorization.Verify(null, "2042", Password));
        Assert.False(QiwiBasicAuthorization.Verify("Bearer abc", "2042", Password));
        Assert.False(QiwiBasicAuthorization.Verify("Basic %%%", "2042", Password));
        // The docs' example header, "MjA0Mjp0ZXN0Cg==", is "2042:test" plus the newline echo added.
        Assert.False(QiwiBasicAuthorization.Verify("Basic MjA0Mjp0ZXN0Cg==", "2042", "test"));
        Assert.True(QiwiBasicAuthorization.Verify("Basic MjA0Mjp0ZXN0", "2042", "test"));
    }

    [Fact]
    public void The_reply_is_the_documented_xml()
    {
        Assert.Equal("text/xml", BillNotificationWebhook.ReplyMediaType);
        Assert.Equal("<?xml version=\"1.0\"?><result><result_code>0</result_code></result>", BillNotificationWebhook.FormatReply(new NotificationReply { ResultCode = NotificationResultCode.Success }));
        Assert.Equal("<?xml version=\"1.0\"?><result><result_code>151</result_code></result>", BillNotificationWebhook.FormatReply(new NotificationReply { ResultCode = NotificationResultCode.SignatureFailed }));
    }

    [Fact]
    public void A_notification_missing_a_required_field_is_a_format_error()
    {
        var exception = Assert.Throws<FormatException>(() => BillNotificationWebhook.Parse(DocsForm.Where(p => p.Key != "bill_id")));
        Assert.Contains("bill_id", exception.Message, StringComparison.Ordinal);
    }
}
