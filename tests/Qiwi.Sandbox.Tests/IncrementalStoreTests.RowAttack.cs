using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Persistence;
using Contract = Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Seeded mutations of a valid data file at the row and field level (a field removed, nulled, of another JSON kind, an
/// out-of-range number or instant, a huge string, a name twice, an array element twice, a lone surrogate, a column of
/// another storage class, a key or id that no longer matches its row; in the rows format and in the single-row one):
/// each either starts on a state that keeps the ledger's invariants (and saves whole and reads back), or fails the start
/// with <see cref="InvalidDataException"/> naming the file and the mutated row, having restored and written nothing.
/// Never any other exception type.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    private const string Surrogate = "@@SURROGATE@@";

    /// <summary>Values a field is set to: other kinds, numbers out of every range, instants out of range, odd strings.</summary>
    private static readonly string[] Replacements =
    [
        "\"x\"", "\"\"", "0", "-1", "1", "2.5", "1e-30", "79228162514264337593543950336", "-79228162514264337593543950335", "2147483648",
        "9223372036854775808", "1e400", "true", "false", "[]", "{}", "[{}]", "\"9999-12-31T23:59:59+00:00\"", "\"0001-01-01T00:00:00+00:00\"",
        "\"1969-12-31T23:59:59+00:00\"", "\"2026-04-01T09:00:00+00:00\"", "\"not a date\"", "\"10675199.02:48:05.4775807\"", "\"-00:00:01\"", "\"01:00:00\"",
        "\"http://merchant.invalid/other\"", "\"relative/url\"", "\"ftp://merchant.invalid/\"", "\"qw\"", "\"mobile\"", "\"paid\"", "\"waiting\"",
        "\"expired\"", "\"fail\"", "\"processing\"", "\"success\"", "\"PAID\"", "77", "78", "\"" + Surrogate + "\"",
    ];

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    public async Task Rows_and_fields_mutated_at_random_start_on_a_valid_state_or_fail_naming_the_file_and_the_row(int seed)
    {
        var random = new Random(seed);
        using var source = new DataFile();
        using var singleRow = new DataFile();
        var fake = await RichFileAsync(source.Path, singleRow.Path, seed);
        var (rows, legacy) = (await File.ReadAllBytesAsync(source.Path), await File.ReadAllBytesAsync(singleRow.Path));
        var (loaded, refused) = (0, 0);
        for (var n = 0; n < 160; n++)
        {
            using var file = new DataFile();
            var isLegacy = n % 4 == 3;
            await File.WriteAllBytesAsync(file.Path, isLegacy ? legacy : rows);
            var (description, row) = Mutate(file.Path, random, isLegacy);
            var context = $"seed {seed}, case {n}: {description}";
            var before = await File.ReadAllBytesAsync(file.Path);
            using var started = await Started.StartAsync(file.Path, fake, seed);
            switch (started.Error)
            {
                case null:
                    await AssertValidAsync(started, fake, seed, context);
                    loaded++;
                    break;
                case InvalidDataException error when error.GetType() == typeof(InvalidDataException):
                    Assert.True(error.Message.Contains($"'{file.Path}'", StringComparison.Ordinal), $"{context}: the error does not name the file: {error.Message}");
                    var named = Regex.IsMatch(error.Message, Regex.Escape(row) + "(?![0-9])")
                        || (error.Message.Contains(" a second time", StringComparison.Ordinal) || error.Message.Contains("together past", StringComparison.Ordinal))
                            && error.Message.Contains(row[..row.IndexOf(" row", StringComparison.Ordinal)], StringComparison.Ordinal);
                    Assert.True(named, $"{context}: the error does not name the row {row}: {error.Message}");
                    Assert.True(started.Ledger.Export().Count == 0 && started.Dispatcher.Export().Records.Count == 0, $"{context}: a refused start restored part of the file");
                    if (!isLegacy)
                    {
                        var after = await File.ReadAllBytesAsync(file.Path);
                        Assert.True(before.SequenceEqual(after), $"{context}: a refused start changed the file");
                    }

                    refused++;
                    break;
                default:
                    Assert.Fail($"{context}: {started.Error.GetType().FullName}: {started.Error}");
                    break;
            }
        }

        Assert.True(loaded >= 10 && refused >= 60, $"loaded {loaded}, refused {refused}: the mutations did not reach both outcomes");
    }

    /// <summary>The ledger's invariants on what was loaded; then the state saved whole into another file reads back with the same invoices and records.</summary>
    private static async Task AssertValidAsync(Started started, FakeTimeProvider fake, int seed, string context)
    {
        var invoices = started.Ledger.Export();   // every status has its wire value
        foreach (var invoice in invoices)
        {
            var where = $"{context}: invoice {invoice.ShopId}/{invoice.BillId}";
            Assert.True(invoice.Amount > 0, where + ": amount not above 0");
            Assert.True(invoice.Refunds.Count == 0 || invoice.Status == "paid", where + ": refunds of an invoice that is not paid");
            Assert.True(invoice.Refunds.Select(r => r.RefundId).Distinct(StringComparer.Ordinal).Count() == invoice.Refunds.Count, where + ": a refund id twice");
            Assert.True(invoice.Refunds.All(r => r.Amount > 0), where + ": a refund not above 0");
            Assert.True(invoice.Refunds.Where(r => r.Status != "fail").Sum(r => r.Amount) <= invoice.Amount, where + ": refunds past the amount");
        }

        Assert.Equal(invoices.Count, started.Ledger.Snapshot().Count);
        var (records, nextId) = started.Dispatcher.Export();
        for (var i = 0; i < records.Count; i++)
        {
            Assert.True(records[i].Id >= 1 && (i == 0 || records[i].Id > records[i - 1].Id), $"{context}: the log is not in id order");
            Assert.True(records[i].Url.IsAbsoluteUri, $"{context}: record {records[i].Id} has a relative URL");
        }

        Assert.True(records.Count == 0 || nextId >= records[^1].Id, $"{context}: next id {nextId} below the last record's");
        Assert.True(started.Clock.Offset >= TimeSpan.Zero, context);

        using var copy = new DataFile();
        started.SaveWholeTo(copy.Path);
        using var again = await Started.StartAsync(copy.Path, fake, seed);
        Assert.True(again.Error is null, $"{context}: the state saved whole does not read back: {again.Error}");
        Assert.Equal(invoices.Select(i => (i.ShopId, i.BillId)).Order(), again.Ledger.Export().Select(i => (i.ShopId, i.BillId)).Order());
        Assert.Equal(records.Select(r => r.Id), again.Dispatcher.Export().Records.Select(r => r.Id));
    }

    /// <summary>
    /// A file holding invoices waiting, paid (with refunds processing, settled to success and to fail, failed through
    /// the control API, staying processing), rejected and expired, a mobile one with a merchant name, notification
    /// records with attempts, and a clock advance; the same state written in the single-row format into <paramref name="singleRowPath"/>.
    /// </summary>
    private static async Task<FakeTimeProvider> RichFileAsync(string path, string singleRowPath, int seed)
    {
        var fake = new FakeTimeProvider(Start);
        using var sandbox = await Sandbox.OpenAsync(path, fake, seed);
        var shop = sandbox.Shop;
        for (var i = 0; i < 8; i++)
        {
            sandbox.Create("B" + i);
        }

        sandbox.Ledger.Create(shop, "M1", "tel:+79031234567", 12.5m, "RUB", "mobile", sandbox.Clock.GetUtcNow().AddMinutes(10), Contract.PaySource.Mobile, "Shop name");
        for (var i = 0; i < 4; i++)
        {
            sandbox.Ledger.Move(shop.ShopId, "B" + i, Contract.BillStatus.Paid);
        }

        sandbox.Ledger.Cancel(shop.ShopId, "B4");
        var outcomes = new[] { "success", "fail", "processing" };
        for (var i = 0; i < 4; i++)
        {
            shop.RefundOutcome = outcomes[i % 3];
            sandbox.Ledger.CreateRefund(shop.ShopId, "B" + i, "R1", 2.5m);
            sandbox.Ledger.CreateRefund(shop.ShopId, "B" + i, "R2", 1m);
        }

        sandbox.Ledger.FailRefund(shop.ShopId, "B0", "R2");
        sandbox.Clock.AdvanceTo(sandbox.Clock.GetUtcNow().AddMinutes(45));   // settles the refunds due, expires M1
        shop.RefundOutcome = "success";
        sandbox.Ledger.CreateRefund(shop.ShopId, "B1", "R3", 0.5m);   // still processing
        for (var i = 0; i < 8; i++)
        {
            sandbox.Ledger.Get(shop.ShopId, "B" + i);
        }

        await sandbox.QuiesceAsync();
        sandbox.Store.Save();
        var (records, nextId) = sandbox.Dispatcher.Export();
        Assert.True(records.Count >= 4 && records.Any(r => r.Attempts.Count > 0), "the file holds notification records with attempts");
        WriteSingleRow(singleRowPath, sandbox.Clock.Offset, sandbox.Ledger.Export(), records.Select(SandboxStore.StoredNotification.From).ToList(), nextId);
        return fake;
    }

    /// <summary>Mutates one row of the file at random: what was done, and the name the start error must give the row.</summary>
    private static (string Description, string Row) Mutate(string path, Random random, bool legacy)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        if (legacy)
        {
            var json = (string)Query(connection, "SELECT json FROM sandbox_state WHERE id = 1").Single()[0];
            var (mutated, what) = MutateJson(json, random);
            Update(connection, "UPDATE sandbox_state SET json = $value WHERE id = 1", mutated);
            return ("sandbox_state: " + what, "sandbox_state row 1");
        }

        var pick = random.Next(10);
        if (pick == 9)
        {
            var (column, value) = random.Next(2) == 0
                ? ("clock_offset_ticks", new object[] { -1L, "x", 2.5, long.MaxValue, "", new byte[] { 1 }, TimeSpan.FromDays(400).Ticks }[random.Next(7)])
                : ("next_notification_id", new object[] { -1L, (long)int.MaxValue, 1L << 40, "x", 1e300, 0L, 500L }[random.Next(7)]);
            Update(connection, $"UPDATE sandbox_meta SET {column} = $value", value);
            return ($"sandbox_meta.{column} = {Show(value)}", "sandbox_meta row");
        }

        if (pick >= 6)
        {
            var records = Query(connection, "SELECT id, json FROM sandbox_notification");
            var record = records[random.Next(records.Count)];
            var (id, json) = ((long)record[0], (string)record[1]);
            if (random.Next(5) == 0)
            {
                var moved = id + 1000;
                Update(connection, $"UPDATE sandbox_notification SET id = $value WHERE id = {id}", moved);
                return ($"sandbox_notification {id}: id = {moved}", $"sandbox_notification row {moved}");
            }

            var (mutated, what) = MutateJson(json, random);
            Update(connection, $"UPDATE sandbox_notification SET json = $value WHERE id = {id}", mutated);
            return ($"sandbox_notification {id}: {what}", $"sandbox_notification row {id}");
        }

        var invoices = Query(connection, "SELECT rowid, json FROM sandbox_invoice");
        var chosen = invoices[random.Next(invoices.Count)];
        var rowid = (long)chosen[0];
        if (random.Next(4) == 0)
        {
            var (column, value) = new (string, object)[]
            {
                ("shop_id", 78L), ("shop_id", "x"), ("shop_id", 2.5), ("bill_id", "moved"), ("bill_id", 5L), ("bill_id", new byte[] { 0x42 }),
                ("json", new byte[] { 0x7b, 0x7d }), ("json", 5L), ("json", ""), ("json", "{not json"), ("json", "[]"), ("json", "null"),
            }[random.Next(12)];
            Update(connection, $"UPDATE sandbox_invoice SET {column} = $value WHERE rowid = {rowid}", value);
            return ($"sandbox_invoice {rowid}: {column} = {Show(value)}", $"sandbox_invoice row {rowid}");
        }

        var (invoice, change) = MutateJson((string)chosen[1], random);
        Update(connection, $"UPDATE sandbox_invoice SET json = $value WHERE rowid = {rowid}", invoice);
        return ($"sandbox_invoice {rowid}: {change}", $"sandbox_invoice row {rowid}");
    }

    /// <summary>
    /// One random change to a JSON row, at a random field or array element at any depth: removed, null, an element twice
    /// in its array, a huge string, a name twice, a value of the same kind out of range (a number, an instant, a wire
    /// value), or a value of any kind.
    /// </summary>
    private static (string Json, string What) MutateJson(string json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        var places = new List<(JsonNode Parent, string? Name, int Index, string Path)>();
        Collect(root, "$", places);
        var elements = places.Where(p => p.Name is null).ToList();
        var (parent, name, index, path) = places[random.Next(places.Count)];
        string what;
        switch (random.Next(12))
        {
            case 0:
                Remove(parent, name, index);
                what = "removed " + path;
                break;
            case 1:
                Set(parent, name, index, null);
                what = "null at " + path;
                break;
            case 2 when elements.Count > 0:
                (parent, _, index, path) = elements[random.Next(elements.Count)];
                var array = (JsonArray)parent;
                array.Insert(index, array[index]!.DeepClone());
                what = "twice in its array: " + path;
                break;
            case 3:
                Set(parent, name, index, JsonValue.Create(new string('x', 200_000)));
                what = "a string of 200,000 characters at " + path;
                break;
            case 4 when name is not null && ReferenceEquals(parent, root):
                var duplicate = "{\"" + name + "\":" + Replacements[random.Next(Replacements.Length)] + ",";
                return ((duplicate + root.ToJsonString()[1..]).Replace(Surrogate, "\\ud800", StringComparison.Ordinal), $"{name} twice at the top of the row");
            case 5 or 6 or 7 or 8:
                var like = SameKind(name is null ? parent[index] : parent[name], random);
                Set(parent, name, index, JsonNode.Parse(like));
                what = $"{path} = {Cut(like)} (same kind)";
                break;
            default:
                var value = Replacements[random.Next(Replacements.Length)];
                Set(parent, name, index, JsonNode.Parse(value));
                what = $"{path} = {Cut(value)}";
                break;
        }

        return (root.ToJsonString().Replace(Surrogate, "\\ud800", StringComparison.Ordinal), what);
    }

    /// <summary>A value of the same JSON kind as <paramref name="node"/> (an instant for an instant), at or past the edges of what the field holds.</summary>
    private static string SameKind(JsonNode? node, Random random)
    {
        string[] values = node?.GetValueKind() switch
        {
            JsonValueKind.Number => ["0", "-1", "-0.01", "1e-30", "0.001", "79228162514264337593543950335", "79228162514264337593543950336", "2147483647", "2147483648",
                "9223372036854775808", "1e400", "2.5", "1000000000000000000000000000", "100", "99", "1000"],
            JsonValueKind.String when DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, out _) =>
                ["\"9999-12-31T23:59:59+00:00\"", "\"0001-01-01T00:00:00+00:00\"", "\"1969-12-31T23:59:59+00:00\"", "\"1970-01-01T00:00:00+00:00\"",
                    "\"8999-12-31T23:59:59+00:00\"", "\"9000-01-01T00:00:00+00:00\"", "\"2026-13-01T00:00:00+00:00\"", "\"2026-04-01T09:00:00\"", "\"2026-04-01\""],
            JsonValueKind.String => ["\"\"", "\"x\"", "\"qw\"", "\"mobile\"", "\"paid\"", "\"waiting\"", "\"rejected\"", "\"fail\"", "\"processing\"",
                "\"success\"", "\"Paid\"", "\"R1\"", "\"R2\"", "\"B1\"", "\"http://merchant.invalid/x\"", "\"mailto:a@b.c\"", "\"" + Surrogate + "\""],
            JsonValueKind.True or JsonValueKind.False => ["true", "false"],
            _ => Replacements,
        };
        return values[random.Next(values.Length)];
    }

    private static void Collect(JsonNode node, string path, List<(JsonNode, string?, int, string)> places)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                places.Add((obj, key, -1, path + "." + key));
                if (value is not null)
                {
                    Collect(value, path + "." + key, places);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                places.Add((array, null, i, $"{path}[{i}]"));
                if (array[i] is { } item)
                {
                    Collect(item, $"{path}[{i}]", places);
                }
            }
        }
    }

    private static void Remove(JsonNode parent, string? name, int index)
    {
        if (name is not null)
        {
            ((JsonObject)parent).Remove(name);
        }
        else
        {
            ((JsonArray)parent).RemoveAt(index);
        }
    }

    private static void Set(JsonNode parent, string? name, int index, JsonNode? value)
    {
        if (name is not null)
        {
            parent[name] = value;
        }
        else
        {
            parent[index] = value;
        }
    }

    private static List<object[]> Query(SqliteConnection connection, string sql)
    {
        using var read = connection.CreateCommand();
        read.CommandText = sql;
        using var row = read.ExecuteReader();
        var rows = new List<object[]>();
        while (row.Read())
        {
            var values = new object[row.FieldCount];
            row.GetValues(values);
            rows.Add(values);
        }

        return rows;
    }

    private static void Update(SqliteConnection connection, string sql, object value)
    {
        using var write = connection.CreateCommand();
        write.CommandText = sql;
        write.Parameters.AddWithValue("$value", value);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    private static string Show(object value) => value switch
    {
        byte[] blob => $"a blob of {blob.Length} bytes",
        string text => $"'{text}'",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
