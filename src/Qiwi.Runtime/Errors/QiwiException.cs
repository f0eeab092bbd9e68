using System.Text;

namespace Qiwi.Runtime;

/// <summary>The base of every exception a generated client throws for a call that did not succeed.</summary>
public abstract class QiwiException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected QiwiException(string? operationId, string message, Exception? innerException)
        : base(message, innerException)
    {
        OperationId = operationId;
    }

    /// <summary>The spec's operationId of the call.</summary>
    public string? OperationId { get; }

    /// <summary>
    /// Excerpts of the messages of the inner exceptions directly below this one (down to the next <see cref="QiwiException"/>),
    /// with the client's credentials removed too; null: <see cref="ToString"/> excerpts them without (see <see cref="RedactInnerMessages"/>).
    /// </summary>
    private string[]? _innerExcerpts;

    /// <summary>
    /// Excerpts now, once, the messages of the inner exceptions below this one with <paramref name="secrets"/> removed
    /// (the API password, its Basic token): a parser's message may quote what the server echoed. Only the excerpts
    /// are kept, never the secrets.
    /// </summary>
    internal void RedactInnerMessages(params string?[] secrets)
    {
        var excerpts = new List<string>();
        for (var inner = InnerException; inner is not null and not QiwiException; inner = inner.InnerException)
        {
            excerpts.Add(QiwiExcerpt.Of(inner.Message, secrets));
        }

        _innerExcerpts = excerpts.ToArray();
    }

    /// <summary>
    /// Like <see cref="Exception.ToString"/>, but the messages of inner exceptions (a parser's message may
    /// quote the response) appear only as sanitized excerpts (see <see cref="QiwiExcerpt"/>).
    /// </summary>
    public override string ToString()
    {
        var builder = new StringBuilder(GetType().FullName).Append(": ").Append(Message);
        var owner = this; // the nearest QIWI exception above, whose redacted excerpts apply
        var below = 0;
        for (var inner = InnerException; inner is not null; inner = inner.InnerException)
        {
            builder.Append(" ---> ").Append(inner.GetType().FullName).Append(": ");
            if (inner is QiwiException qiwi)
            {
                builder.Append(qiwi.Message);
                owner = qiwi;
                below = 0;
            }
            else
            {
                builder.Append(owner._innerExcerpts is { } excerpts && below < excerpts.Length ? excerpts[below] : QiwiExcerpt.Of(inner.Message));
                below++;
            }
        }

        if (StackTrace is { } stackTrace)
        {
            builder.AppendLine().Append(stackTrace);
        }

        return builder.ToString();
    }
}
