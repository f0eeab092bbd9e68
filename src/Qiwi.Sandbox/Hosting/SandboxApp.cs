using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Qiwi.Sandbox.Api;
using Qiwi.Sandbox.Control;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Hosting;

/// <summary>Builds the sandbox application: configuration (section <c>Sandbox</c>), the ledger, the API and the control API.</summary>
public static class SandboxApp
{
    /// <summary>Builds the app; <paramref name="configure"/> may replace services (a fake clock) or settings.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.Configure<SandboxOptions>(builder.Configuration.GetSection("Sandbox"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(provider => new SandboxClock(provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(provider => new SandboxLedger(provider.GetRequiredService<SandboxClock>(), provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxOptions>>().Value));
        builder.Services.AddSingleton<TimeTravel>();
        builder.Services.AddSingleton<ApiServices>();

        // The control API speaks the API's naming style: result_code, bill_id.
        builder.Services.ConfigureHttpJsonOptions(o => Control.SandboxControlJson.Apply(o.SerializerOptions));
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<Control.FaultInjector>();
        builder.Services.AddSingleton<Notifications.NotificationDispatcher>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Notifications.NotificationDispatcher>());
        builder.Services.AddSingleton<Persistence.SandboxStore>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Persistence.SandboxStore>());
        configure?.Invoke(builder);

        var app = builder.Build();

        // Kestrel decodes "%2E%2E" and drops the segment before routing; the emulated API and the control API are
        // routed on the path exactly as sent, so that any bill id (even "..") reaches them as QIWI would receive it.
        app.Use((context, next) =>
        {
            // In absolute form too (http://host/api/...), whose path the ids are read from (Api.RawPath).
            var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
            var path = raw is null ? default : Api.RawPath.OriginPath(raw);
            if (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/sandbox/control/", StringComparison.Ordinal))
            {
                context.Request.Path = new Microsoft.AspNetCore.Http.PathString(path.ToString());
            }

            return next(context);
        });
        // Singletons, resolved once here rather than from every request's services.
        var store = app.Services.GetRequiredService<Persistence.SandboxStore>();
        var faults = app.Services.GetRequiredService<Control.FaultInjector>();
        app.UseRouting();   // before the save middleware, which asks the matched endpoint whether a GET changes state
        if (store.Enabled)   // fixed for the app's life (the DataFile setting); without it, no middleware (and no async state machine per request)
        {
            app.Use(async (context, next) =>
            {
                // With a data file, whatever may have changed state is saved before the answer goes out: after every
                // non-GET request, and a GET endpoint marked ChangesState (the web form, which issues an invoice); also when
                // no answer went out at all.
                // The answer waits (without holding a thread) for a commit that includes its change; requests waiting at
                // once share one commit. A failed save fails the answer (HTTP 500) and the next save carries the change.
                if (HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<Persistence.ChangesState>() is null)
                {
                    await next(context);
                    return;
                }

                context.Response.OnStarting(static state => ((Persistence.SandboxStore)state).SaveAsync(), store);
                try
                {
                    await next(context);
                }
                finally
                {
                    if (!context.Response.HasStarted)
                    {
                        await store.SaveAsync();
                    }
                }
            });
        }

        app.Use((context, next) => faults.InvokeAsync(context, next));
        app.MapQiwiApi();
        Checkout.CheckoutEndpoints.MapCheckout(app);
        app.MapSandboxControl();
        Dashboard.DashboardEndpoints.MapDashboard(app);
        return app;
    }
}
