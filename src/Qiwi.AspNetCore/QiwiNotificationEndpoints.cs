using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qiwi.Runtime;

namespace Qiwi.AspNetCore;

/// <summary>Maps the endpoint QIWI posts notifications to.</summary>
public static class QiwiNotificationEndpoints
{
    /// <summary>
    /// Maps a POST endpoint at <paramref name="pattern"/> that checks the notification's authorization, parses it
    /// with the generated <paramref name="webhook"/> descriptor, calls <paramref name="handler"/>, and replies
    /// with result 0 only when the handler succeeded (anything else makes QIWI repeat the notification).
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">The route, e.g. <c>/qiwi/notifications</c>.</param>
    /// <param name="webhook">The generated descriptor, e.g. <c>BillNotificationWebhook.Descriptor</c>.</param>
    /// <param name="options">The authorization mode and its secrets or pins; validated here (every bad setting in one <see cref="ArgumentException"/>).</param>
    /// <param name="handler">Your code: record the final status; throw to have QIWI repeat the notification.</param>
    public static IEndpointConventionBuilder MapQiwiNotifications<T>(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        QiwiWebhook<T> webhook,
        QiwiNotificationOptions options,
        Func<T, HttpContext, CancellationToken, Task> handler)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        // The options' checks and the endpoint's own, in one exception: one start shows every mistake.
        var errors = new List<QiwiOptionsError>(options.GetErrors());
        if (options.Authentication == QiwiNotificationAuthentication.Signature && webhook.Signature is null)
        {
            errors.Add(new(nameof(options.Authentication), "Authentication is Signature, but the webhook has no signature in the spec; use Basic authorization."));
        }

        if (options.Authentication == QiwiNotificationAuthentication.Certificate
            && !string.IsNullOrWhiteSpace(options.CertificateScheme)
            && endpoints.ServiceProvider.GetService<IAuthenticationSchemeProvider>()?.GetSchemeAsync(options.CertificateScheme).GetAwaiter().GetResult() is null)
        {
            errors.Add(new(
                nameof(options.CertificateScheme),
                $"CertificateScheme '{options.CertificateScheme}' is no registered authentication scheme: call services.AddAuthentication().AddQiwiNotificationCertificate(...)."));
        }

        if (errors.Count > 0)
        {
            throw QiwiOptionsError.ToException(errors);
        }

        return endpoints.MapPost(pattern, (HttpContext context) => QiwiNotificationHandler.HandleAsync(context, webhook, options, handler)).DisableAntiforgery();
    }
}
