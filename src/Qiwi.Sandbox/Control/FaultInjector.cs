using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Qiwi.Sandbox.Api;
using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Control;

/// <summary>
/// Queued faults, applied in order to the emulated API's requests (never to checkout or control): before
/// the request is handled, or after the ledger has committed it (the answer is then lost or replaced).
/// </summary>
internal sealed class FaultInjector(TimeProvider time)
{
    private readonly ConcurrentQueue<SandboxFault> _faults = new();

    public void Add(SandboxFault fault)
    {
        if (fault.Kind is not ("delay" or "drop" or "http500" or "resultCode" or "none") || fault.Phase is not ("before" or "after") || fault.Count < 0 || fault.DelayMs < 0)
        {
            throw new ArgumentException("Unknown fault kind or phase (kinds: delay, drop, http500, resultCode, none; phases: before, after).", nameof(fault));
        }

        for (var i = 0; i < fault.Count; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    public void Clear() => _faults.Clear();

    /// <summary>How many requests the queued faults (gaps included) still cover.</summary>
    public int Pending => _faults.Count;

    /// <summary>Runs the request through <paramref name="next"/> with the next fault, if any, applied before or after it.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // No fault queued (the usual case): straight on, without an async state machine.
        return _faults.IsEmpty || !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) ? next(context) : ApplyAsync(context, () => next(context));
    }

    private async Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        if (!_faults.TryDequeue(out var fault) || fault.Kind == "none")
        {
            await next();
            return;
        }

        if (fault.Phase == "before")
        {
            if (fault.Kind == "delay")
            {
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), time, context.RequestAborted);
                await next();
                return;
            }

            await AnswerAsync(context, fault);
            return;
        }

        // After: handle the request with its answer held back, then lose or replace the answer.
        var original = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
        }

        if (fault.Kind == "delay")
        {
            await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), time, context.RequestAborted);
            held.Position = 0;
            await held.CopyToAsync(original, context.RequestAborted);
            return;
        }

        context.Response.Clear();
        await AnswerAsync(context, fault);
    }

    private static async Task AnswerAsync(HttpContext context, SandboxFault fault)
    {
        switch (fault.Kind)
        {
            case "drop":
                context.Abort();
                break;
            case "http500":
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>500 Internal Server Error</h1></body></html>", context.RequestAborted);
                break;
            default:
                await ApiReply.Error(context, (ResultCode)fault.ResultCode).ExecuteAsync(context);
                break;
        }
    }
}
