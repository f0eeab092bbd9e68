using Qiwi.Runtime;

namespace Qiwi.Samples.Shop.Payments;

/// <summary>How a failed QIWI call is read: refused (a clear no), temporary (not done: try again), or ambiguous (it may have been done).</summary>
public enum CallFailure
{
    /// <summary>QIWI refused with a result code that repeating will not change (e.g. 242, 215).</summary>
    Refused,

    /// <summary>QIWI answered a temporary error (13, 300): the operation was not done; the same request is repeated later.</summary>
    Temporary,

    /// <summary>No clear answer (timeout, dropped connection, unreadable response): the operation may or may not have been done.</summary>
    Ambiguous,
}

/// <summary>Turns a QIWI exception into what the shop does and a message a person can read.</summary>
public static class ApiErrors
{
    public static CallFailure Classify(QiwiException error) => error switch
    {
        QiwiApiException { IsFatal: false } => CallFailure.Temporary,
        QiwiApiException => CallFailure.Refused,
        _ => CallFailure.Ambiguous,
    };

    /// <summary>A readable message: the result code, the docs' description, and QIWI's own words when it gave any.</summary>
    public static string Describe(QiwiException error)
    {
        switch (error)
        {
            case QiwiApiException api:
                var code = (ResultCode)api.ResultCode;
                var catalog = code.GetDescription();
                var text = $"QIWI answered {api.ResultCode}";
                if (!string.IsNullOrEmpty(catalog))
                {
                    text += ": " + catalog.TrimEnd('.');
                }

                if (!string.IsNullOrEmpty(api.Description) && !string.Equals(api.Description.Trim().TrimEnd('.'), catalog?.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
                {
                    text += " (" + api.Description.TrimEnd('.') + ")";
                }

                return text + ".";
            case QiwiTimeoutException:
                return "QIWI did not answer in time; the outcome is unknown and is being checked.";
            case QiwiTransportException:
                return "QIWI could not be reached or the connection dropped; the outcome is unknown and is being checked.";
            default:
                return "QIWI's answer could not be read; the outcome is unknown and is being checked.";
        }
    }
}
