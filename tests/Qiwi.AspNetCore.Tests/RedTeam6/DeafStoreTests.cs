using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Qiwi.AspNetCore.Tests.Generated;

namespace Qiwi.AspNetCore.Tests.RedTeam6;

/// <summary>
/// A store and a handler deaf to cancellation: each call of <see cref="IQiwiNotificationStore.IsAppliedAsync"/>, of
/// <see cref="IQiwiNotificationStore.MarkAppliedAsync"/>, and the handler before and after its change may hang for good
/// (until the test lets it go) or answer late, ignoring the token. QIWI's senders post copies of several notifications
/// to one node, give up after a short wait and repeat. Then the store and the handler work again (the hung handlers and
/// marks go on; a hung question stays hung), and each notification is repeated until it is acknowledged.
/// Invariants: a notification's change is made at most once, and exactly once in the end; a 0 only once the change
/// is made; the handler never runs twice at once for one notification; once its sender gave up, no request is left in
/// flight but one whose handler or <c>MarkAppliedAsync</c> is hung (the gate must wait for those: the change may be
/// made and not yet recorded), and no copy waits behind a hung question; nothing is an HTTP 500 or an unhandled
/// exception. Every wait is bounded, so a hang fails the test instead of hanging it.
/// </summary>
public sealed partial class DeafStoreTests
{
    /// <summary>How long the requests may take to settle (end, or reach a hang the test holds) before the test calls them hung.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    public async Task Hung_and_late_store_and_handler_calls_never_apply_a_notification_twice_nor_keep_its_repeats_waiting(int seed)
    {
        var random = new Random(seed);
        var dice = new Dice(seed);
        var bills = Enumerable.Range(0, 24).Select(i => $"BILL-{seed}-{i}").ToArray();
        var forms = bills.ToDictionary(bill => bill, bill => NotificationServer.Form(bill, random.Next(2) == 0 ? "paid" : "rejected"));
        var first = random.Next(8);
        var hangs = new Hangs(dice, bills.Select((bill, i) => (bill, (first + i) % 8)).ToDictionary(p => p.bill, p => ((Point)(p.Item2 / 2), p.Item2 % 2 == 0)));
        var store = new DeafStore(hangs, bills.ToDictionary(bill => QiwiNotificationKey.Compute(forms[bill]), bill => bill));
        var changes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var running = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var problems = new ConcurrentQueue<string>();
        var inFlight = 0;
        var gaveUp = 0;

        async Task Handler(BillNotification notification, HttpContext context, CancellationToken cancellationToken)
        {
            if (!running.TryAdd(notification.BillId, true))
            {
                problems.Enqueue($"{notification.BillId}: the handler ran twice at once");
            }

            try
            {
                if (!hangs.Healthy && dice.Roll(10) == 0)
                {
                    throw new InvalidOperationException("database down before the change");
                }

                await hangs.MaybeHang(Point.BeforeChange, notification.BillId);
                changes.AddOrUpdate(notification.BillId, 1, (_, count) => count + 1);
                await hangs.MaybeHang(Point.AfterChange, notification.BillId);
            }
            finally
            {
                running.TryRemove(notification.BillId, out _);
            }
        }

        void CountRequests(WebApplication app) => app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref inFlight);
            try
            {
                await next(context);
                if (context.Response.StatusCode >= 500)
                {
                    problems.Enqueue($"HTTP {context.Response.StatusCode}");
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                problems.Enqueue($"unhandled {exception.GetType().Name}: {exception.Message}");
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });

