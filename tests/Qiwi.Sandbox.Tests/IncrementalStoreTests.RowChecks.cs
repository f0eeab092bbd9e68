using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Each check of the load, on a good file with one row edited: the start fails with <see cref="InvalidDataException"/>
/// naming the file, the row (its table and key) and the field, and saying what is wrong; for the checks over several
/// fields or rows that the random mutations reach seldom (refunds past the amount, a shop's amounts past a decimal, an
/// invoice twice in the single-row format) as much as for the ones they reach often.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    [Theory]
    [InlineData("refund-past", "sandbox_invoice row 1 (shop_id 77, bill_id 'G0'), field 'Refunds[0].Amount' takes the refunds that did not fail past the invoice's amount")]
    [InlineData("refund-twice", "sandbox_invoice row 1 (shop_id 77, bill_id 'G0'), field 'Refunds[1].RefundId' is 'R1', the id of an earlier refund of this invoice")]
    [InlineData("refunds-unpaid", "sandbox_invoice row 2 (shop_id 77, bill_id 'G1'), field 'Status' is 'waiting', yet the invoice has refunds")]
    [InlineData("shop-total", "together past what the ledger's totals hold")]
    [InlineData("issued-9999", "sandbox_invoice row 2 (shop_id 77, bill_id 'G1'), field 'IssuedAt' is 9999-12-31T23:00:00.0000000+00:00, outside 1970 to 9000")]
    [InlineData("status", "sandbox_invoice row 2 (shop_id 77, bill_id 'G1'), field 'Status' is 'PAID', which is no BillStatus value")]
    [InlineData("surrogate", "sandbox_invoice row 2 (shop_id 77, bill_id 'G1'), field 'User' is a string that is not valid text")]
    [InlineData("bill-key", "sandbox_invoice row 2 (shop_id 77, bill_id 'G1'), field 'BillId' is 'G9', not the row's own key")]
    [InlineData("name-twice", "sandbox_invoice row 2 (shop_id 77, bill_id 'G1'), field 'Amount' appears twice in its object")]
    [InlineData("url", "sandbox_notification row 1, field 'Url' is 'notify', not an absolute http or https URL")]
    [InlineData("record-id", "sandbox_notification row 1, field 'Id' is 9, not the row's own id")]
    [InlineData("offset", "sandbox_meta row, field clock_offset_ticks is -1, not an integer from 0 to")]
    [InlineData("single-row-twice", "sandbox_state row 1, field 'Invoices[4]' holds the invoice of shop 77 and bill 'G0' a second time")]
    public async Task Each_check_of_the_load_fails_the_start_naming_the_file_the_row_and_the_field(string edit, string expected)
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        await GoodFileAsync(file.Path, fake, singleRow: edit == "single-row-twice");
        switch (edit)
        {
            case "refund-past":
                EditJson(file.Path, "sandbox_invoice", "G0", json => json["Refunds"]![0]!["Amount"] = 10.01m);
                break;
            case "refund-twice":
                EditJson(file.Path, "sandbox_invoice", "G0", json => json["Refunds"]!.AsArray().Add(json["Refunds"]![0]!.DeepClone()));
                break;
            case "refunds-unpaid":
                EditJson(file.Path, "sandbox_invoice", "G1", json => json["Refunds"] = new JsonArray(new JsonObject
                {
                    ["RefundId"] = "R1", ["Amount"] = 1m, ["SettlesAt"] = "2026-04-01T09:30:00+00:00", ["Status"] = "processing", ["SettlesTo"] = "success",
                }));
                break;
            case "shop-total":
                EditJson(file.Path, "sandbox_invoice", "G1", json => json["Amount"] = decimal.MaxValue);
                EditJson(file.Path, "sandbox_invoice", "G2", json => json["Amount"] = decimal.MaxValue);
                break;
            case "issued-9999":
                EditJson(file.Path, "sandbox_invoice", "G1", json => json["IssuedAt"] = "9999-12-31T23:00:00+00:00");
                break;
            case "status":
                EditJson(file.Path, "sandbox_invoice", "G1", json => json["Status"] = "PAID");
                break;
            case "surrogate":
                EditJson(file.Path, "sandbox_invoice", "G1", json => json["User"] = Surrogate);
                break;
            case "bill-key":
                EditJson(file.Path, "sandbox_invoice", "G1", json => json["BillId"] = "G9");
                break;
            case "name-twice":
                Execute(file.Path, "UPDATE sandbox_invoice SET json = '{\"Amount\":1,' || substr(json, 2) WHERE bill_id = 'G1'");
                break;
            case "url":
                EditJson(file.Path, "sandbox_notification", null, json => json["Url"] = "notify");
                break;
            case "record-id":
                EditJson(file.Path, "sandbox_notification", null, json => json["Id"] = 9);
                break;
            case "offset":
                Execute(file.Path, "UPDATE sandbox_meta SET clock_offset_ticks = -1");
                break;
            default:
                EditJson(file.Path, "sandbox_state", null, json => json["Invoices"]!.AsArray().Add(json["Invoices"]!.AsArray().First(i => (string)i!["BillId"]! == "G0")!.DeepClone()));
                break;
        }

        using var started = await Started.StartAsync(file.Path, fake, 33);
        var error = Assert.IsType<InvalidDataException>(started.Error);
        Assert.StartsWith($"The data file '{file.Path}' cannot be read as a sandbox data file: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.IsType<Persistence.DataFileException>(error.InnerException);
        Assert.Empty(started.Ledger.Export());
    }

    /// <summary>Rewrites the JSON of one row (an invoice by bill id, else the table's only or first row).</summary>
    private static void EditJson(string path, string table, string? bill, Action<JsonNode> edit)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var where = bill is null ? "rowid = (SELECT min(rowid) FROM " + table + ")" : "bill_id = '" + bill + "'";
        var json = JsonNode.Parse((string)Query(connection, $"SELECT json FROM {table} WHERE {where}").Single()[0])!;
        edit(json);
        Update(connection, $"UPDATE {table} SET json = $value WHERE {where}", json.ToJsonString().Replace(Surrogate, "\\ud800", StringComparison.Ordinal));
    }
}
