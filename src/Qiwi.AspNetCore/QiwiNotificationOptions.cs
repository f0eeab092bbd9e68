namespace Qiwi.AspNetCore;

/// <summary>How the notification endpoint checks who is calling.</summary>
public sealed class QiwiNotificationOptions
{
    /// <summary>Basic authorization or signature.</summary>
    public QiwiNotificationAuthentication Authentication { get; set; } = QiwiNotificationAuthentication.Basic;

    /// <summary>The Shop ID: the login of Basic authorization.</summary>
    public string ShopId { get; set; } = string.Empty;

    /// <summary>The notification password. A secret: never shown by <see cref="ToString"/> or logs.</summary>
    public string NotificationPassword { get; set; } = string.Empty;

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(NotificationPassword))
        {
            throw new ArgumentException("NotificationPassword is required.", nameof(NotificationPassword));
        }

        if (Authentication == QiwiNotificationAuthentication.Basic && string.IsNullOrWhiteSpace(ShopId))
        {
            throw new ArgumentException("ShopId is required for Basic authorization.", nameof(ShopId));
        }
    }

    /// <summary>The options without the password.</summary>
    public override string ToString() => $"QiwiNotificationOptions {{ Authentication = {Authentication}, ShopId = {ShopId}, NotificationPassword = *** }}";
}
