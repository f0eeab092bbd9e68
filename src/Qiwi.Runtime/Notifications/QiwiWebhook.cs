namespace Qiwi.Runtime;

/// <summary>
/// Everything needed to receive one webhook, generated from the spec: how to parse its form, how it is
/// signed, and how to reply. Framework helpers (ASP.NET Core's MapQiwiNotifications) take one of these.
/// </summary>
/// <typeparam name="TNotification">The generated notification model.</typeparam>
public sealed class QiwiWebhook<TNotification>
    where TNotification : class
{
    private readonly Func<IEnumerable<KeyValuePair<string, string>>, TNotification> _parse;
    private readonly Func<int, string> _formatReply;

    /// <summary>Creates the descriptor.</summary>
    public QiwiWebhook(
        Func<IEnumerable<KeyValuePair<string, string>>, TNotification> parse,
        QiwiSignatureSpec? signature,
        string replyMediaType,
        Func<int, string> formatReply,
        QiwiWebhookReplyCodes replyCodes)
    {
        _parse = parse ?? throw new ArgumentNullException(nameof(parse));
        Signature = signature;
        ReplyMediaType = replyMediaType ?? throw new ArgumentNullException(nameof(replyMediaType));
        _formatReply = formatReply ?? throw new ArgumentNullException(nameof(formatReply));
        ReplyCodes = replyCodes ?? throw new ArgumentNullException(nameof(replyCodes));
    }

    /// <summary>How the sender signs the request, when the spec says.</summary>
    public QiwiSignatureSpec? Signature { get; }

    /// <summary>The media type of the reply.</summary>
    public string ReplyMediaType { get; }

    /// <summary>The reply codes by meaning.</summary>
    public QiwiWebhookReplyCodes ReplyCodes { get; }

    /// <summary>Reads the form fields; throws <see cref="FormatException"/> when they are not a valid notification.</summary>
    public TNotification Parse(IEnumerable<KeyValuePair<string, string>> fields) => _parse(fields);

    /// <summary>The reply body for <paramref name="code"/>.</summary>
    public string FormatReply(int code) => _formatReply(code);
}
