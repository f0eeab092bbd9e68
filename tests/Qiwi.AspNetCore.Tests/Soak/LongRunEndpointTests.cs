using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Qiwi.AspNetCore.Tests.Generated;
using Xunit.Abstractions;
using Qiwi.Testing;

namespace Qiwi.AspNetCore.Tests.Soak;

/// <summary>
/// An endpoint that runs for months: 8 workers post thousands of notifications of a bounded set of bills (so a store that
/// remembers every key stops growing) with every outcome: applied, a repeat, copies of one notification posted together,
/// a handler that throws, a handler still running when its client gives up (the request aborted), a store that throws
/// when asked or when marking, a store still asked when the client gives up, a bad password, a body that is no form.
/// Afterwards the gate holds no key (every entry removed on every path), and the heap after a full collection grows by no
/// more than a bound per thousand notifications in either of two windows after a warm-up. QIWI_SOAK_CALLS sets the
/// notifications per window (benchmarks/soak.sh runs millions).
/// </summary>
[Collection(HeapMeasurements.Name)]
public sealed class LongRunEndpointTests(ITestOutputHelper output)
{
    private const int Workers = 8;
    private const int Bills = 256;

    /// <summary>What the heap may grow by per thousand notifications in a window once warm (a gate entry kept per key is ~200 bytes a key).</summary>
    private const long BytesPerThousand = 32 * 1024;

    /// <summary>What a bill's notifications meet, by the bill's number.</summary>
    private enum Kind
    {
        Applied,
        HandlerThrows,
        ClientGivesUpInHandler,
        StoreThrowsWhenAsked,
        StoreThrowsWhenMarking,
        ClientGivesUpWhileAsked,
        BadPassword,
        NotAForm,
    }

    private static readonly int Kinds = Enum.GetValues<Kind>().Length;

    [Theory]
    [InlineData(QiwiNotificationAuthentication.Basic)]
    [InlineData(QiwiNotificationAuthentication.Signature)]
    public async Task Thousands_of_notifications_with_every_outcome_leave_the_gate_empty_and_a_flat_heap(QiwiNotificationAuthentication authentication)
    {
        var window = LongRun.Calls(defaultCalls: 6000);
        QiwiNotificationOptions? endpoint = null;
        var store = new OutcomeStore(Enumerable.Range(0, Bills).SelectMany(bill => new[] { "paid", "rejected" }.Select(status =>
            (Key: Key(authentication, NotificationServer.Form($"SOAK-{bill}", status)), Kind: (Kind)(bill % Kinds)))).ToDictionary(p => p.Key, p => p.Kind));
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var server = await NotificationServer.Start(options =>
        {
            options.Store = store;
            options.Authentication = authentication;
            endpoint = options;
        }, Handler);

        await Post(server, authentication, window, seed: 1, outcomes);   // warm-up: JIT, pools, the store's keys of every bill
        var before = LongRun.Heap();
        await Post(server, authentication, window, seed: 2, outcomes);
        var first = LongRun.Heap();
        await Post(server, authentication, window, seed: 3, outcomes);
        var second = LongRun.Heap();
        for (var (extra, seed) = (LongRun.ExtraWindows(), 4); extra > 0; extra--, seed++)
        {
            await Post(server, authentication, window, seed, outcomes);
            output.WriteLine($"after window {seed - 1}: {LongRun.Heap()} bytes, gate keys {endpoint!.Gate.Count}");
        }


        output.WriteLine($"outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key))}");
        output.WriteLine($"gate keys left: {endpoint!.Gate.Count}, store keys: {store.Keys.Count}");
        output.WriteLine(LongRun.Describe(before, first, second, window, "notifications"));

        // The run can fail: every ending happened (0 applied or repeat, 300 failure, 150 bad password or 151 bad signature, 5 malformed, aborted).
        Assert.True(new[] { "0", "300", authentication == QiwiNotificationAuthentication.Signature ? "151" : "150", "5", "aborted" }.All(outcomes.ContainsKey), string.Join(", ", outcomes));
        Assert.Equal(0, endpoint.Gate.Count);
        LongRun.AssertFlat(before, first, second, window, BytesPerThousand);
    }

    private static async Task Handler(BillNotification notification, HttpContext context, CancellationToken cancellationToken)
    {
        switch (KindOf(notification.BillId))
        {
            case Kind.HandlerThrows:
                throw new InvalidOperationException("database down");
            case Kind.ClientGivesUpInHandler:
                await Task.Delay(Timeout.Infinite, cancellationToken);   // until the client gives up
                break;
        }
    }

