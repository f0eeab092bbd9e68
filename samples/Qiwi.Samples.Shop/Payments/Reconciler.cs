using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qiwi.Runtime;
using Qiwi.Samples.Shop.Data;

namespace Qiwi.Samples.Shop.Payments;

/// <summary>
/// Finds what a lost notification or an unclear answer left open and asks QIWI: invoices still waiting past
/// <see cref="ReconciliationOptions.After"/>, orders whose invoice creation had no clear answer, orders failed on a
/// refusal (until their invoice's expiry plus <see cref="ReconciliationOptions.FailedGrace"/>, or until QIWI says it has
/// no such invoice), and refunds without a final status. Each is checked again with exponential backoff; statuses go through the same
/// exactly-once path as notifications. Each pass also forgets applied-notification keys older than
/// <see cref="ReconciliationOptions.AppliedNotificationRetention"/>. On PostgreSQL one node at a time runs a pass (an advisory lock).
/// </summary>
public sealed partial class Reconciler(
    OrderRepository orders, RefundRepository refunds, Checkout checkout, Refunding refunding, ReconciliationLock gate,
    DbNotificationStore notifications, IQiwiPullClient qiwi, IOptions<ShopOptions> options, ILogger<Reconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconciliation = options.Value.Reconciliation;
        if (!reconciliation.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(reconciliation.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, error);
            }
        }
    }

    /// <summary>Runs one pass if no other node is running one; returns how many items it checked, or null when the lock was held elsewhere.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var held = await gate.TryAcquireAsync(cancellationToken);
        if (held is null)
        {
            return null;
        }

        var reconciliation = options.Value.Reconciliation;
        var checkedCount = 0;
        foreach (var order in await orders.DueAsync(reconciliation.BatchSize, reconciliation.FailedGrace, cancellationToken))
        {
            await CheckOrderAsync(order, cancellationToken);
            checkedCount++;
        }

        foreach (var (refund, attempts) in await refunds.DueAsync(reconciliation.BatchSize, cancellationToken))
        {
            try
            {
                if (refund.Status == RefundState.Processing)
                {
                    await refunding.PollAsync(refund.OrderId, refund.RefundId, attempts, cancellationToken);
                }
                else
                {
                    await refunding.SendAsync(refund.OrderId, refund.RefundId, refund.Amount, attempts, cancellationToken);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // As for an order: this refund waits its backoff (status unchanged), the others go on.
                LogRefundFailed(logger, refund.OrderId, refund.RefundId, error);
                await refunds.SettleAsync(refund.OrderId, refund.RefundId, refund.Status, "Reconciliation failed: " + error.Message,
                    Backoff.Delay(attempts, reconciliation.FirstDelay, reconciliation.MaxDelay), cancellationToken);
            }

            checkedCount++;
        }

        await notifications.PruneAsync(DateTimeOffset.UtcNow - reconciliation.AppliedNotificationRetention, cancellationToken);
        return checkedCount;
    }

    private async Task CheckOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        var reconciliation = options.Value.Reconciliation;
        var attempts = await orders.AttemptsAsync(order.Id, cancellationToken);
        var answer = new Answer(null, false);
        try
        {
            answer = await AskQiwiAsync(order, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Something this order's row makes fail every time (the client refuses a value, the database a write): checked
            // again after its backoff like any other, never in the way of the orders and refunds behind it.
            LogOrderFailed(logger, order.Id, error);
        }

        if (answer.NoInvoice)
        {
            await orders.StopCheckingAsync(order.Id, cancellationToken);
            return;
        }

        await orders.RescheduleAsync(order.Id, Backoff.Delay(attempts, reconciliation.FirstDelay, reconciliation.MaxDelay), answer.Problem, cancellationToken);
    }

    /// <summary>What a check found: the problem to note, and whether QIWI said a failed order has no invoice (its refusal was real).</summary>
    private readonly record struct Answer(string? Problem, bool NoInvoice);

    /// <summary>Reads the order's invoice from QIWI and applies its status (or issues it, when QIWI never got it).</summary>
    private async Task<Answer> AskQiwiAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        try
        {
            var bill = await qiwi.GetBillStatusAsync(order.Id, cancellationToken);
            await orders.ApplyAsync(order.Id, bill.StatusWireValue ?? bill.Status.ToWireValue(), bill.Amount, bill.Currency, "reconciliation", null, cancellationToken);
            return new Answer(null, false);
        }
        catch (QiwiApiException error) when (error.ResultCode == (int)ResultCode.InvoiceNotFound && order.Status == OrderStatus.New)
        {
            // The creation never reached QIWI: issue the invoice now (same id, same data).
            return new Answer(await checkout.IssueInvoiceAsync(order, "reconciliation", cancellationToken), false);
        }
        catch (QiwiApiException error) when (error.ResultCode == (int)ResultCode.InvoiceNotFound && order.Status == OrderStatus.Failed)
        {
            // The refusal was QIWI's last word: there is no invoice to pay.
            return new Answer(null, true);
        }
        catch (QiwiException error)
        {
            LogCheckFailed(logger, order.Id, ApiErrors.Describe(error));
            return new Answer(order.Status == OrderStatus.New ? ApiErrors.Describe(error) : null, false);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Reconciliation of order {OrderId} got no status: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string orderId, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Reconciliation of order {OrderId} failed; it is checked again later, the others go on.")]
    private static partial void LogOrderFailed(ILogger logger, string orderId, Exception error);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "Reconciliation of refund {RefundId} of order {OrderId} failed; it is checked again later, the others go on.")]
    private static partial void LogRefundFailed(ILogger logger, string orderId, string refundId, Exception error);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "A reconciliation pass failed; the next one retries.")]
    private static partial void LogPassFailed(ILogger logger, Exception error);
}
