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

    /// <summary>
    /// The source networks allowed to post notifications; empty (the default) allows any. Typically
    /// <see cref="QiwiNotificationNetworks.Published"/>. The caller is <c>HttpContext.Connection.RemoteIpAddress</c>:
    /// behind a reverse proxy, add ASP.NET Core's forwarded-headers middleware with the proxy as a known proxy,
    /// or every request seems to come from the proxy. Other sources get HTTP 403 and never reach the handler.
    /// </summary>
    public IList<System.Net.IPNetwork> AllowedNetworks { get; } = new List<System.Net.IPNetwork>();

    /// <summary>
    /// Where applied notifications are remembered so that repeats are recognized across restarts and nodes;
    /// null (the default) uses the <see cref="IQiwiNotificationStore"/> registered in DI, if any.
    /// </summary>
    public IQiwiNotificationStore? Store { get; set; }

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
