namespace Qiwi.Runtime.Tests.Infrastructure;

/// <summary>The payload the hand-written <see cref="TestBillReader"/> produces (the generated Bill comes from the spec).</summary>
internal sealed record TestBill(string BillId, decimal? Amount);
