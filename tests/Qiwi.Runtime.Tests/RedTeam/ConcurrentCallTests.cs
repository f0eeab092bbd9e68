using System.Net;
using System.Text;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>
/// Red team: one client shared by 8 workers, each call with its own ids, against a server that answers late, hangs,
/// resets or says busy, while callers cancel at random moments on the real clock. Every call ends with its own
/// resource (no answer crosses to another call), a <see cref="QiwiException"/>, or an
/// <see cref="OperationCanceledException"/> carrying that caller's cancelled token; nothing else, and nothing hangs.
/// </summary>
public sealed class ConcurrentCallTests
{
    [Fact]
    public async Task Many_threads_with_racing_cancellations_each_get_their_own_result_or_a_typed_error()
    {
        var handler = new RacingServer();
        using var http = new HttpClient(handler);
        var options = new QiwiPullClientOptions
        {
            BaseUrl = new Uri("https://api.qiwi.test/"),
            ShopId = ClientFixture.ShopId,
            ApiId = ClientFixture.ApiId,
            ApiPassword = ClientFixture.ApiPassword,
            Timeout = TimeSpan.FromMilliseconds(150),
            Retry = new QiwiRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(4) },
        };
        var client = new QiwiPullClient(http, options);
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(2026_1126 + worker);
            for (var call = 0; call < 40; call++)
            {
                var billId = $"W{worker}-{call}";
                using var cancel = new CancellationTokenSource();
                var cancelAt = random.Next(4);
                if (cancelAt < 3)
                {
                    cancel.CancelAfter(TimeSpan.FromMilliseconds(cancelAt * 2));
                }

                var operation = random.Next(4);
                try
                {
                    object result = operation switch
                    {
                        0 => await client.GetBillStatusAsync(billId, cancel.Token),
                        1 => await client.CreateBillAsync(billId, "tel:+79031234567", 10m, "RUB", "c", DateTimeOffset.UtcNow.AddDays(1), cancellationToken: cancel.Token),
                        2 => await client.CancelBillAsync(billId, cancel.Token),
                        _ => await client.CreateRefundAsync(billId, "R" + call, 5m, cancel.Token),
                    };
                    var id = result is Bill bill ? bill.BillId : ((Refund)result).RefundId;
                    Assert.Equal(operation == 3 ? "R" + call : billId, id);
                    outcomes.AddOrUpdate("success", 1, (_, n) => n + 1);
                }
                catch (OperationCanceledException canceled)
                {
                    Assert.True(cancel.IsCancellationRequested, canceled.ToString());
                    Assert.Equal(cancel.Token, canceled.CancellationToken);
                    outcomes.AddOrUpdate("cancelled", 1, (_, n) => n + 1);
                }
                catch (QiwiException error)
                {
                    outcomes.AddOrUpdate(error.GetType().Name, 1, (_, n) => n + 1);
                }
            }
        })).ToArray();

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(outcomes.ContainsKey("success") && outcomes.ContainsKey("cancelled"), string.Join(", ", outcomes));
    }

    /// <summary>Answers each request for the resource in its path, after faults drawn from a seeded, locked random.</summary>
    private sealed class RacingServer : HttpMessageHandler
    {
        private readonly Random _random = new(2026_1126);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int fault, delay;
            lock (_random)
            {
                (fault, delay) = (_random.Next(10), _random.Next(3));
            }

            var segments = request.RequestUri!.AbsolutePath.Split('/');
            var refund = segments.Length > 7;
            var body = refund ? Docs.RefundJson(Uri.UnescapeDataString(segments[^1])) : Docs.BillRejectedJson.Replace("BILL-1", Uri.UnescapeDataString(segments[6]), StringComparison.Ordinal);
            switch (fault)
            {
                case 0:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
                case 1:
                    throw new HttpRequestException("reset");
                case 2:
                    body = Docs.ErrorJson(13);
                    break;
                case 3:
                    return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>502</html>", Encoding.UTF8, "text/html") };
            }

            await Task.Delay(delay, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
