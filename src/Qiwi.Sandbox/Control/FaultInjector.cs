using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Qiwi.Sandbox.Api;
using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Control;

/// <summary>Queued faults, applied in order to the emulated API's requests (never to checkout or control).</summary>
internal sealed class FaultInjector(TimeProvider time)
{
    private readonly ConcurrentQueue<SandboxFault> _faults = new();

    public void Add(SandboxFault fault)
    {
        for (var i = 0; i < fault.Count; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    public void Clear() => _faults.Clear();

    /// <summary>Applies the next fault, if any; returns true when the request has been answered (or dropped).</summary>
    public async Task<bool> ApplyAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || !_faults.TryDequeue(out var fault))
        {
            return false;
        }

        switch (fault.Kind)
        {
            case "delay":
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), time, context.RequestAborted);
                return false;
            case "drop":
                context.Abort();
                return true;
            case "http500":
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>500 Internal Server Error</h1></body></html>", context.RequestAborted);
                return true;
            default:
                await ApiReply.Error(context, (ResultCode)fault.ResultCode).ExecuteAsync(context);
                return true;
        }
    }
}
