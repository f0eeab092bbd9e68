namespace Qiwi.AspNetCore;

/// <summary>How QIWI proves a notification is its own (set in the merchant's settings on kassa.qiwi.com).</summary>
public enum QiwiNotificationAuthentication
{
    /// <summary>Basic authorization: login = Shop ID, password = notification password.</summary>
    Basic,

    /// <summary>The signature header ("Use HMAC sign instead of basic auth"), keyed with the notification password.</summary>
    Signature,
}
