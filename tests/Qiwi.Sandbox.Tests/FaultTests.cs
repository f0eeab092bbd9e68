using System.Net;
using System.Net.Http.Json;
using Qiwi.Runtime;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>Injected faults reach the client as the runtime's typed failures; temporary ones are retried.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task An_injected_result_code_is_a_QiwiApiException()
    {
        await using var f = await SandboxFixture.StartAsync();
        await Inject(f, new { kind = "resultCode", result_code = 300 });

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.CreateBillAsync("F-1"));

        Assert.Equal((ResultCode.TechnicalError, false), ((ResultCode)error.ResultCode, error.IsFatal!.Value));
        Assert.Equal(BillStatus.Waiting, (await f.CreateBillAsync("F-1")).Status);
    }

    [Fact]
    public async Task A_server_error_page_is_a_protocol_failure_and_a_dropped_connection_a_transport_failure()
    {
        await using var f = await SandboxFixture.StartAsync();
        await Inject(f, new { kind = "http500" });
        await Inject(f, new { kind = "drop" });

        var page = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetBillStatusAsync("X"));
        await Assert.ThrowsAsync<QiwiTransportException>(() => f.Client.GetBillStatusAsync("X"));

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Contains("500", page.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delay_longer_than_the_timeout_is_a_timeout()
    {
        await using var f = await SandboxFixture.StartAsync();
        await Inject(f, new { kind = "delay", delay_ms = 60_000 });
        using var http = new HttpClient();
        var client = new QiwiPullClient(http, new QiwiPullClientOptions
        {
            SandboxBaseUrl = f.Host.BaseUrl, ShopId = f.ShopId, ApiId = f.Host.Shop.ApiId, ApiPassword = f.Host.Shop.ApiPassword,
            TimeProvider = f.Clock, Timeout = TimeSpan.FromSeconds(5), Retry = new QiwiRetryOptions { MaxAttempts = 1 },
        });

        var call = client.GetBillStatusAsync("SLOW");
        await Task.Delay(100);
        f.Clock.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<QiwiTimeoutException>(() => call);
    }

    [Fact]
    public async Task A_temporary_code_is_retried_by_the_client_and_the_call_succeeds()
    {
        await using var f = await SandboxFixture.StartAsync();
        await Inject(f, new { kind = "resultCode", result_code = 13, count = 2 });
        using var http = new HttpClient();
        var client = new QiwiPullClient(http, new QiwiPullClientOptions
        {
            SandboxBaseUrl = f.Host.BaseUrl, ShopId = f.ShopId, ApiId = f.Host.Shop.ApiId, ApiPassword = f.Host.Shop.ApiPassword,
            TimeProvider = f.Clock, Retry = new QiwiRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(1), Jitter = static () => 0 },
        });

        var call = client.CreateBillAsync("RETRY-1", "tel:+79031234567", 10m, "RUB", "c", f.Tomorrow);
        for (var i = 0; i < 100 && !call.IsCompleted; i++)
        {
            await Task.Delay(20);
            f.Clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal(BillStatus.Waiting, (await call).Status);
    }

    private static async Task Inject(SandboxFixture f, object fault)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(f.Host.BaseUrl, "sandbox/control/faults"), fault);
        response.EnsureSuccessStatusCode();
    }
}