    /// <summary>The key the endpoint gives a notification: over the values the signature covers when signed, else over every field.</summary>
    private static string Key(QiwiNotificationAuthentication authentication, KeyValuePair<string, string>[] form)
        => authentication == QiwiNotificationAuthentication.Signature ? QiwiNotificationKey.Compute(BillNotificationWebhook.Descriptor.Signature!, form) : QiwiNotificationKey.Compute(form);

    private static Kind KindOf(string billId) => (Kind)(int.Parse(billId.AsSpan(billId.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture) % Kinds);

    private static async Task Post(TestServer server, QiwiNotificationAuthentication authentication, int count, int seed, ConcurrentDictionary<string, int> outcomes)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed * 1000 + worker);
            while (Interlocked.Increment(ref next) is var n && n < count)
            {
                var bill = random.Next(Bills);
                var kind = (Kind)(bill % Kinds);
                var form = NotificationServer.Form($"SOAK-{bill}", random.Next(2) == 0 ? "paid" : "rejected");
                var copies = random.Next(4) == 0 ? 3 : 1;   // a quarter posted as three copies at once
                using var giveUp = new CancellationTokenSource();
                if (kind is Kind.ClientGivesUpInHandler or Kind.ClientGivesUpWhileAsked)
                {
                    giveUp.CancelAfter(TimeSpan.FromTicks(random.Next(20_000)));
                }

                var posts = Enumerable.Range(0, copies).Select(_ => PostOne(server, authentication, form, kind, giveUp.Token)).ToArray();
                foreach (var outcome in await Task.WhenAll(posts))
                {
                    outcomes.AddOrUpdate(outcome, 1, static (_, c) => c + 1);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(5));
    }

    private static async Task<string> PostOne(TestServer server, QiwiNotificationAuthentication authentication, KeyValuePair<string, string>[] form, Kind kind, CancellationToken giveUp)
    {
        var signed = authentication == QiwiNotificationAuthentication.Signature;
        var password = kind == Kind.BadPassword ? "wrong" : NotificationServer.Password;
        void Authorize(HttpRequest request)
        {
            if (signed)
            {
                request.Headers[BillNotificationWebhook.Descriptor.Signature!.Target] = Qiwi.Runtime.QiwiSignature.Compute(BillNotificationWebhook.Descriptor.Signature!, form, password);
            }
            else
            {
                request.Headers.Authorization = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("2042:" + password));
            }
        }

        try
        {
            var (status, body) = kind == Kind.NotAForm
                ? await NotificationServer.PostBody(server, "%"u8.ToArray(), r =>
                {
                    Authorize(r);
                    r.ContentType = "text/plain";
                }, giveUp)
                : await NotificationServer.PostBody(server, NotificationServer.Body(form), Authorize, giveUp);
            Assert.Equal(HttpStatusCode.OK, status);
            return System.Text.RegularExpressions.Regex.Match(body, "<result_code>(\\d+)</result_code>").Groups[1].Value;
        }
        catch (Exception exception) when (giveUp.IsCancellationRequested && exception is OperationCanceledException or IOException or HttpRequestException)
        {
            return "aborted";
        }
    }

    /// <summary>A store that remembers every key applied, and throws, or answers only after the client gave up, by the bill's kind.</summary>
    private sealed class OutcomeStore(Dictionary<string, Kind> kinds) : IQiwiNotificationStore
    {
        public ConcurrentDictionary<string, bool> Keys { get; } = new(StringComparer.Ordinal);

        public async ValueTask<bool> IsAppliedAsync(string key, CancellationToken cancellationToken)
        {
            switch (KindOfKey(key))
            {
                case Kind.StoreThrowsWhenAsked:
                    throw new InvalidOperationException("store down");
                case Kind.ClientGivesUpWhileAsked:
                    // Deaf to the token: answers only a moment after the client gave up (the endpoint stops waiting at once).
                    await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
                    break;
            }

            return Keys.ContainsKey(key);
        }

        public ValueTask MarkAppliedAsync(string key, CancellationToken cancellationToken)
        {
            if (KindOfKey(key) == Kind.StoreThrowsWhenMarking)
            {
                throw new InvalidOperationException("store down");
            }

            Keys[key] = true;
            return ValueTask.CompletedTask;
        }

        /// <summary>The kind of the bill whose key this is (the keys of every bill and status, computed beforehand).</summary>
        private Kind KindOfKey(string key) => kinds[key];
    }
}
