using System.Globalization;
using System.Net;
using Qiwi.AspNetCore;
using Qiwi.Runtime;
using Qiwi.Testing;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// Notifications signed with the shop's notification password (as only QIWI could send them) whose fields hold a NUL or
/// another control character at a seeded place, on SQLite and on PostgreSQL (whose text type refuses a NUL): never an
/// HTTP 500 (QIWI would repeat it for a day); a NUL, form-urlencoded or multipart, is refused as a malformed form (5)
/// with nothing stored and the order untouched (multipart let it through before: result 0 with the NUL stored in the
/// key's values, or 300 from the database); another control character is answered 0 (stored), 5 or 300 (nothing
/// stored); the clean notification after each is applied and stored once.
/// </summary>
public sealed class ShopControlCharacterNotificationTests : ShopSandboxTest
{
    private static readonly string[] Names = ["command", "bill_id", "status", "error", "amount", "user", "prv_name", "ccy", "comment"];

    [Fact]
    public Task On_sqlite_a_signed_NUL_is_refused_with_5_and_nothing_is_lost() => RunAsync(TemporarySqlite(), seed: 31);

    [SkippableFact]
    public async Task On_postgresql_a_signed_NUL_is_refused_with_5_and_nothing_is_lost()
    {
        await using var database = await TestPostgres.CreateAsync();
        await RunAsync(database.ConnectionString, seed: 32);
    }

    private async Task RunAsync(string connectionString, int seed)
    {
        await using var shop = await ShopHost.StartAsync(Sandbox, connectionString, notify: false, reconcile: false);
        using var http = new HttpClient();
        var orders = shop.Services.GetRequiredService<OrderRepository>();
        var checkout = shop.Services.GetRequiredService<Checkout>();
        var password = Sandbox.Shop.NotificationPassword;
        var random = new Random(seed);
        var failures = new List<string>();
        for (var round = 0; round < 24; round++)
        {
            var order = (await checkout.PlaceAsync("c1", "+79031234567", CancellationToken.None)).Order;
            var amount = RedTeamNotifications.Amount(order.AmountKopecks / 100m);
            var clean = RedTeamNotifications.Fields(order.Id, "paid", amount);

            // Every field once per round with a NUL, then two with another control character.
            foreach (var name in Names.OrderBy(_ => random.Next()).Take(round < 12 ? Names.Length : 2))
            {
                var nul = round < 12;
                var character = nul ? '\0' : (char)(random.Next(2) == 0 ? random.Next(1, 0x20) : 0x7F);
                var fields = clean.Select(f => f.Key == name ? new KeyValuePair<string, string>(f.Key, f.Value.Insert(random.Next(f.Value.Length + 1), character.ToString())) : f).ToArray();
                var multipart = nul && random.Next(2) == 0;
                var (status, code) = await PostAsync(http, shop.Url, fields, password, multipart);
                var after = await orders.FindAsync(order.Id, CancellationToken.None);
                var what = $"{name} with U+{(int)character:X4} ({(multipart ? "multipart" : "urlencoded")})";
                if (status != HttpStatusCode.OK || code is null)
                {
                    failures.Add($"{what}: HTTP {(int)status}");
                }
                else if (nul && (code != 5 || after!.Status != order.Status || await IsStored(shop, fields)))
                {
                    failures.Add($"{what}: result {code}, order {after!.Status}, stored {await IsStored(shop, fields)}");
                }
                else if (!nul && (code is not (0 or 5 or 300) || await IsStored(shop, fields) != (code == 0)))
                {
                    failures.Add($"{what}: result {code}, stored {await IsStored(shop, fields)}");
                }
            }

            var (cleanStatus, cleanCode) = await PostAsync(http, shop.Url, clean, password, multipart: false);
            var paid = await orders.FindAsync(order.Id, CancellationToken.None);
            if (cleanStatus != HttpStatusCode.OK || cleanCode != 0 || paid!.Status != "paid" || !await IsStored(shop, clean))
            {
                failures.Add($"the clean notification of round {round}: HTTP {(int)cleanStatus}, result {cleanCode}, order {paid?.Status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<bool> IsStored(ShopApp shop, IReadOnlyList<KeyValuePair<string, string>> fields)
        => await shop.Services.GetRequiredService<DbNotificationStore>().IsAppliedAsync(QiwiNotificationKey.Compute(BillNotificationWebhook.Signature, fields), CancellationToken.None);

    private static async Task<(HttpStatusCode Status, int? Code)> PostAsync(HttpClient http, Uri shop, IReadOnlyList<KeyValuePair<string, string>> fields, string password, bool multipart)
    {
        HttpContent content = new FormUrlEncodedContent(fields);
        if (multipart)
        {
            var parts = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                parts.Add(new StringContent(value), name);
            }

            content = parts;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(shop, "qiwi/notify")) { Content = content };
        var signature = BillNotificationWebhook.Signature;
        request.Headers.Add(signature.Target, QiwiSignature.Compute(signature, fields, password));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var match = System.Text.RegularExpressions.Regex.Match(body, "<result_code>([0-9]+)</result_code>");
        return (response.StatusCode, match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null);
    }
}
