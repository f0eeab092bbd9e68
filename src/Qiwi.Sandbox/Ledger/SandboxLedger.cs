using System.Collections.Concurrent;
using Qiwi.Sandbox.Contract;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Ledger;

/// <summary>
/// The sandbox's state, in memory: invoices and their refunds. Every change to an invoice happens under
/// that invoice's lock, so concurrent requests lose no update and refunds never exceed the amount paid.
/// Time (expiry, refund settlement) comes from the <see cref="TimeProvider"/>, so tests can move it.
/// </summary>
internal sealed partial class SandboxLedger(TimeProvider time, SandboxOptions options)
{
    /// <summary>Invoices expire at the latest this long after they were issued, whatever their lifetime.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(45);

    /// <summary>Mobile commerce: numbers with this prefix belong to no known operator (1019).</summary>
    public const string UnknownOperatorPrefix = "tel:+7000";

    private readonly ConcurrentDictionary<(long Shop, string Bill), SandboxInvoice> _invoices = new();

    /// <summary>Per shop: held while a create checks the monthly limit, enters its invoice and counts it (nothing else is locked meanwhile).</summary>
    private readonly ConcurrentDictionary<long, object> _admission = new();

    /// <summary>Raised, under the invoice's lock, when an invoice reaches a final status (handlers must not block).</summary>
    public event Action<Bill, long>? Finalized;

    public LedgerResult<Bill> Create(SandboxShop shop, string billId, string user, decimal amount, string currency, string comment, DateTimeOffset lifetime, PaySource paySource, string? merchantName)
    {
        // A create of an id the shop already has issues nothing: it gets that invoice, or 215 when it conflicts, whatever
        // the shop's conditions say now. A repeat after a lost answer must not get a final refusal (a currency, an amount
        // bound, a payer or the monthly limit changed since) for an invoice that exists.
        if (_invoices.TryGetValue((shop.ShopId, billId), out var existing))
        {
            return Repeat(existing, user, amount, currency, comment, paySource);
        }

        // The shop's settings, read once: every check below is against this one value, so a patch racing this create is
        // seen whole or not at all (never its minimum with the old maximum, its currencies with the old bounds).
        var settings = shop.Settings;
        if (!Listed(settings.EffectiveCurrencies, currency))
        {
            return LedgerResult<Bill>.Refuse(ResultCode.CurrencyNotAllowed);
        }

        if (amount < settings.MinAmount)
        {
            return LedgerResult<Bill>.Refuse(ResultCode.AmountTooSmall);
        }

        if (amount > settings.MaxAmount)
        {
            return LedgerResult<Bill>.Refuse(ResultCode.AmountTooLarge);
        }

        if (paySource == PaySource.Mobile && user.StartsWith(UnknownOperatorPrefix, StringComparison.Ordinal))
        {
            return LedgerResult<Bill>.Refuse(ResultCode.MobileOperatorUndetermined);
        }

        var now = time.GetUtcNow();
        var (refusal, origin) = Admit(settings, user, amount, currency);
        if (refusal != ResultCode.Success)
        {
            return LedgerResult<Bill>.Refuse(refusal);
        }

        var candidate = new SandboxInvoice
        {
            ShopId = shop.ShopId,
            BillId = billId,
            User = user,
            Amount = amount,
            Currency = currency,
            Comment = comment,
            ExpiresAt = ExpiryOf(lifetime, now),
            PaySource = paySource,
            MerchantName = merchantName,
            IssuedAt = now,
            OriginAmount = origin.Amount,
            OriginCurrency = origin.Currency,
        };
        SandboxInvoice invoice;
        if (settings.MonthlyLimit is not decimal limit)
        {
            // No limit to keep: the invoice is entered and counted (a limit may be set later) without the shop's lock, so
            // creates of a shop without a limit do not queue behind each other. One admitted here while a limit is being
            // set counts as admitted before it.
            invoice = EnterAndCount(candidate);
        }
        else
        {
            // The check of the month's running total and the count of the new invoice in it are one step for the shop:
            // otherwise creates admitted together could each see room for themselves and together pass the limit.
            lock (_admission.GetOrAdd(shop.ShopId, static _ => new object()))
            {
                if (!WithinMonthlyLimit(shop.ShopId, billId, amount, limit, now))
                {
                    return LedgerResult<Bill>.Refuse(ResultCode.MonthlyLimitExceeded);
                }

                invoice = EnterAndCount(candidate);
            }
        }

        if (!ReferenceEquals(invoice, candidate))
        {
            return Repeat(invoice, user, amount, currency, comment, paySource);   // a create of the same id won the race
        }

        Schedule(candidate);
        lock (invoice)
        {
            Refresh(invoice);
            return LedgerResult<Bill>.Ok(invoice.ToBill());
        }
    }

    /// <summary>Enters <paramref name="candidate"/> unless its id is taken (then the invoice holding it); a new one is counted in its month.</summary>
    private SandboxInvoice EnterAndCount(SandboxInvoice candidate)
    {
        var invoice = _invoices.GetOrAdd((candidate.ShopId, candidate.BillId), candidate);
        if (ReferenceEquals(invoice, candidate))
        {
            CountIssued(candidate);
            Changed.Mark((candidate.ShopId, candidate.BillId));
        }

        return invoice;
    }

