using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qiwi.Runtime;
using Qiwi.Samples.Shop.Data;

namespace Qiwi.Samples.Shop.Payments;

/// <summary>
/// Finds what a lost notification or an unclear answer left open and asks QIWI: invoices still waiting past
/// <see cref="ReconciliationOptions.After"/>, orders whose invoice creation had no clear answer, and refunds
/// without a final status. Each is checked again with exponential backoff; statuses go through the same
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
        foreach (var order in await orders.DueAsync(reconciliation.BatchSize, cancellationToken))
        {
            await CheckOrderAsync(order, cancellationToken);
            checkedCount++;
        }

        foreach (var (refund, attempts) in await refunds.DueAsync(reconciliation.BatchSize, cancellationToken))
        {
            if (refund.Status == RefundState.Processing)
            {
                await refunding.PollAsync(refund.OrderId, refund.RefundId, attempts, cancellationToken);
            }
            else
            {
                await refunding.SendAsync(refund.OrderId, refund.RefundId, refund.Amount, attempts, cancellationToken);
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
        string? problem = null;
        try
        {
            var bill = await qiwi.GetBillStatusAsync(order.Id, cancellationToken);
            await orders.ApplyAsync(order.Id, bill.StatusWireValue ?? bill.Status.ToWireValue(), bill.Amount, bill.Currency, "reconciliation", null, cancellationToken);
        }
        catch (QiwiApiException error) when (error.ResultCode == (int)ResultCode.InvoiceNotFound && order.Status == OrderStatus.New)
        {
            // The creation never reached QIWI: issue the invoice now (same id, same data).
            problem = await checkout.IssueInvoiceAsync(order, "reconciliation", cancellationToken);
        }
        catch (QiwiException error)
        {
            problem = order.Status == OrderStatus.New ? ApiErrors.Describe(error) : null;
            LogCheckFailed(logger, order.Id, ApiErrors.Describe(error));
        }

        await orders.RescheduleAsync(order.Id, Backoff.Delay(attempts, reconciliation.FirstDelay, reconciliation.MaxDelay), problem, cancellationToken);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Reconciliation of order {OrderId} got no status: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string orderId, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "A reconciliation pass failed; the next one retries.")]
    private static partial void LogPassFailed(ILogger logger, Exception error);
}