        QiwiNotificationOptions? options = null;
        var server = await NotificationServer.Start(o => { o.Store = store; options = o; }, Handler, pipeline: CountRequests);
        // One post as QIWI makes it: given up (its request aborted) after giveUp. Null when given up, else the result code.
        // The sender stops waiting when it gives up, as a client that closes its connection does (the test server's
        // own task for the post ends only when the request does); the requests' ends are checked on the server.
        async Task<int?> Post(string bill, TimeSpan giveUp)
        {
            using var qiwi = new CancellationTokenSource(giveUp);
            var post = NotificationServer.Post(server, forms[bill], cancellationToken: qiwi.Token);
            _ = post.ContinueWith(static p => p.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            try
            {
                var (status, body) = await post.WaitAsync(qiwi.Token);
                var code = ResultCode().Match(body) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
                if (status != HttpStatusCode.OK || code is not (0 or 300))
                {
                    problems.Enqueue($"{bill}: HTTP {(int)status}, result {code?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
                    return null;
                }

                if (code == 0 && changes.GetValueOrDefault(bill) != 1)
                {
                    problems.Enqueue($"{bill}: result 0 with the change made {changes.GetValueOrDefault(bill)} times");
                }

                return code;
            }
            catch (OperationCanceledException) when (qiwi.IsCancellationRequested)
            {
                Interlocked.Increment(ref gaveUp);
                return null;
            }
        }

        try
        {
            // Faults: copies of each notification, each giving up after 80 to 300 ms and repeating a few times.
            var senders = new List<Task>();
            foreach (var bill in bills)
            {
                for (var copy = random.Next(1, 4); copy > 0; copy--)
                {
                    var attempts = random.Next(4, 9);
                    var giveUps = Enumerable.Range(0, attempts).Select(_ => TimeSpan.FromMilliseconds(random.Next(80, 301))).ToArray();
                    senders.Add(Task.Run(async () =>
                    {
                        foreach (var giveUp in giveUps)
                        {
                            if (await Post(bill, giveUp) == 0)
                            {
                                return;
                            }
                        }
                    }));
                }
            }

            await Task.WhenAll(senders).WaitAsync(TimeSpan.FromMinutes(2));

            // Every sender gave up or was answered: what is left in flight must be inside a hung handler or mark.
            if (!await Eventually(() => Volatile.Read(ref inFlight) == hangs.Holding))
            {
                problems.Enqueue($"after every sender gave up, {Volatile.Read(ref inFlight)} requests were still in flight, {hangs.Holding} of them in a hung handler or MarkAppliedAsync");
            }

            if (options!.Gate.Count != hangs.Holding || bills.Any(bill => options.Gate.WaitingFor(QiwiNotificationKey.Compute(forms[bill])) != 0))
            {
                problems.Enqueue($"after every sender gave up, the gate held {options.Gate.Count} notifications ({hangs.Holding} hung in the handler or MarkAppliedAsync), copies waiting for {bills.Count(bill => options.Gate.WaitingFor(QiwiNotificationKey.Compute(forms[bill])) != 0)}");
            }

            foreach (var (bill, count) in changes.Where(c => c.Value > 1))
            {
                problems.Enqueue($"{bill}: changed {count} times while the store hung");
            }

            // The store and the handler work again: hung handlers and marks go on, hung questions stay hung.
            hangs.Recover();
            await Task.WhenAll(bills.Select(bill => Task.Run(async () =>
            {
                for (var attempt = 0; attempt < 8; attempt++)
                {
                    if (await Post(bill, TimeSpan.FromSeconds(2)) == 0)
                    {
                        return;
                    }
                }

                problems.Enqueue($"{bill}: never acknowledged once the store worked");
            }))).WaitAsync(TimeSpan.FromMinutes(2));

            foreach (var bill in bills.Where(bill => changes.GetValueOrDefault(bill) != 1))
            {
                problems.Enqueue($"{bill}: changed {changes.GetValueOrDefault(bill)} times in the end");
            }
        }
        finally
        {
            hangs.ReleaseAll();
            if (!await Eventually(() => Volatile.Read(ref inFlight) == 0 && options?.Gate.Count == 0))
            {
                problems.Enqueue($"with every hang let go, {Volatile.Read(ref inFlight)} requests still in flight, {options?.Gate.Count} notifications in the gate");
            }

            server.Dispose();
        }

        Assert.True(problems.IsEmpty, string.Join("\n", problems.Append(hangs.Describe())));
        Assert.True(hangs.ExercisedEveryPoint && gaveUp > bills.Length, $"the seed exercised every fault ({hangs.Describe()}) and {gaveUp} give-ups");
    }

    /// <summary>
    /// The same on a real Kestrel with a real HTTP client, where giving up closes the connection: the first question
    /// hangs for good, deaf to cancellation; QIWI gives up on it and on each repeat for a few rounds (so each of those
    /// is asked and hung too, or waits behind one), then repeats with patience. The repeat is handled and acknowledged,
    /// the handler called once, and no request is left in flight.
    /// </summary>
    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    public async Task On_Kestrel_a_question_that_never_returns_is_let_go_when_QIWI_closes_the_connection(int seed)
    {
        var random = new Random(seed);
        var store = new NeverAnswersFirst(hungQuestions: random.Next(1, 4));
        await using var endpoint = await RedTeam2.KestrelEndpoint.Start(o => o.Store = store);
        using var http = new HttpClient();
        var form = NotificationServer.Form("BILL-" + seed, "paid");
        try
        {
            var answers = new List<string>();
            for (var attempt = 0; attempt < 12 && !answers.Contains("0"); attempt++)
            {
                var patient = attempt >= store.HungQuestions;
                using var qiwi = new CancellationTokenSource(patient ? TimeSpan.FromSeconds(10) : TimeSpan.FromMilliseconds(random.Next(100, 400)));
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Address(https: false)) { Content = new FormUrlEncodedContent(form) };
                request.Headers.TryAddWithoutValidation("Authorization", NotificationServer.BasicAuthorization);
                try
                {
                    using var response = await http.SendAsync(request, qiwi.Token).WaitAsync(TimeSpan.FromSeconds(30));
                    var body = await response.Content.ReadAsStringAsync(qiwi.Token).WaitAsync(TimeSpan.FromSeconds(30));
                    answers.Add(ResultCode().Match(body).Groups[1].Value);
                }
                catch (OperationCanceledException) when (qiwi.IsCancellationRequested)
                {
                    answers.Add("gave up");
                }
            }

            Assert.Equal("0", answers[^1]);
            Assert.Equal(1, endpoint.Calls);
            Assert.True(await Eventually(() => endpoint.Options.Gate.Count == 0), $"{endpoint.Options.Gate.Count} notifications still in the gate; answers {string.Join(", ", answers)}");
            Assert.Equal(store.HungQuestions, store.Hung);
        }
        finally
        {
            store.LetGo();
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <see cref="Bound"/> passed.</summary>
    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    [GeneratedRegex("<result_code>([0-9]+)</result_code>")]
    private static partial Regex ResultCode();

    /// <summary>Where a call may hang.</summary>
    private enum Point
    {
        /// <summary><see cref="IQiwiNotificationStore.IsAppliedAsync"/>.</summary>
        Asked,

        /// <summary>The handler, before its change.</summary>
        BeforeChange,

        /// <summary>The handler, after its change.</summary>
        AfterChange,

        /// <summary><see cref="IQiwiNotificationStore.MarkAppliedAsync"/>.</summary>
        Told,
    }

    /// <summary>Seeded rolls, shared by concurrent calls.</summary>
    private sealed class Dice(int seed)
    {
        private readonly Random _random = new(seed);

        public int Roll(int sides)
        {
            lock (_random)
            {
                return _random.Next(sides);
            }
        }
    }

    /// <summary>
    /// The hangs. Each notification has its planned one (a point, and hung until let go or late): the first call of it at
    /// that point does it, so every point is hit both ways; any other call hangs until let go 1 time in 10 and answers
    /// late 1 time in 10. Hung or late, a call is deaf to cancellation; late is 20 to 400 ms. Once
    /// <see cref="Recover"/>ed no new call hangs, and the hung handlers and marks go on.
    /// </summary>
    private sealed class Hangs(Dice dice, IReadOnlyDictionary<string, (Point Point, bool Forever)> plan)
    {
        private readonly ConcurrentDictionary<(string, Point), bool> _planDone = new();
        private readonly TaskCompletionSource _questionsLetGo = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _othersLetGo = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly int[] _hung = new int[4];
        private readonly int[] _hungEver = new int[4];
        private readonly int[] _late = new int[4];
        private volatile bool _healthy;

        public bool Healthy => _healthy;

        /// <summary>Calls hung now in the handler or <c>MarkAppliedAsync</c>: each holds its request and its notification's gate.</summary>
        public int Holding => Volatile.Read(ref _hung[(int)Point.BeforeChange]) + Volatile.Read(ref _hung[(int)Point.AfterChange]) + Volatile.Read(ref _hung[(int)Point.Told]);

        public bool ExercisedEveryPoint => _hungEver.All(n => n > 0) && _late.All(n => n > 0);

        public async Task MaybeHang(Point point, string bill)
        {
            var roll = _healthy ? 2
                : plan[bill].Point == point && _planDone.TryAdd((bill, point), true) ? (plan[bill].Forever ? 0 : 1)
                : dice.Roll(10);
            if (roll == 0)
            {
                Interlocked.Increment(ref _hung[(int)point]);
                Interlocked.Increment(ref _hungEver[(int)point]);
                try
                {
                    await (point == Point.Asked ? _questionsLetGo.Task : _othersLetGo.Task);
                }
                finally
                {
                    Interlocked.Decrement(ref _hung[(int)point]);
                }
            }
            else if (roll == 1)
            {
                Interlocked.Increment(ref _late[(int)point]);
                await Task.Delay(20 + dice.Roll(381));
            }
            else
            {
                await Task.Yield();
            }
        }

        public void Recover()
        {
            _healthy = true;
            _othersLetGo.TrySetResult();
        }

        public void ReleaseAll()
        {
            Recover();
            _questionsLetGo.TrySetResult();
        }

        public string Describe() => string.Join(", ", Enum.GetValues<Point>().Select(p => $"{p}: {_hungEver[(int)p]} hung, {_late[(int)p]} late"));
    }

    /// <summary>The in-memory store, its calls hanging at <see cref="Hangs"/>' will; a late answer to a question is the one read when asked.</summary>
    private sealed class DeafStore(Hangs hangs, IReadOnlyDictionary<string, string> billOfKey) : IQiwiNotificationStore
    {
        private readonly ConcurrentDictionary<string, bool> _keys = new(StringComparer.Ordinal);

        public async ValueTask<bool> IsAppliedAsync(string key, CancellationToken cancellationToken)
        {
            var applied = _keys.ContainsKey(key);
            await hangs.MaybeHang(Point.Asked, billOfKey[key]);
            return applied;
        }

        public async ValueTask MarkAppliedAsync(string key, CancellationToken cancellationToken)
        {
            await hangs.MaybeHang(Point.Told, billOfKey[key]);
            _keys[key] = true;
        }
    }

    /// <summary>An in-memory store whose first <see cref="HungQuestions"/> questions never return (until let go), deaf to cancellation.</summary>
    private sealed class NeverAnswersFirst(int hungQuestions) : IQiwiNotificationStore
    {
        private readonly TaskCompletionSource _letGo = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly MemoryStore _inner = new();
        private int _asked;

        public int HungQuestions => hungQuestions;

        /// <summary>The questions that hung.</summary>
        public int Hung => Math.Min(Volatile.Read(ref _asked), hungQuestions);

        public async ValueTask<bool> IsAppliedAsync(string key, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _asked) <= hungQuestions)
            {
                await _letGo.Task;
            }

            return await _inner.IsAppliedAsync(key, cancellationToken);
        }

        public ValueTask MarkAppliedAsync(string key, CancellationToken cancellationToken) => _inner.MarkAppliedAsync(key, cancellationToken);

        public void LetGo() => _letGo.TrySetResult();
    }
}
