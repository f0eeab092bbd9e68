using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qiwi.Runtime;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>Registers generated QIWI clients (generated code adds a typed <c>AddXxxClient</c> on top of this).</summary>
public static class QiwiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/>, created by <paramref name="create"/> on a pipeline over a named
    /// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, with options validated at start-up and a
    /// logging policy (instead of IHttpClientFactory's own logging, whose structured state holds the Authorization
    /// header). Returns the HTTP client builder for further configuration (handlers, proxies).
    /// </summary>
    public static IHttpClientBuilder AddQiwiClient<TClient>(
        this IServiceCollection services,
        string name,
        Func<QiwiPipeline, TClient> create,
        IQiwiResultCodeCatalog resultCodes,
        Action<QiwiClientOptions> configure)
        where TClient : class
        => AddQiwiClient<TClient, QiwiClientOptions>(services, name, create, resultCodes, configure);

    /// <summary>
    /// Registers a generated client whose settings come from <paramref name="configuration"/> (a section such as
    /// <c>Qiwi</c>: <c>ApiId</c>, <c>ApiPassword</c>, <c>ShopId</c>, <c>Retry:MaxAttempts</c>, ...), read key by key by
    /// <see cref="QiwiClientOptions.ReadSettings(Func{string, string})"/>: no reflection, so it works trimmed and
    /// compiled ahead of time (where <c>Bind</c> cannot see a generated options type), and text that is not of a
    /// setting's type is reported at start-up with every other mistake instead of stopping the start alone. A reload of
    /// the configuration is followed as with <c>Bind</c>. <paramref name="configure"/>, when given, runs after the read.
    /// Otherwise as <see cref="AddQiwiClient{TClient, TOptions}(IServiceCollection, string, Func{QiwiPipeline, TClient}, IQiwiResultCodeCatalog, Action{TOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name (its options, its named HttpClient and its keyed service).</param>
    /// <param name="create">Makes the client from its pipeline.</param>
    /// <param name="resultCodes">The spec's result codes.</param>
    /// <param name="configuration">The section holding the client's settings.</param>
    /// <param name="configure">Further settings, applied after the section's (a clock, a jitter), or null.</param>
    /// <returns>The HTTP client builder, to add handlers or a proxy.</returns>
    public static IHttpClientBuilder AddQiwiClient<TClient, [DynamicallyAccessedMembers(QiwiOptionsSnapshot.OptionsMembers)] TOptions>(
        this IServiceCollection services,
        string name,
        Func<QiwiPipeline, TClient> create,
        IQiwiResultCodeCatalog resultCodes,
        IConfiguration configuration,
        Action<TOptions>? configure = null)
        where TClient : class
        where TOptions : QiwiClientOptions, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddQiwiClient(name, create, resultCodes, (TOptions options) =>
        {
            options.ReadSettings(key => configuration[key]);
            configure?.Invoke(options);
        });
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(new QiwiConfigurationChangeTokenSource<TOptions>(name, configuration));
        return builder;
    }

    /// <summary>
    /// Registers <typeparamref name="TClient"/> as <see cref="AddQiwiClient{TClient}"/> does, with options of the
    /// client's own type <typeparamref name="TOptions"/> (a generated <c>{Client}ClientOptions</c> holding the
    /// client-level settings), bound under <paramref name="name"/> and validated at start-up.
    /// </summary>
    /// <remarks>
    /// Each name is its own client (its own options, HTTP client and credentials), resolved as the keyed service
    /// <c>[FromKeyedServices(name)] TClient</c>. The unkeyed <typeparamref name="TClient"/> is the FIRST name
    /// registered for it: registering a second shop never moves the clients already injected to it. Calling this
    /// again for a name already registered adds <paramref name="configure"/> to that name's settings (run after the
    /// earlier ones) and registers nothing twice. A name registered with options of another type is refused
    /// (<see cref="InvalidOperationException"/>), and so is a name registered for another client type (with one options
    /// type, the two would also share one set of settings): the two clients would share one named HttpClient.
    /// </remarks>
    public static IHttpClientBuilder AddQiwiClient<TClient, [DynamicallyAccessedMembers(QiwiOptionsSnapshot.OptionsMembers)] TOptions>(
        this IServiceCollection services,
        string name,
        Func<QiwiPipeline, TClient> create,
        IQiwiResultCodeCatalog resultCodes,
        Action<TOptions> configure)
        where TClient : class
        where TOptions : QiwiClientOptions, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(resultCodes);
        ArgumentNullException.ThrowIfNull(configure);

        // One place decides whether the name is new: the registration (the validator) of the name, whatever its types.
        var registered = Registrations(services).FirstOrDefault(r => r.Name == name);
        if (registered is not null && (registered.OptionsType != typeof(TOptions) || registered.ClientType != typeof(TClient)))
        {
            throw new InvalidOperationException(
                $"The QIWI client name '{name}' is already registered for {registered.ClientType.FullName} with options {registered.OptionsType.FullName}: two clients of one name would share "
                + "one named HttpClient (one's handlers, proxy or certificate carrying the other's calls) and, with one options type, one set of settings (one's configuration "
                + "changing the other's credentials). Give one spec another client name (MSBuild metadata QiwiClientName), or register it under another name.");
        }

        services.AddOptions<TOptions>(name).Configure(configure);
        if (registered is not null)
        {
            return services.AddHttpClient(name); // configured by the first registration; the caller's own settings since are kept
        }

        services.AddOptions<TOptions>(name).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new QiwiClientOptionsValidator<TOptions>(name, typeof(TClient)));

        TClient Create(IServiceProvider provider)
        {
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
            var options = QiwiOptionsSnapshot.Get<TOptions>(provider, name);
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger("Qiwi.Client." + name) ?? NullLogger.Instance;
            var policies = new List<QiwiPipelinePolicy>(QiwiPipeline.DefaultPolicies()) { new QiwiLoggingPolicy(logger) };
            return create(new QiwiPipeline(http, options, resultCodes, policies));
        }

        services.AddKeyedTransient<TClient>(name, (provider, _) => Create(provider));
        services.TryAdd(ServiceDescriptor.Transient(Create));

        // IHttpClientFactory's own logging is removed: its Trace-level header log shows "Authorization: *" as text but
        // carries the header's real value in its structured state, which structured log sinks write out. The logging
        // policy logs each attempt instead. A caller who wants it back adds it on the builder (AddDefaultLogger).
        // HttpClient's own timeout (100 s by default) is turned off while the options' Timeout bounds each attempt: a
        // longer one would otherwise end at 100 s as a transport failure instead of a QiwiTimeoutException. An infinite
        // Timeout keeps it, as the backstop the runtime then relies on.
        // Handlers added to every HttpClient (ConfigureHttpClientDefaults: a resilience handler repeating writes) are removed.
        return services.AddHttpClient(name)
            .ConfigureHttpClient((provider, http) =>
            {
                if (provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name).Timeout != Timeout.InfiniteTimeSpan)
                {
                    http.Timeout = Timeout.InfiniteTimeSpan;
                }
            })
            .RemoveAppWideHandlers()
            .RemoveAllLoggers();
    }

    /// <summary>The QIWI clients registered so far (their validators; keyed descriptors have no unkeyed instance to read).</summary>
    private static IEnumerable<IQiwiClientRegistration> Registrations(IServiceCollection services)
        => services.Where(d => !d.IsKeyedService).Select(d => d.ImplementationInstance).OfType<IQiwiClientRegistration>();
}
