using Microsoft.Extensions.DependencyInjection;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.DependencyInjection.Tests.Infrastructure;
using Qiwi.Runtime;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// Red team: lifetimes. The registrations pass the container's own checks (scopes, build); a client held past its
/// handler's lifetime keeps working; a client used after its container was disposed answers or fails as a QIWI transport failure
/// (not a hang, not an unexpected exception type), and resolving then is the container's ObjectDisposedException.
/// </summary>
public sealed class LifetimeTests
{
    private static ServiceProvider Build(RecordingHandler handler, TimeSpan handlerLifetime)
    {
        var services = new ServiceCollection();
        services.AddQiwiPullClient(o => (o.ShopId, o.ApiId, o.ApiPassword, o.Retry.MaxAttempts) = (1, "1", "pw", 1))
            .ConfigurePrimaryHttpMessageHandler(() => handler)
            .SetHandlerLifetime(handlerLifetime);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task A_client_held_past_its_handlers_lifetime_keeps_working_and_clients_resolve_in_scopes()
    {
        var handler = new RecordingHandler();
        await using var provider = Build(handler, TimeSpan.FromSeconds(1)); // the shortest IHttpClientFactory allows
        var held = provider.GetRequiredService<IQiwiPullClient>(); // as a singleton holding it would

        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(600); // three rounds span at least one handler rotation
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("S" + i);
            await held.GetBillStatusAsync("H" + i);
        }

        Assert.Equal(6, handler.Requests.Count);
    }

    [Fact]
    public async Task After_the_container_is_disposed_a_held_client_answers_or_fails_as_a_transport_failure_and_resolving_throws()
    {
        var provider = Build(new RecordingHandler(), TimeSpan.FromMinutes(2));
        var held = provider.GetRequiredService<IQiwiPullClient>();
        await held.GetBillStatusAsync("B1");

        await provider.DisposeAsync();

        var failure = await Record.ExceptionAsync(() => held.GetBillStatusAsync("B2"));
        Assert.True(failure is null or QiwiTransportException, $"a held client after disposal: {failure}");
        Assert.Throws<ObjectDisposedException>(() => provider.GetRequiredService<IQiwiPullClient>());
    }
}
