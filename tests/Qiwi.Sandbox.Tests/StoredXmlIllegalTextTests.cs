using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;
using Qiwi.Sandbox.Persistence;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A data file written before D-xmltext may hold invoices whose bill id or comment XML 1.0 cannot carry (NUL, the other C0
/// controls but tab, LF and CR, U+FFFE, U+FFFF; a lone surrogate was written by the serializer as U+FFFD). A sandbox
/// started on such a file answers every read of them: JSON with the text exactly as stored, XML with U+FFFD in place of
/// each character XML cannot carry (D-xmltext), and the dispatcher delivers their notifications. Before, every XML read of
/// such an invoice was HTTP 500.
/// </summary>
public sealed class StoredXmlIllegalTextTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Every class of character XML 1.0 cannot carry, and the legal ones each layer treats specially.</summary>
    private static readonly string[] Illegal =
    [
        "\0", "\u0001", "\u0008", "\u000B", "\u000C", "\u000E", "\u001F", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800", "\uFFFE", "\uFFFF",
    ];

    private static readonly string[] Legal = ["a", "Я", "\t", "\n", "\r", "\r\n", "]]>", "&", "<", "%00", "+", " ", "😀", "\u0085", "\u2028", "\uFFFD"];

    [Theory]
    [InlineData(20261126)]
    [InlineData(7)]
    public async Task Every_read_of_an_invoice_stored_before_the_rule_answers_and_xml_carries_u_fffd(int seed)
    {
        var random = new Random(seed);
        var cases = Cases(random);
        var path = Path.Combine(Path.GetTempPath(), "qiwi-sandbox-xmlold-" + Guid.NewGuid().ToString("N") + ".db");
        await using var merchant = await NotificationSink.StartAsync();
        var shop = SandboxOptions.TestShop;
        shop.NotificationUrl = merchant.Url;
        shop.SignNotifications = seed % 2 == 0;   // both ways of authenticating the form, one per seed
        try
        {
            WriteAsTheOldCodeWould(path, shop, cases);
            var clock = new FakeTimeProvider(Start);
            await using var host = await SandboxHost.StartAsync(clock, o =>
            {
                o.DataFile = path;
                o.Shops.Add(shop);
            });
            using var http = new HttpClient { BaseAddress = host.BaseUrl };
            foreach (var c in cases)
            {
                await ReadsAnswerAsync(http, host, c);
            }

            // Control API and checkout page: the texts as stored (JSON), the page shown.
            var bills = await http.GetStringAsync("sandbox/control/bills");
            var ledger = JsonDocument.Parse(await http.GetStringAsync("sandbox/control/ledger")).RootElement;
            var stored = ledger.EnumerateArray().Select(e => Property(e, "bill_id", "BillId").GetString()).ToHashSet(StringComparer.Ordinal);
            Assert.All(cases, c => Assert.Contains(c.StoredBillId, stored));
            Assert.NotEmpty(bills);
            foreach (var c in cases.Take(6))
            {
                using var page = await http.GetAsync("form?shop=" + shop.ShopId + "&transaction=" + Uri.EscapeDataString(c.StoredBillId));
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            }

            // The notifications kept in the file (due at restart) and new ones (the waiting invoices paid now) reach the merchant.
            var waiting = cases.Where(c => !c.Paid).ToList();
            foreach (var c in waiting)
            {
                using var pay = await http.PostAsync($"sandbox/control/bills/{shop.ShopId}/pay", System.Net.Http.Json.JsonContent.Create(new { bill_id = c.StoredBillId }));
                Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
            }

            using (var advance = await http.PostAsync("sandbox/control/clock/advance", System.Net.Http.Json.JsonContent.Create(new { seconds = 5 })))
            {
                Assert.Equal(HttpStatusCode.OK, advance.StatusCode);   // the kept records are due a second after the old file's time
            }

            var expected = cases.Where(c => c.Paid).Select(c => (c.StoredBillId, c.StoredComment)).Concat(waiting.Select(c => (c.StoredBillId, c.StoredComment))).ToList();
            for (var wait = 0; wait < 400 && merchant.Bodies.Count < expected.Count; wait++)
            {
                await Task.Delay(25);
            }

            // Decoded by hand: ASP.NET's form reader answers HTTP 500 to a value with %00 (a merchant's limit, not the sandbox's).
            var received = merchant.Bodies.Select(body => body.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(p => Decode(p[0]), p => Decode(p[1])))
                .Select(form => (form["bill_id"], form["comment"])).ToList();
            var logText = await http.GetStringAsync("sandbox/control/notifications");
            foreach (var (billId, comment) in expected)
            {
                Assert.True(received.Contains((billId, comment)), $"no notification of {Show(billId)} with comment {Show(comment)}; received {received.Count}, log: {logText[..Math.Min(3000, logText.Length)]}");
            }

            var log = JsonDocument.Parse(await http.GetStringAsync("sandbox/control/notifications")).RootElement;
            Assert.All(log.EnumerateArray(), record => Assert.True(Property(record, "delivered", "Delivered").GetBoolean(), record.ToString()));
            Assert.Equal(expected.Count, log.GetArrayLength());
        }
        finally
        {
            File.Delete(path);
            File.Delete(DataFileLock.PathFor(path));
        }
    }

    [Fact]
    public async Task A_load_with_such_invoices_warns_once_naming_them()
    {
        var path = Path.Combine(Path.GetTempPath(), "qiwi-sandbox-xmlwarn-" + Guid.NewGuid().ToString("N") + ".db");
        var shop = SandboxOptions.TestShop;
        var cases = Cases(new Random(3));
        try
        {
            WriteAsTheOldCodeWould(path, shop, cases);
            var logger = new ListLogger();
            var options = new SandboxOptions { Shops = [shop], DataFile = path };
            var clock = new SandboxClock(new FakeTimeProvider(Start));
            var ledger = new SandboxLedger(clock, options);
            using var dispatcher = new NotificationDispatcher(ledger, Options.Create(options), clock, new NoHttp(), NullLogger<NotificationDispatcher>.Instance);
            using (var store = new SandboxStore(Options.Create(options), ledger, dispatcher, clock, logger))
            {
                await store.StartAsync(default);
            }

            var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
            var held = cases.Count(c => Carried(c.StoredBillId) != c.StoredBillId || Carried(c.StoredComment) != c.StoredComment);
            Assert.True(held > 10, "too few invoices hold such text: the test would prove little");
            Assert.Contains($"{held} invoices", warning.Message, StringComparison.Ordinal);
            Assert.Contains("U+FFFD", warning.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(warning.Message, ch => ch < ' ' && ch != '\n' || ch is '\uFFFE' or '\uFFFF' || char.IsSurrogate(ch));
        }
        finally
        {
            File.Delete(path);
            File.Delete(DataFileLock.PathFor(path));
        }
    }

    /// <summary>The XML and JSON status reads, the refund reads of a paid one: no HTTP 500, each the documented answer.</summary>
    private static async Task ReadsAnswerAsync(HttpClient http, SandboxHost host, Case c)
    {
        var billPath = $"api/v2/prv/{host.Shop.ShopId}/bills/{SandboxFixture.Segment(c.StoredBillId)}";
        if (c.StoredBillId.Contains('\0', StringComparison.Ordinal))
        {
            // Kestrel refuses a path with %00 (HTTP 400, before the sandbox): such an id is read through the control API
            // and the checkout page only (as the old sandbox could only have made it, through the web form).
            foreach (var accept in new[] { "application/json", "text/xml" })
            {
                using var refused = await GetAsync(http, host, billPath, accept);
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            }

            return;
        }

        if (Carried(c.StoredBillId) != c.StoredBillId)
        {
            // The path check of every operation refuses such an id (D-xmltext): result code 5, whose description quotes the
            // id; XML carries it with U+FFFD (before: HTTP 500).
            foreach (var path in c.Paid ? new[] { billPath, billPath + "/refund/R1" } : [billPath])
            {
                using var jsonRefusal = await GetAsync(http, host, path, "application/json");
                var refusal = JsonDocument.Parse(await jsonRefusal.Content.ReadAsByteArrayAsync()).RootElement.GetProperty("response");
                Assert.Equal((HttpStatusCode.OK, 5), (jsonRefusal.StatusCode, refusal.GetProperty("result_code").GetInt32()));
                using var xmlRefusal = await GetAsync(http, host, path, "text/xml");
                Assert.True(xmlRefusal.StatusCode == HttpStatusCode.OK, $"XML read of {Show(c.StoredBillId)}: HTTP {(int)xmlRefusal.StatusCode}");
                var response = XElement.Parse(await xmlRefusal.Content.ReadAsStringAsync());
                Assert.Equal("5", response.Element("result_code")!.Value);
                Assert.Equal(Carried(refusal.GetProperty("description").GetString()!), response.Element("description")!.Value);
            }

            return;
        }

        using var json = await GetAsync(http, host, billPath, "application/json");
        Assert.True(json.StatusCode == HttpStatusCode.OK, $"JSON read of {Show(c.StoredBillId)}: HTTP {(int)json.StatusCode}");
        var bill = JsonDocument.Parse(await json.Content.ReadAsByteArrayAsync()).RootElement.GetProperty("response");
        Assert.True(json.StatusCode == HttpStatusCode.OK && bill.GetProperty("result_code").GetInt32() == 0, $"JSON read of {Show(c.StoredBillId)}: {json.StatusCode} {bill}");
        Assert.Equal(c.StoredBillId, bill.GetProperty("bill").GetProperty("bill_id").GetString());
        Assert.Equal(c.StoredComment, bill.GetProperty("bill").GetProperty("comment").GetString());

        foreach (var accept in new[] { "text/xml", "application/xml" })
        {
            using var xml = await GetAsync(http, host, billPath, accept);
            var body = await xml.Content.ReadAsStringAsync();
            Assert.True(xml.StatusCode == HttpStatusCode.OK, $"XML read of {Show(c.StoredBillId)}: HTTP {(int)xml.StatusCode}");
            var response = XElement.Parse(body);
            Assert.Equal("0", response.Element("result_code")!.Value);
            Assert.Equal(Carried(c.StoredBillId), response.Element("bill")!.Element("bill_id")!.Value);
            Assert.Equal(Carried(c.StoredComment), response.Element("bill")!.Element("comment")!.Value);
        }

        if (c.Paid)
        {
            foreach (var accept in new[] { "application/json", "text/xml" })
            {
                using var refund = await GetAsync(http, host, billPath + "/refund/R1", accept);
                var body = await refund.Content.ReadAsStringAsync();
                Assert.True(refund.StatusCode == HttpStatusCode.OK && body.Contains("R1", StringComparison.Ordinal), $"refund read ({accept}) of {Show(c.StoredBillId)}: {(int)refund.StatusCode} {body}");
            }
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, SandboxHost host, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUrl.AbsoluteUri + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(host.Shop.ApiId + ":" + host.Shop.ApiPassword)));
        request.Headers.Accept.ParseAdd(accept);
        return await http.SendAsync(request);
    }

    /// <summary>One invoice of the old file: its ids and comment as the old code held them, and as the file keeps them.</summary>
    private sealed record Case(string BillId, string Comment, bool Paid)
    {
        public string StoredBillId => AsSerialized(BillId);

        public string StoredComment => AsSerialized(Comment);
    }

    /// <summary>Each illegal class once in a comment and once in a bill id, then seeded mixtures of illegal and legal pieces.</summary>
    private static List<Case> Cases(Random random)
    {
        var cases = new List<Case>();
        for (var i = 0; i < Illegal.Length; i++)
        {
            cases.Add(new Case($"OLD-C{i}", "x" + Illegal[i] + "y", i % 2 == 0));
            cases.Add(new Case($"OLD-B{i}-" + Illegal[i] + "z", "plain", i % 2 == 1));
        }

        for (var i = 0; i < 24; i++)
        {
            cases.Add(new Case($"OLD-R{i}-" + Mix(random, 6), Mix(random, 12), random.Next(2) == 0));
        }

        // Distinct as the file keeps them (two lone surrogates both become U+FFFD).
        return cases.GroupBy(c => c.StoredBillId, StringComparer.Ordinal).Select(g => g.First()).ToList();
    }

    private static string Mix(Random random, int pieces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            text.Append(random.Next(2) == 0 ? Illegal[random.Next(Illegal.Length)] : Legal[random.Next(Legal.Length)]);
        }

        return text.Append(Illegal[random.Next(Illegal.Length)]).ToString();
    }

    /// <summary>
    /// The data file as the sandbox wrote it before D-xmltext: its writer (<see cref="SandboxStore"/>) is the one it had
    /// then, given the ledger and the notification log the old create and pay would have held. Paid invoices carry a
    /// refund and a notification record due when the new sandbox starts.
    /// </summary>
    private static void WriteAsTheOldCodeWould(string path, SandboxShop shop, List<Case> cases)
    {
        var options = new SandboxOptions { Shops = [shop], DataFile = path };
        var clock = new SandboxClock(new FakeTimeProvider(Start));
        var ledger = new SandboxLedger(clock, options);
        using var dispatcher = new NotificationDispatcher(ledger, Options.Create(options), clock, new NoHttp(), NullLogger<NotificationDispatcher>.Instance);
        ledger.Import(cases.Select(c => new StoredInvoice(shop.ShopId, c.BillId, "tel:+79031234567", 10m, "RUB", c.Comment, Start.AddDays(30), "qw", null, Start, null, null,
            c.Paid ? "paid" : "waiting", c.Paid ? [new StoredRefund("R1", 1m, Start, "success", "success")] : [])));
        var id = 0;
        dispatcher.Import(cases.Where(c => c.Paid).Select(c => NotificationRecord.Restore(++id, shop.ShopId, c.BillId, "paid", shop.NotificationUrl ?? new Uri("http://127.0.0.1:9/"),
            Form(shop, c), Start, Start.AddSeconds(1), [], delivered: false, gaveUp: false)).ToList(), id);
        using var store = new SandboxStore(Options.Create(options), ledger, dispatcher, clock);
        store.Save();
    }

    /// <summary>The form the old dispatcher made of a paid invoice (the generated model's, as it does now).</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> Form(SandboxShop shop, Case c) => new Contract.BillNotification
    {
        BillId = c.BillId, Status = Contract.BillStatus.Paid, Error = Contract.ResultCode.Success, Amount = 10m, User = "tel:+79031234567",
        MerchantName = shop.Name, Currency = "RUB", Comment = c.Comment,
    }.ToForm();

    /// <summary>What the data file keeps of a string: the serializer writes a lone surrogate as U+FFFD.</summary>
    private static string AsSerialized(string text) => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(text))!;

    /// <summary>What an XML answer carries (D-xmltext): U+FFFD for each C0 control but tab, LF, CR, each U+FFFE, U+FFFF and unpaired surrogate.</summary>
    private static string Carried(string text)
    {
        var carried = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                carried.Append(c).Append(text[++i]);
            }
            else
            {
                carried.Append(c is < ' ' and not ('\t' or '\n' or '\r') || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' ? '\uFFFD' : c);
            }
        }

        return carried.ToString();
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string Show(string value) => FormValueRoundTripTests.Show(value);

    private static JsonElement Property(JsonElement element, string snake, string pascal)
        => element.TryGetProperty(snake, out var value) ? value : element.TryGetProperty(pascal, out value) ? value : element.GetProperty(char.ToLowerInvariant(pascal[0]) + pascal[1..]);

    /// <summary>No merchant reached while the old file is written (no record is due then).</summary>
    private sealed class NoHttp : HttpMessageHandler, IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => throw new InvalidOperationException("no notification is due while the old file is written");
    }

    private sealed class ListLogger : ILogger<SandboxStore>
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
