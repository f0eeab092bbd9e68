using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qiwi.Runtime;

namespace Qiwi.AspNetCore;

/// <summary>
/// Handles one notification: authorization, parsing, the user's handler, and the reply. Result 0 only after
/// the handler succeeded; otherwise the role's code (malformed, bad password or certificate, bad signature,
/// failure), so that QIWI repeats the notification. Copies of one notification are handled one at a time
/// (<see cref="QiwiNotificationGate"/>).
/// </summary>
internal static partial class QiwiNotificationHandler
{
    public static async Task HandleAsync<T>(HttpContext context, QiwiWebhook<T> webhook, QiwiNotificationOptions options, Func<T, HttpContext, CancellationToken, Task> handler)
        where T : class
    {
        var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Qiwi.AspNetCore.Notifications") ?? NullLogger.Instance;
        if (!QiwiNotificationNetworks.Allows(options.AllowedNetworks, context.Connection.RemoteIpAddress))
        {
            LogForbiddenSource(logger, context.Connection.RemoteIpAddress?.ToString());
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var code = await DecideAsync(context, webhook, options, handler, logger).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = webhook.ReplyMediaType;
        await context.Response.WriteAsync(webhook.FormatReply(code), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<int> DecideAsync<T>(HttpContext context, QiwiWebhook<T> webhook, QiwiNotificationOptions options, Func<T, HttpContext, CancellationToken, Task> handler, ILogger logger)
        where T : class
    {
        var codes = webhook.ReplyCodes;

        // Basic and certificate authorization need no body: checked first, so nobody unauthorized has a body read.
        if (options.Authentication != QiwiNotificationAuthentication.Signature && await AuthorizeAsync(context, options, codes, webhook.Signature?.Target, logger).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!IsUrlEncodedForm(context.Request))
        {
            LogRejected(logger, context.Request.HasFormContentType
                ? "the body is multipart, not form-urlencoded (the only framing QIWI posts)"
                : "the body is not a form");
            return codes.InvalidRequest;
        }

        if (!BoundBody(context, options.MaxBodyBytes))
        {
            LogRejected(logger, $"the body is longer than {options.MaxBodyBytes} bytes");
            return codes.InvalidRequest;
        }

        IFormCollection form;
        using var bodyRead = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        bodyRead.CancelAfter(options.BodyTimeout);
        try
        {
            form = await context.Request.ReadFormAsync(bodyRead.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (bodyRead.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            // Still coming after BodyTimeout: the connection is ended (Kestrel ends one whose body read was cancelled
            // anyway, so no reply could follow); QIWI repeats a notification it got no reply to.
            LogRejected(logger, $"the body did not arrive within {options.BodyTimeout.TotalSeconds:0.###} s");
            context.Abort();
            return codes.InvalidRequest;
        }
        catch (Exception exception) when (Qiwi.Shared.UnreadableForm.Is(exception) && !context.RequestAborted.IsCancellationRequested)
        {
            // Beyond MaxBodyBytes or the form reader's limits (FormOptions: 1024 fields, 2 KiB names, 4 MiB values), a
            // NUL in a name or value (the urlencoded reader refuses one: a database may not hold it), a charset .NET
            // refuses (utf-7): a malformed request, not a server error.
            LogRejected(logger, "the body is not a readable form (" + exception.GetType().Name + ")");
            return codes.InvalidRequest;
        }

        var fields = form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.Count == 0 ? string.Empty : f.Value[^1] ?? string.Empty)).ToList();

        if (options.Authentication == QiwiNotificationAuthentication.Signature)
        {
            var signature = webhook.Signature ?? throw new InvalidOperationException("The webhook has no signature in the spec; use Basic authorization.");
            if (!QiwiSignature.Verify(signature, fields, options.NotificationPassword, context.Request.Headers[signature.Target]))
            {
                LogRejected(logger, context.Request.Headers.ContainsKey(signature.Target)
                    ? "the signature does not match"
                    : $"the request has no {signature.Target} header" + (context.Request.Headers.ContainsKey("Authorization")
                        ? "; it has Basic authorization instead: the shop does not sign its notifications, so leave Authentication = Basic"
                        : string.Empty));
                return codes.BadSignature;
            }
        }

        T notification;
        try
        {
            notification = webhook.Parse(fields);
        }
        catch (FormatException exception)
        {
            LogRejected(logger, exception.Message);
            return codes.InvalidRequest;
        }

        var store = options.Store ?? context.RequestServices.GetService<IQiwiNotificationStore>();
        // Signed: the key of what the signature covers (values, not names), so a renamed replay is the same notification.
        var key = options.Authentication == QiwiNotificationAuthentication.Signature
            ? QiwiNotificationKey.Compute(webhook.Signature!, fields)
            : QiwiNotificationKey.Compute(fields);
        context.Features.Set<IQiwiNotificationFeature>(new QiwiNotificationFeature(key));
        try
        {
            // One copy of this notification at a time (in this process): a copy that waited asks the store after
            // the one before it marked the key. Released whatever happens below, so the next copy is not stuck.
            using var gate = await options.Gate.EnterAsync(key, context.RequestAborted).ConfigureAwait(false);
            if (store is not null && await IsAppliedAsync(store, key, context.RequestAborted, logger).ConfigureAwait(false))
            {
                LogDuplicate(logger, fields.Find(f => f.Key == "bill_id").Value);
                return codes.Success;
            }

            await handler(notification, context, context.RequestAborted).ConfigureAwait(false);
            if (store is not null)
            {
                // The change is made: record it even when QIWI has stopped waiting for the reply (its repeat must
                // find the mark), so not with the request's token, which is cancelled when the client gives up. Waited
                // for to the end, however long, with the gate held: released before the mark is made, a repeat would
                // find no mark and run the handler again. A handler that never returns holds the gate the same way.
                await store.MarkAppliedAsync(key, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            LogHandlerFailed(logger, exception);
            return codes.Failure;
        }

        LogHandled(logger, fields.Find(f => f.Key == "bill_id").Value);
        return codes.Success;
    }

    /// <summary>
    /// Asks the store, waiting no longer than the request lives: a store deaf to cancellation that never answers would
    /// otherwise hold this notification's gate for good, and every repeat would wait behind it until QIWI gave up. Safe
    /// to let go of: the question changes nothing, and the copy that asked leaves without calling the handler, so the
    /// gate is released with nothing applied; the next copy asks again. The abandoned call's answer is ignored.
    /// </summary>
    private static async ValueTask<bool> IsAppliedAsync(IQiwiNotificationStore store, string key, CancellationToken requestAborted, ILogger logger)
    {
        var asked = store.IsAppliedAsync(key, requestAborted);
        if (asked.IsCompleted)
        {
            return await asked.ConfigureAwait(false);
        }

        var answer = asked.AsTask();
        try
        {
            return await answer.WaitAsync(requestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested && !answer.IsCompleted)
        {
            LogStoreAbandoned(logger);
            _ = answer.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// Whether the body is <c>application/x-www-form-urlencoded</c>, the framing the spec names for a notification. Not
    /// multipart: its reader lets a NUL through and drops a part whose Content-Disposition it cannot parse (or that is a
    /// file) without a word, so a notification could reach the handler with a field missing.
    /// </summary>
    private static bool IsUrlEncodedForm(HttpRequest request)
        => request.HasFormContentType
            && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Basic or certificate check: null when authorized, else the code to answer.</summary>
    private static async ValueTask<int?> AuthorizeAsync(HttpContext context, QiwiNotificationOptions options, QiwiWebhookReplyCodes codes, string? signatureHeader, ILogger logger)
    {
        if (options.Authentication == QiwiNotificationAuthentication.Certificate)
        {
            if (!await IsCertificateAcceptedAsync(context, options, logger).ConfigureAwait(false))
            {
                LogRejected(logger, "the client certificate was not accepted");
                return codes.BadPassword;
            }
        }
        else if (!QiwiBasicAuthorization.Verify(context.Request.Headers.Authorization, options.ShopId, options.NotificationPassword))
        {
            LogRejected(logger, BasicFailure(context.Request.Headers, signatureHeader));
            return codes.BadPassword;
        }

        return null;
    }

    /// <summary>
    /// Why Basic authorization failed, for the log (never the header's value): no header at all, and the notification
    /// signed instead (the shop signs: the endpoint must be in Signature mode), or a login or password that is not
    /// the options'. A newcomer whose shop signs once saw only "Basic authorization failed".
    /// </summary>
    private static string BasicFailure(IHeaderDictionary headers, string? signatureHeader)
    {
        if (headers.ContainsKey("Authorization"))
        {
            return "Basic authorization failed: the login and password are not ShopId and NotificationPassword";
        }

        return signatureHeader is not null && headers.ContainsKey(signatureHeader)
            ? $"Basic authorization failed: the request has no Authorization header but has {signatureHeader}: the shop signs its notifications, so set Authentication = Signature"
            : "Basic authorization failed: the request has no Authorization header";
    }

    /// <summary>
    /// False when the declared length is over <paramref name="max"/>; else the body is read through a bound of
    /// <paramref name="max"/> bytes (<see cref="BoundedRequestBody"/>; Kestrel is told a limit too, where it lets it be
    /// set: the bound, or for a chunked body the bound with room for its framing), so a body without a declared length
    /// fails the form read instead of being read to the server's own limit.
    /// </summary>
    private static bool BoundBody(HttpContext context, long max)
    {
        if (context.Request.ContentLength > max)
        {
            return false;
        }

        // Kestrel counts a chunked body's framing (each chunk's size line and CRLF) against its limit: told the bound
        // itself, it refused a chunked body of the bound's length or less sent in small chunks. Chunked, it is told the
        // framed size of max + 1 bytes in one-byte chunks instead; the bound on the content is BoundedRequestBody's.
        var serverLimit = context.Request.ContentLength is null ? FramedChunkedLength(max) : max;
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
            && (limit.MaxRequestBodySize is null || limit.MaxRequestBodySize > serverLimit))
        {
            limit.MaxRequestBodySize = serverLimit;
        }

        context.Request.Body = new BoundedRequestBody(context.Request.Body, max);
        return true;
    }

    /// <summary>
    /// The most bytes a chunked body of <paramref name="max"/> + 1 content bytes takes as Kestrel counts them: one-byte
    /// chunks, each with the longest size line Kestrel reads (10 bytes with its CRLF) and the CRLF after the data, then
    /// the last chunk and the end (saturating at <see cref="long.MaxValue"/>).
    /// </summary>
    private static long FramedChunkedLength(long max)
    {
        const long PerByte = 1 + 10 + 2;
        const long End = 64;
        return max >= (long.MaxValue - End) / PerByte - 1 ? long.MaxValue : ((max + 1) * PerByte) + End;
    }

    /// <summary>
    /// ASP.NET Core's certificate authentication validated the certificate the connection presented (chain, period,
    /// use), and the options pin it. A failed certificate gets the Basic role's code (authorization failed): the docs'
    /// reply codes have none of their own for it.
    /// </summary>
    private static async Task<bool> IsCertificateAcceptedAsync(HttpContext context, QiwiNotificationOptions options, ILogger logger)
    {
        X509Certificate2? certificate;
        try
        {
            certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // Kestrel's DelayCertificate asks for the certificate now (a renegotiation, or TLS 1.3's post-handshake
            // authentication); a client that has none to give makes that fail (OpenSSL's SslException, an IOException,
            // an InvalidOperationException): no certificate, not a server error.
            LogNoCertificate(logger, exception);
            certificate = null;
        }

        if (certificate is null)
        {
            return false;
        }

        // The certificate pinned is the one the scheme validated (its result is cached per request, and certificate
        // forwarding run after authentication changes what the connection reports): a client presenting its own
        // trusted certificate with QIWI's in a forwarding header passed before, validated as itself and pinned as QIWI.
        var result = await context.AuthenticateAsync(options.CertificateScheme).ConfigureAwait(false);
        return result.Succeeded
            && context.Features.Get<QiwiNotificationCertificate.ValidatedCertificate>() is { } validated
            && string.Equals(validated.Scheme, options.CertificateScheme, StringComparison.Ordinal)
            && QiwiNotificationCertificate.IsPinned(validated.Certificate, options);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "QIWI notification handled (bill {BillId}).")]
    private static partial void LogHandled(ILogger logger, string? billId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "QIWI notification rejected: {Reason}.")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "QIWI notification already applied (bill {BillId}); acknowledged without calling the handler.")]
    private static partial void LogDuplicate(ILogger logger, string? billId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "QIWI notification refused: the source {Address} is not in the allowed networks.")]
    private static partial void LogForbiddenSource(ILogger logger, string? address);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Asking the client for its certificate failed; taken as no certificate.")]
    private static partial void LogNoCertificate(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "QIWI gave up on a notification while the IQiwiNotificationStore was still asked whether it was applied; the request ends without calling the handler, and the next copy asks again. A store that does not honour cancellation keeps running that call.")]
    private static partial void LogStoreAbandoned(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The QIWI notification handler failed; QIWI will repeat the notification.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}
