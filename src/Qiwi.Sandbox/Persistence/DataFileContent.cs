using Qiwi.Sandbox.Ledger;

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// The rows of a data file as the load collects them, with what they must keep together checked as each is added:
/// one invoice per shop and bill id, one notification record per id (the log is searched by id), and each shop's
/// invoice amounts adding up within a decimal (the ledger keeps each shop's monthly total; the sum over all months
/// bounds every month's). A row that breaks one is a <see cref="DataFileException"/> naming it; so nothing the
/// restore is then given can make it throw.
/// </summary>
internal sealed class DataFileContent
{
    private readonly HashSet<(long Shop, string Bill)> _invoiceKeys = new();
    private readonly Dictionary<long, decimal> _shopTotals = new();
    private readonly HashSet<int> _recordIds = new();

    public List<StoredInvoice> Invoices { get; } = new();

    public List<SandboxStore.StoredNotification> Records { get; } = new();

    /// <summary>Adds an invoice read from <paramref name="row"/> (at <paramref name="field"/> within it, or the row as a whole when null).</summary>
    public void Add(DataFileRow row, string? field, StoredInvoice invoice)
    {
        if (!_invoiceKeys.Add((invoice.ShopId, invoice.BillId)))
        {
            throw row.Bad(field, $"holds the invoice of shop {invoice.ShopId} and bill {DataFileRow.Quote(invoice.BillId)} a second time");
        }

        var total = _shopTotals.GetValueOrDefault(invoice.ShopId);
        _shopTotals[invoice.ShopId] = invoice.Amount <= decimal.MaxValue - total
            ? total + invoice.Amount
            : throw row.Bad(field, $"takes the amounts of shop {invoice.ShopId}'s invoices together past what the ledger's totals hold ({decimal.MaxValue})");
        Invoices.Add(invoice);
    }

    /// <summary>Adds a notification record read from <paramref name="row"/> (at <paramref name="field"/> within it, or the row as a whole when null).</summary>
    public void Add(DataFileRow row, string? field, SandboxStore.StoredNotification record)
    {
        if (!_recordIds.Add(record.Id))
        {
            throw row.Bad(field, $"holds notification record {record.Id} a second time");
        }

        Records.Add(record);
    }
}
