namespace Qiwi.Runtime;

/// <summary>
/// The one pipeline every generated client shares, built as Azure.Core's is: per-call policies (tracing),
/// then the retry policy (<see cref="QiwiRetryRules"/>, status reads for writes), then per-retry policies
/// (User-Agent, Accept, authorization, timeout), then the transport. Sending
/// (<c>QiwiTransport</c>) is kept apart from interpreting (<c>QiwiResponseInterpreter</c>).
/// </summary>
public sealed class QiwiPipeline
{
    private readonly QiwiRetryPolicy _retry;
    private readonly Func<QiwiCallContext, Func<QiwiCallContext, Task<object>>, Task<object>> _perCall;

    /// <summary>Whether every per-call policy is tracing: then, while nobody listens, a call skips them and allocates nothing for them.</summary>
    private readonly bool _onlyTracing;

    /// <summary>Creates the pipeline with the standard policies; validates <paramref name="options"/>.</summary>
    public QiwiPipeline(HttpClient httpClient, QiwiClientOptions options, IQiwiResultCodeCatalog resultCodes)
        : this(httpClient, options, resultCodes, DefaultPolicies())
    {
    }

    /// <summary>Creates the pipeline with the given per-retry policies (run in order before the transport) and the default per-call ones.</summary>
    public QiwiPipeline(HttpClient httpClient, QiwiClientOptions options, IQiwiResultCodeCatalog resultCodes, IEnumerable<QiwiPipelinePolicy> policies)
        : this(httpClient, options, resultCodes, policies, DefaultCallPolicies())
    {
    }

    /// <summary>Creates the pipeline with the given per-retry and per-call policies.</summary>
    public QiwiPipeline(HttpClient httpClient, QiwiClientOptions options, IQiwiResultCodeCatalog resultCodes, IEnumerable<QiwiPipelinePolicy> policies, IEnumerable<QiwiCallPolicy> callPolicies)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        Options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(resultCodes);
        var perRetry = (policies ?? throw new ArgumentNullException(nameof(policies))).ToArray();
        var perCall = (callPolicies ?? throw new ArgumentNullException(nameof(callPolicies))).ToArray();
        options.Validate();
        _retry = new QiwiRetryPolicy(options, new QiwiTransport(httpClient, options, perRetry), new QiwiResponseInterpreter(resultCodes, options));
        _perCall = Chain(perCall);
        _onlyTracing = Array.TrueForAll(perCall, static p => p is TracingPolicy);
    }

    /// <summary>The standard per-retry policies, in order: User-Agent, Accept, Basic authorization, timeout.</summary>
    public static IReadOnlyList<QiwiPipelinePolicy> DefaultPolicies() => new QiwiPipelinePolicy[] { new UserAgentPolicy(), new AcceptPolicy(), new BasicAuthPolicy(), new TimeoutPolicy() };

    /// <summary>The standard per-call policies: tracing.</summary>
    public static IReadOnlyList<QiwiCallPolicy> DefaultCallPolicies() => new QiwiCallPolicy[] { new TracingPolicy() };

    /// <summary>The options the pipeline sends with.</summary>
    public QiwiClientOptions Options { get; }

    /// <summary>Sends <paramref name="request"/> and returns the payload of a successful response.</summary>
    /// <exception cref="QiwiApiException">The response carries another result code.</exception>
    /// <exception cref="QiwiProtocolException">The body is not a valid envelope.</exception>
    /// <exception cref="QiwiTimeoutException">The attempt took longer than the timeout.</exception>
    /// <exception cref="QiwiTransportException">The request could not be sent or its answer not received.</exception>
    /// <exception cref="QiwiOutcomeUnknownException">A write may have taken effect and the client could not tell.</exception>
    public Task<TPayload> SendAsync<TPayload>(QiwiRequest request, IQiwiResponseReader<TPayload> reader, CancellationToken cancellationToken)
        where TPayload : class
        => SendAsync(request, new QiwiCall<TPayload>(reader ?? throw new ArgumentNullException(nameof(reader))), cancellationToken);

    /// <summary>Sends <paramref name="request"/> as <paramref name="call"/> describes (reader, payload check, status read).</summary>
    /// <inheritdoc cref="SendAsync{TPayload}(QiwiRequest, IQiwiResponseReader{TPayload}, CancellationToken)"/>
    public Task<TPayload> SendAsync<TPayload>(QiwiRequest request, QiwiCall<TPayload> call, CancellationToken cancellationToken)
        where TPayload : class
    {
        if (request is null || call is null || cancellationToken.IsCancellationRequested)
        {
            return FailAsync(request, call, cancellationToken);
        }

        var context = new QiwiCallContext(request, Options, cancellationToken);
        return _onlyTracing && !QiwiTelemetry.Source.HasListeners()
            ? _retry.SendAsync(context, call)
            : SendThroughCallPoliciesAsync(context, call);
    }

    /// <summary>The argument checks, reported as an async method reports them: in the task (cancelled, or faulted).</summary>
#pragma warning disable CS1998 // Throws into the task on purpose; nothing to await.
    private static async Task<TPayload> FailAsync<TPayload>(QiwiRequest? request, QiwiCall<TPayload>? call, CancellationToken cancellationToken)
        where TPayload : class
#pragma warning restore CS1998
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(call);
        cancellationToken.ThrowIfCancellationRequested();
        throw new System.Diagnostics.UnreachableException();
    }

    private async Task<TPayload> SendThroughCallPoliciesAsync<TPayload>(QiwiCallContext context, QiwiCall<TPayload> call)
        where TPayload : class
        => (TPayload)await _perCall(context, async c => await _retry.SendAsync(c, call).ConfigureAwait(false)).ConfigureAwait(false);

    private static Func<QiwiCallContext, Func<QiwiCallContext, Task<object>>, Task<object>> Chain(QiwiCallPolicy[] policies)
    {
        Func<QiwiCallContext, Func<QiwiCallContext, Task<object>>, Task<object>> chain = static (context, last) => last(context);
        for (var i = policies.Length - 1; i >= 0; i--)
        {
            var policy = policies[i];
            var rest = chain;
            chain = (context, last) => policy.SendAsync(context, c => rest(c, last));
        }

        return chain;
    }
}
