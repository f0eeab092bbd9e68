namespace Qiwi.Runtime;

/// <summary>
/// Stands in, below a <see cref="QiwiException"/>, for an exception whose message (or the message of one below it)
/// quoted the client's credentials: a parser quoting a value the server echoed, a handler quoting a header. It keeps
/// the original's type name, its message with the credentials removed, and its stack trace; the original is not kept,
/// so a logger that records every inner exception's own message (Application Insights, Serilog's exception
/// destructuring) never sees them. An inner exception that quotes nothing is kept as it was thrown.
/// </summary>
public sealed class QiwiRedactedException : Exception
{
    private readonly string? _stackTrace;

    private QiwiRedactedException(Exception original, string message, Exception? innerException)
        : base(message, innerException)
    {
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        HResult = original.HResult;
        _stackTrace = original.StackTrace;
    }

    /// <summary>The full name of the original exception's type (<c>System.FormatException</c>).</summary>
    public string OriginalType { get; }

    /// <summary>The original exception's stack trace.</summary>
    public override string? StackTrace => _stackTrace;

    /// <summary>
    /// <paramref name="exception"/> itself when no message from it down to the next <see cref="QiwiException"/> quotes
    /// <paramref name="secrets"/> or a credential; else a chain of stand-ins down to the last one that does (those below
    /// it are kept).
    /// </summary>
    internal static Exception? Of(Exception? exception, string?[] secrets)
    {
        if (exception is null or QiwiException || !AnyQuotes(exception, secrets))
        {
            return exception;
        }

        return new QiwiRedactedException(exception, QiwiExcerpt.RemoveCredentials(exception.Message, secrets), Of(exception.InnerException, secrets));
    }

    private static bool AnyQuotes(Exception exception, string?[] secrets)
    {
        for (Exception? inner = exception; inner is not null and not QiwiException; inner = inner.InnerException)
        {
            if (QiwiExcerpt.RemoveCredentials(inner.Message, secrets) != inner.Message)
            {
                return true;
            }
        }

        return false;
    }
}