    /// <summary>The answer to a create of an id the shop already has: the invoice when the create asks for the same one, else 215.</summary>
    private LedgerResult<Bill> Repeat(SandboxInvoice invoice, string user, decimal amount, string currency, string comment, PaySource paySource)
    {
        lock (invoice)
        {
            Refresh(invoice);
            return invoice.SameAs(user, amount, currency, comment, paySource)
                ? LedgerResult<Bill>.Ok(invoice.ToBill())
                : LedgerResult<Bill>.Refuse(ResultCode.InvoiceAlreadyExists);
        }
    }

    public LedgerResult<Bill> Get(long shopId, string billId)
        => With(shopId, billId, invoice => LedgerResult<Bill>.Ok(invoice.ToBill()));

    /// <summary>
    /// Rejects a waiting invoice. A repeat finds it rejected and answers the same as the first (0 and the rejected
    /// invoice, no second notification), as the docs say of invoice operations: two consecutive requests get the same
    /// result code. Paid: 1419; expired or unpaid: 78.
    /// </summary>
    public LedgerResult<Bill> Cancel(long shopId, string billId)
    {
        // A final status never changes, so a refused move to an invoice found rejected afterwards is a repeat
        // (also when two cancels race: one moves it, the other finds it rejected).
        var moved = Move(shopId, billId, BillStatus.Rejected);
        return moved.Value is null && Get(shopId, billId).Value is { Status: BillStatus.Rejected } rejected ? LedgerResult<Bill>.Ok(rejected) : moved;
    }

    /// <summary>Moves a waiting invoice to a final status (the payer paid, declined, or it failed). 1419 when already paid, 78 when final otherwise.</summary>
    public LedgerResult<Bill> Move(long shopId, string billId, BillStatus status)
        => With(shopId, billId, invoice => MoveLocked(invoice, status));

    /// <summary>
    /// Mobile Commerce: the payer's reply SMS. Confirming pays the invoice, declining rejects it; only for an invoice
    /// with <c>pay_source=mobile</c> (78 otherwise), then as <see cref="Move"/> (1419 when already paid, 78 when final
    /// otherwise). The pay source and the move are checked and made under one hold of the invoice's lock.
    /// </summary>
    public LedgerResult<Bill> ReplySms(long shopId, string billId, bool confirm)
        => With(shopId, billId, invoice => invoice.PaySource == PaySource.Mobile
            ? MoveLocked(invoice, confirm ? BillStatus.Paid : BillStatus.Rejected)
            : LedgerResult<Bill>.Refuse(ResultCode.OperationForbidden));

    /// <summary>
    /// The wallet checkout's buttons (Pay, Reject, Fail): as <see cref="Move"/>, but refused with 78 for a Mobile
    /// Commerce invoice, which only the payer's reply SMS decides ([MOBILE]; its page offers no other button).
    /// </summary>
    public LedgerResult<Bill> CheckoutMove(long shopId, string billId, BillStatus status)
        => With(shopId, billId, invoice => invoice.PaySource == PaySource.Mobile
            ? LedgerResult<Bill>.Refuse(ResultCode.OperationForbidden)
            : MoveLocked(invoice, status));

    /// <summary>Moves <paramref name="invoice"/> (its lock held) from waiting to <paramref name="status"/>; 1419 when already paid, 78 when final otherwise.</summary>
    private LedgerResult<Bill> MoveLocked(SandboxInvoice invoice, BillStatus status)
    {
        if (invoice.Status != BillStatus.Waiting)
        {
            return LedgerResult<Bill>.Refuse(invoice.Status == BillStatus.Paid ? ResultCode.BillAlreadyPaid : ResultCode.OperationForbidden);
        }

        invoice.Status = status;
        Changed.Mark((invoice.ShopId, invoice.BillId));
        Finalized?.Invoke(invoice.ToBill(), invoice.ShopId);
        return LedgerResult<Bill>.Ok(invoice.ToBill());
    }

    /// <summary>The invoice and how it is paid, for the checkout page.</summary>
    public (Bill? Bill, PaySource PaySource) Describe(long shopId, string billId)
    {
        var paySource = PaySource.QiwiWallet;
        var result = With(shopId, billId, invoice =>
        {
            paySource = invoice.PaySource;
            return LedgerResult<Bill>.Ok(invoice.ToBill());
        });
        return (result.Value, paySource);
    }

