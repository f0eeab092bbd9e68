namespace Qiwi.Runtime.Tests.Infrastructure;

/// <summary>A reader that fails with the given exception, as a buggy or strict generated reader might.</summary>
internal sealed class ThrowingReader(Func<Exception> exception) : IQiwiResponseReader<TestBill>
{
    public int SuccessCode => 0;

    public QiwiEnvelope<TestBill> ReadJson(ReadOnlySpan<byte> utf8Json) => throw exception();

    public QiwiEnvelope<TestBill> ReadXml(ReadOnlySpan<byte> utf8Xml) => throw exception();
}
