using Qiwi.Sandbox.Ledger;

namespace Qiwi.Sandbox.Tests.Chaos;

/// <summary>What must hold between what the client reported and what the ledger holds, whatever the faults.</summary>
internal static class ChaosInvariants
{
    public static List<string> Check(IReadOnlyList<ChaosCall> calls, IReadOnlyList<LedgerEntry> ledger)
    {
        var violations = new List<string>();
        var invoices = ledger.ToDictionary(e => e.BillId, StringComparer.Ordinal);
        var byKey = calls.ToLookup(c => (c.Kind, c.BillId, c.RefundId, c.Amount));
        var cancels = calls.Where(c => c.Kind == "cancelBill").ToLookup(c => c.BillId, StringComparer.Ordinal);
        foreach (var invoice in ledger)
        {
            var refunded = invoice.Refunds.Where(r => r.Status != "fail").Sum(r => r.Amount);
            if (refunded > invoice.Amount)
            {
                violations.Add($"{invoice.BillId}: refunds {refunded} exceed the amount {invoice.Amount}");
            }

            if (invoice.Refunds.Select(r => r.RefundId).Distinct(StringComparer.Ordinal).Count() != invoice.Refunds.Count)
            {
                violations.Add($"{invoice.BillId}: a refund id is applied twice");
            }

            CheckReported(violations, byKey[("createBill", invoice.BillId, null, invoice.Amount)].ToList(), $"invoice {invoice.BillId} of {invoice.Amount}");
            if (invoice.Status == "rejected")
            {
                CheckReported(violations, cancels[invoice.BillId].ToList(), $"the cancel of {invoice.BillId}");
            }

            foreach (var refund in invoice.Refunds)
            {
                CheckReported(violations, byKey[("createRefund", invoice.BillId, refund.RefundId, refund.Amount)].ToList(), $"refund {invoice.BillId}/{refund.RefundId} of {refund.Amount}");
            }
        }

        foreach (var call in calls.Where(c => c.Outcome == CallOutcome.Success))
        {
            invoices.TryGetValue(call.BillId, out var invoice);
            var present = call.Kind switch
            {
                "createBill" => invoice?.Amount == call.Amount,
                "cancelBill" => invoice?.Status == "rejected",
                _ => invoice?.Refunds.Any(r => r.RefundId == call.RefundId && r.Amount == call.Amount) == true,
            };
            if (!present)
            {
                violations.Add($"{call.Kind} {call.BillId}/{call.RefundId} of {call.Amount} was reported done but the ledger lacks it");
            }
        }

        return violations;
    }

    /// <summary>Something the ledger holds was asked for by some call, and not every such call was reported as a definite failure.</summary>
    private static void CheckReported(List<string> violations, List<ChaosCall> calls, string what)
    {
        if (calls.Count == 0)
        {
            violations.Add($"{what} is in the ledger, but no call asked for it (applied with another amount?)");
        }
        else if (calls.TrueForAll(c => c.Outcome == CallOutcome.Failed))
        {
            violations.Add($"{what} is in the ledger, but every call for it was reported as failed: {string.Join(", ", calls.Select(c => c.Error))}");
        }
    }
}
