namespace Qiwi.Runtime;

/// <summary>
/// One failed check of a client's options: the setting, by its path in the options (<c>Retry.MaxAttempts</c>; as a
/// configuration key <c>Retry:MaxAttempts</c> under the section bound), and what is wrong. The message never quotes a
/// credential (API password, URL user info).
/// </summary>
public sealed class QiwiOptionsError
{
    /// <summary>Creates the failure of <paramref name="option"/>.</summary>
    public QiwiOptionsError(string option, string message)
    {
        Option = option ?? throw new ArgumentNullException(nameof(option));
        Message = message ?? throw new ArgumentNullException(nameof(message));
    }

    /// <summary>The setting, by its path in the options (<c>ApiId</c>, <c>Retry.MaxDelay</c>).</summary>
    public string Option { get; }

    /// <summary>What is wrong with it, a sentence that starts with its name.</summary>
    public string Message { get; }

    /// <summary>
    /// The failure a setting's guard threw (a generated client-level setting is checked by the guards its methods
    /// use): its parameter name and its message, without the runtime's "(Parameter '...')" and "Actual value" lines.
    /// </summary>
    public static QiwiOptionsError From(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var option = exception.ParamName ?? "?";
        var text = exception.Message;
        var line = text.IndexOf('\n', StringComparison.Ordinal);
        text = (line < 0 ? text : text[..line]).TrimEnd('\r');
        var suffix = " (Parameter '" + option + "')";
        return new QiwiOptionsError(option, text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text);
    }

    /// <summary>
    /// The exception <see cref="QiwiClientOptions.Validate"/> (and the notification options' <c>Validate</c>) throws for <paramref name="errors"/>: an
    /// <see cref="ArgumentException"/> whose message lists every failure and whose <see cref="ArgumentException.ParamName"/>
    /// is the first bad setting.
    /// </summary>
    public static ArgumentException ToException(IReadOnlyList<QiwiOptionsError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("There is no failure to report.", nameof(errors));
        }

        return errors.Count == 1
            ? new ArgumentException(errors[0].Message, errors[0].Option)
            : new ArgumentException(
                $"{errors.Select(static error => error.Option).Distinct(StringComparer.Ordinal).Count()} settings are invalid: " + string.Join(" ", errors.Select(static error => error.Message)), errors[0].Option);
    }

    /// <summary>The message (which names the setting).</summary>
    public override string ToString() => Message;
}
