using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Qiwi.Runtime;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Seeded random and exhaustive hostile input: the generated form reader never throws and only accepts what the
/// spec allows; every truncation of a request body gets a documented answer; racing payers, refusals and time travel
/// finalize each invoice once and notify it once.
/// </summary>
public sealed class AttackTests
{
    private static readonly string[] Fields = ["user", "amount", "ccy", "comment", "lifetime", "pay_source", "prv_name", "junk"];

    private static readonly string[] Values =
    [
        "", " ", "tel:+79031234567", "tel:+7903123456789012", "79031234567", "tel:+", "10", "10.00", "10.005", "0.001", "-1", "1e3", "1,5",
        "79228162514264337593543950336", "RUB", "rub", "RUBX", "2026-03-02T12:00:00", "2026-02-28T12:00:00", "2026-04-20T12:00:00",
        "2026-13-02T12:00:00", "tomorrow", "qw", "mobile", "card", "счёт", "\0", "<x>", new string('x', 256), new string('y', 101),
    ];

    [Fact]
    public void Random_forms_never_throw_and_only_forms_that_keep_every_rule_are_accepted()
    {
        var random = new Random(20261125);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var accepted = 0;
        for (var i = 0; i < 3000; i++)
        {
            var form = new List<KeyValuePair<string, string>>();
            foreach (var field in Fields)
            {
                if (random.Next(5) > 0)
                {
                    form.Add(new(field, random.Next(3) == 0 ? Values[random.Next(Values.Length)] : Valid(field, random)));
                }
            }

            var result = CreateBillForm.ReadForm(form, clock);

            if (result.Value is { } bill)
            {
                accepted++;
                Assert.Matches(@"^tel:\+[0-9]{1,15}\z", bill.User);
                Assert.True(bill.Amount > 0 && bill.Amount == decimal.Round(bill.Amount, 2), bill.Amount.ToString(CultureInfo.InvariantCulture));
                Assert.Matches("^[A-Z]{3}\\z", bill.Currency);
                Assert.True(bill.Comment.Length <= 255 && (bill.MerchantName?.Length ?? 0) <= 100);
                Assert.NotEqual(PaySource.Unknown, bill.PaySource ?? PaySource.QiwiWallet);
            }
            else
            {
                var problem = result.Problem!;
                Assert.Contains(problem.Field, Fields);
                Assert.Contains("'" + problem.Field + "'", problem.Description, StringComparison.Ordinal);
                Assert.Equal(problem.Rule == QiwiFieldRule.Missing, form.All(p => p.Key != problem.Field));
            }
        }

        Assert.InRange(accepted, 50, 2950);
    }

    [Fact]
    public async Task Every_truncation_of_a_request_body_gets_a_documented_answer()
    {
        await using var f = await SandboxFixture.StartAsync();
        const string body = "user=tel%3A%2B79031234567&amount=10.50&ccy=RUB&comment=a%20b&lifetime=2026-03-02T12%3A00%3A00&pay_source=qw&prv_name=Shop";
        var requiredEnd = body.IndexOf("&pay_source", StringComparison.Ordinal);

        for (var length = 0; length <= body.Length; length++)
        {
            using var response = await f.RawAsync(HttpMethod.Put, $"api/v2/prv/{f.ShopId}/bills/CUT-{length}", body[..length]);
            var text = await response.Content.ReadAsStringAsync();
            var code = JsonDocument.Parse(text).RootElement.GetProperty("response").GetProperty("result_code").GetInt32();

            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.True(code is 0 or 5 or 303 or 341, $"length {length}: {text}");
            if (length < requiredEnd)
            {
                Assert.NotEqual(0, code);
            }
            else if (code == 0)
            {
                Assert.Contains("\"amount\":\"10.50\",\"ccy\":\"RUB\"", text, StringComparison.Ordinal);
            }

            Assert.True(length != body.Length || code == 0, text);
        }
    }

    [Fact]
    public async Task Racing_payers_cancels_and_time_travel_finalize_and_notify_each_invoice_once()
    {
        await using var merchant = await NotificationSink.StartAsync();
        await using var f = await SandboxFixture.StartAsync(shop: s => s.NotificationUrl = merchant.Url);
        var now = f.Host.Clock.GetUtcNow();
        var ids = Enumerable.Range(0, 24).Select(i => "RACE-" + i).ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            await f.Client.CreateBillAsync(id, "tel:+79031234567", 10m, "RUB", "c", now.AddMinutes(1 + (i % 5)));
        }

        var random = new Random(7);
        var actions = ids.SelectMany(id => new[] { "pay", "reject", "fail", "expire" }.Select(a => (id, a))).OrderBy(_ => random.Next()).ToList();
        var work = actions.Select(async x =>
        {
            using var response = await f.ControlAsync($"bills/{f.ShopId}/{x.id}/{x.a}");
            return response.StatusCode;
        }).Append(Task.Run(async () =>
        {
            await f.AdvanceAsync(TimeSpan.FromMinutes(3));
            return System.Net.HttpStatusCode.OK;
        })).Concat(ids.Select(async id =>
        {
            try
            {
                await f.Client.CancelBillAsync(id);
            }
            catch (QiwiApiException)
            {
            }

            return System.Net.HttpStatusCode.OK;
        }));
        var codes = await Task.WhenAll(work);

        Assert.All(codes, c => Assert.True(c is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Conflict, c.ToString()));
        await f.AdvanceAsync(TimeSpan.FromSeconds(1));
        var log = (await f.ControlGetAsync("notifications")).EnumerateArray().ToList();
        foreach (var id in ids)
        {
            var status = (await f.Client.GetBillStatusAsync(id)).Status;
            Assert.NotEqual(BillStatus.Waiting, status);
            var notes = log.Where(n => n.GetProperty("bill_id").GetString() == id).ToList();
            Assert.Single(notes);
            Assert.Equal(status.ToWireValue(), notes[0].GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Concurrent_cancels_of_one_invoice_all_answer_the_rejected_invoice_and_notify_once()
    {
        await using var merchant = await NotificationSink.StartAsync();
        await using var f = await SandboxFixture.StartAsync(shop: s => s.NotificationUrl = merchant.Url);
        await f.CreateBillAsync("CANCEL-RACE");

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => f.Client.CancelBillAsync("CANCEL-RACE")));
        await f.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.All(answers, a => Assert.Equal(BillStatus.Rejected, a.Status));
        Assert.Single((await f.ControlGetAsync("notifications")).EnumerateArray());
    }

    private static string Valid(string field, Random random) => field switch
    {
        "user" => "tel:+7903" + random.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture),
        "amount" => (random.Next(1, 100000) / 100m).ToString(CultureInfo.InvariantCulture),
        "ccy" => "RUB",
        "lifetime" => new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(3)).AddHours(random.Next(1, 24 * 50)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        "pay_source" => random.Next(2) == 0 ? "qw" : "mobile",
        _ => "x" + random.Next(100).ToString(CultureInfo.InvariantCulture),
    };
}
