using System.Globalization;
using Microsoft.Extensions.Options;
using Qiwi.Runtime;
using Qiwi.Samples.Shop.Data;

namespace Qiwi.Samples.Shop.Payments;

/// <summary>What a refund request gave: the stored refund (if one was made) and a readable message.</summary>
public sealed record RefundOutcome(bool Succeeded, string Message, RefundRecord? Refund);

/// <summary>
/// Refunds of a paid order, several per order, any amount up to what is left. QIWI is the authority on what
/// is left (a refund made elsewhere counts too): an over-refund is sent and its 242 shown. Each refund's id is
/// generated and stored before the call; an unclear answer leaves it for reconciliation, which repeats the same id.
/// </summary>
public sealed class Refunding(OrderRepository orders, RefundRepository refunds, IQiwiPullClient qiwi, IOptions<ShopOptions> options)
{
    /// <summary>Refunds <paramref name="amountText"/> RUB (as typed: <c>500</c>, <c>500.50</c>) of an order.</summary>
    public async Task<RefundOutcome> RefundAsync(string orderId, string? amountText, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        if (order is null)
        {
            return new RefundOutcome(false, $"There is no order {orderId}.", null);
        }

        if (order.Status != OrderStatus.Paid)
        {
            return new RefundOutcome(false, $"Order {orderId} is {order.Status}; only a paid order can be refunded.", null);
        }

        if (!decimal.TryParse(amountText?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            return new RefundOutcome(false, "Enter the amount to refund in RUB, greater than 0, with at most two decimals (e.g. 500 or 500.50).", null);
        }

        if (amount > order.Amount)
        {
            return new RefundOutcome(false, $"{Money(amount)} is more than the whole order ({Money(order.Amount)}).", null);
        }

        string refundId;
        do
        {
            refundId = Ids.NewRefundId();
        }
        while (!await refunds.TryInsertAsync(orderId, refundId, (long)(amount * 100), options.Value.Reconciliation.FirstDelay, cancellationToken));

        var message = await SendAsync(orderId, refundId, amount, attempt: 0, cancellationToken);
        var refund = (await refunds.ListAsync(orderId, cancellationToken)).First(r => r.RefundId == refundId);
        return new RefundOutcome(refund.Status is RefundState.Success or RefundState.Processing, message, refund);
    }

    /// <summary>Sends (or repeats, with the same id) a stored refund and records QIWI's answer; returns a readable message.</summary>
    public async Task<string> SendAsync(string orderId, string refundId, decimal amount, int attempt, CancellationToken cancellationToken)
    {
        var reconciliation = options.Value.Reconciliation;
        try
        {
            var refund = await qiwi.CreateRefundAsync(orderId, refundId, amount, cancellationToken);
            return await RecordAsync(orderId, refund, attempt, cancellationToken);
        }
        catch (QiwiException error)
        {
            var message = ApiErrors.Describe(error);
            var failure = ApiErrors.Classify(error);
            if (failure == CallFailure.Refused)
            {
                // A refusal of this id may be QIWI's answer to a repeat (this stored refund sent before, by a call whose
                // answer was lost or by another node): the docs do not say a repeated refund_id returns the refund. What
                // QIWI has under this id decides; only a refund it does not have is refused.
                var (found, made) = await ReadAsync(orderId, refundId, cancellationToken);
                if (made is not null && made.Amount == amount)
                {
                    return await RecordAsync(orderId, made, attempt, cancellationToken);
                }

                failure = found ? CallFailure.Refused : CallFailure.Ambiguous;
            }

            await refunds.SettleAsync(orderId, refundId, failure == CallFailure.Refused ? RefundState.Refused : RefundState.Unknown, message,
                failure == CallFailure.Refused ? null : Backoff.Delay(attempt, reconciliation.FirstDelay, reconciliation.MaxDelay), cancellationToken);
            return $"Refund {refundId} of {Money(amount)}: " + (failure == CallFailure.Refused ? "refused. " : "not confirmed yet. ") + message;
        }
    }

    /// <summary>Polls a refund that QIWI reported as processing.</summary>
    public async Task PollAsync(string orderId, string refundId, int attempt, CancellationToken cancellationToken)
    {
        var reconciliation = options.Value.Reconciliation;
        try
        {
            var refund = await qiwi.GetRefundStatusAsync(orderId, refundId, cancellationToken);
            await RecordAsync(orderId, refund, attempt, cancellationToken);
        }
        catch (QiwiException error)
        {
            await refunds.SettleAsync(orderId, refundId, RefundState.Processing, ApiErrors.Describe(error), Backoff.Delay(attempt, reconciliation.FirstDelay, reconciliation.MaxDelay), cancellationToken);
        }
    }

    /// <summary>The refund QIWI has under <paramref name="refundId"/>: (true, it), (true, null) when QIWI says it has none, (false, null) when QIWI gave no clear answer.</summary>
    private async Task<(bool Answered, Refund? Refund)> ReadAsync(string orderId, string refundId, CancellationToken cancellationToken)
    {
        try
        {
            return (true, await qiwi.GetRefundStatusAsync(orderId, refundId, cancellationToken));
        }
        catch (QiwiApiException error) when (error.ResultCode == (int)ResultCode.InvoiceNotFound)
        {
            return (true, null);
        }
        catch (QiwiException)
        {
            return (false, null);
        }
    }

    private async Task<string> RecordAsync(string orderId, Refund refund, int attempt, CancellationToken cancellationToken)
    {
        var reconciliation = options.Value.Reconciliation;
        var status = refund.StatusWireValue ?? refund.Status.ToWireValue();
        var final = status is RefundState.Success or RefundState.Fail;
        await refunds.SettleAsync(orderId, refund.RefundId, final ? status : RefundState.Processing, null,
            final ? null : Backoff.Delay(attempt, reconciliation.FirstDelay, reconciliation.MaxDelay), cancellationToken);
        return status switch
        {
            RefundState.Success => $"Refunded {Money(refund.Amount)} (refund {refund.RefundId}).",
            RefundState.Fail => $"Refund {refund.RefundId} of {Money(refund.Amount)} failed at QIWI.",
            _ => $"Refund {refund.RefundId} of {Money(refund.Amount)} is being processed by QIWI.",
        };
    }

    internal static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture) + " RUB";
}
