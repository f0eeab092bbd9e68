using System.Security.Cryptography;
using System.Text;
using Qiwi.Runtime.Tests.Generated;

namespace Qiwi.Runtime.Tests.Notifications;

/// <summary>A notification is verified over the strings received, never over values re-formatted from the typed model.</summary>
public sealed class ReceivedStringsTests
{
    private const string Password = "notify-secret";

    [Theory]
    [InlineData("1.00")]
    [InlineData("1.0")]
    [InlineData("1")]
    [InlineData("01.000")]
    public void The_amount_is_signed_as_received(string amount)
    {
        KeyValuePair<string, string>[] form =
        [
            new("command", "bill"), new("bill_id", "BILL-1"), new("status", "paid"), new("amount", amount),
            new("user", "tel:+79031811737"), new("prv_name", "TEST"), new("ccy", "RUB"), new("comment", "test"),
        ];

        // Independently of the code under test: the received string, byte for byte.
        var signed = string.Join("|", amount, "BILL-1", "RUB", "bill", "test", "TEST", "paid", "tel:+79031811737");
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Password), Encoding.UTF8.GetBytes(signed)));
        Assert.Equal(signed, QiwiSignature.CanonicalString(BillNotificationWebhook.Signature, form));
        Assert.True(BillNotificationWebhook.VerifySignature(form, signature, Password));

        // The typed model reads the same amount, and writing it back would change the string for every form but "1.00":
        // which is why nothing verifies over the model.
        var notification = BillNotificationWebhook.Parse(form);
        Assert.Equal(1m, notification.Amount);
        var reformatted = QiwiFormat.Decimal(notification.Amount, 2, QiwiRounding.Down);
        Assert.Equal("1.00", reformatted);
        Assert.Equal(amount == "1.00", BillNotificationWebhook.VerifySignature(form.Select(p => p.Key == "amount" ? new KeyValuePair<string, string>("amount", reformatted) : p), signature, Password));
    }
}