    public LedgerResult<Refund> CreateRefund(long shopId, string billId, string refundId, decimal amount)
        => With<Refund>(shopId, billId, invoice =>
        {
            if (invoice.Status != BillStatus.Paid)
            {
                return LedgerResult<Refund>.Refuse(ResultCode.OperationForbidden);
            }

            if (invoice.Refunds.TryGetValue(refundId, out var existing))
            {
                Settle(invoice, existing);
                return existing.Amount == amount && options.RepeatedRefundId == RepeatedRefundId.ExistingRefund
                    ? LedgerResult<Refund>.Ok(existing.ToRefund())
                    : LedgerResult<Refund>.Refuse(ResultCode.IncorrectData);
            }

            if (amount > invoice.Refundable)
            {
                return LedgerResult<Refund>.Refuse(ResultCode.AmountTooLarge);
            }

            var refund = new SandboxRefund { RefundId = refundId, Amount = amount, SettlesAt = time.GetUtcNow() + options.RefundSettleDelay, SettlesTo = RefundOutcome(shopId) };
            invoice.AddRefund(refund);
            Changed.Mark((invoice.ShopId, invoice.BillId));
            Settle(invoice, refund);
            return LedgerResult<Refund>.Ok(refund.ToRefund());
        });

    public LedgerResult<Refund> GetRefund(long shopId, string billId, string refundId)
        => With<Refund>(shopId, billId, invoice =>
        {
            if (!invoice.Refunds.TryGetValue(refundId, out var refund))
            {
                return LedgerResult<Refund>.Refuse(ResultCode.InvoiceNotFound, RefundNotFound);
            }

            Settle(invoice, refund);
            return LedgerResult<Refund>.Ok(refund.ToRefund());
        });

    /// <summary>Fails a refund that is still processing (the control API); its amount is refundable again.</summary>
    public LedgerResult<Refund> FailRefund(long shopId, string billId, string refundId)
        => With<Refund>(shopId, billId, invoice =>
        {
            if (!invoice.Refunds.TryGetValue(refundId, out var refund))
            {
                return LedgerResult<Refund>.Refuse(ResultCode.InvoiceNotFound, RefundNotFound);
            }

            Settle(invoice, refund);
            if (refund.Status != RefundStatus.Processing)
            {
                return LedgerResult<Refund>.Refuse(ResultCode.OperationForbidden);
            }

            invoice.SetRefundStatus(refund, RefundStatus.Fail);
            Changed.Mark((invoice.ShopId, invoice.BillId));
            return LedgerResult<Refund>.Ok(refund.ToRefund());
        });

    /// <summary>Every invoice with its refunds, for the control API (tests read the whole ledger back).</summary>
    public IReadOnlyList<LedgerEntry> Snapshot()
    {
        var entries = new List<LedgerEntry>();
        foreach (var invoice in _invoices.Values)
        {
            lock (invoice)
            {
                Refresh(invoice);
                var refunds = invoice.Refunds.Values.Select(r =>
                {
                    Settle(invoice, r);
                    return new LedgerRefundEntry(r.RefundId, r.Amount, r.Status.ToWireValue());
                }).ToList();
                entries.Add(new LedgerEntry(invoice.ShopId, invoice.BillId, invoice.Amount, invoice.Status.ToWireValue(), refunds));
            }
        }

        return entries;
    }

    private LedgerResult<Bill> With(long shopId, string billId, Func<SandboxInvoice, LedgerResult<Bill>> action) => With<Bill>(shopId, billId, action);

    private LedgerResult<T> With<T>(long shopId, string billId, Func<SandboxInvoice, LedgerResult<T>> action)
        where T : class
    {
        if (!_invoices.TryGetValue((shopId, billId), out var invoice))
        {
            return LedgerResult<T>.Refuse(ResultCode.InvoiceNotFound);
        }

        lock (invoice)
        {
            Refresh(invoice);
            return action(invoice);
        }
    }

    /// <summary>
    /// When an invoice issued <paramref name="now"/> with <paramref name="lifetime"/> expires: at its lifetime, at most
    /// <see cref="MaxLifetime"/> after issue, and at issue when the lifetime has passed (an invoice expired at once
    /// either way; kept as its issue, not as a lifetime of year 1, so the data file, which holds instants from 1970,
    /// can hold it: found by ClockAttackTests, a restart refused the file).
    /// </summary>
    internal static DateTimeOffset ExpiryOf(DateTimeOffset lifetime, DateTimeOffset now)
        => lifetime <= now ? now : lifetime < now + MaxLifetime ? lifetime : now + MaxLifetime;

    /// <summary>Whether <paramref name="value"/> is in <paramref name="list"/> (ordinal; a loop, not LINQ: this is on every create).</summary>
    private static bool Listed(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void Refresh(SandboxInvoice invoice)
    {
        if (invoice.Status == BillStatus.Waiting && time.GetUtcNow() >= invoice.ExpiresAt)
        {
            invoice.Status = BillStatus.Expired;
            Changed.Mark((invoice.ShopId, invoice.BillId));
            Finalized?.Invoke(invoice.ToBill(), invoice.ShopId);
        }
    }

    private void Settle(SandboxInvoice invoice, SandboxRefund refund)
    {
        if (refund.Status == RefundStatus.Processing && refund.SettlesTo is { } outcome && time.GetUtcNow() >= refund.SettlesAt)
        {
            invoice.SetRefundStatus(refund, outcome);
            Changed.Mark((invoice.ShopId, invoice.BillId));
        }
    }
}
