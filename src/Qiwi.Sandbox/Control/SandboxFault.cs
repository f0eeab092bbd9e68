namespace Qiwi.Sandbox.Control;

/// <summary>What the next API requests should suffer (POST /sandbox/control/faults).</summary>
/// <param name="Kind"><c>delay</c>, <c>drop</c> (the connection is aborted), <c>http500</c> (an HTML error page), <c>resultCode</c>, or <c>none</c> (the request passes untouched: a gap in a schedule).</param>
/// <param name="DelayMs">For <c>delay</c>: how long (on the sandbox's clock) before the request is handled, or before its answer is sent.</param>
/// <param name="ResultCode">For <c>resultCode</c>: the code to answer (13 or 300, the docs' temporary errors, or any other).</param>
/// <param name="Count">How many requests suffer it.</param>
/// <param name="Phase">
/// <c>before</c> (the default): instead of handling the request. <c>after</c>: the request is handled and
/// its change committed to the ledger, then the answer is lost: dropped, replaced by an HTML 500 or by the
/// result code, or sent late.
/// </param>
public sealed record SandboxFault(string Kind, int DelayMs = 0, int ResultCode = 13, int Count = 1, string Phase = "before");
