namespace Qiwi.Sandbox.Control;

/// <summary>What the next API requests should suffer (POST /sandbox/control/faults).</summary>
/// <param name="Kind"><c>delay</c>, <c>drop</c> (the connection is aborted), <c>http500</c> (an HTML error page), or <c>resultCode</c>.</param>
/// <param name="DelayMs">For <c>delay</c>: how long (on the sandbox's clock) before the request is handled.</param>
/// <param name="ResultCode">For <c>resultCode</c>: the code to answer (13 or 300, the docs' temporary errors, or any other).</param>
/// <param name="Count">How many requests suffer it.</param>
public sealed record SandboxFault(string Kind, int DelayMs = 0, int ResultCode = 13, int Count = 1);
