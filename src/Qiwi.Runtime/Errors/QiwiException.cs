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
    /// Like <see cref="Exception.ToString"/>, but the messages of inner exceptions (a parser's message may
    /// quote the response) appear only as sanitized excerpts (see <see cref="QiwiExcerpt"/>).
    /// </summary>
    public override string ToString()
    {
        var builder = new StringBuilder(GetType().FullName).Append(": ").Append(Message);
        for (var inner = InnerException; inner is not null; inner = inner.InnerException)
        {
            builder.Append(" ---> ").Append(inner.GetType().FullName).Append(": ")
                .Append(inner is QiwiException ? inner.Message : QiwiExcerpt.Of(inner.Message));
        }

        if (StackTrace is { } stackTrace)
        {
            builder.AppendLine().Append(stackTrace);
        }

        return builder.ToString();
    }
}
