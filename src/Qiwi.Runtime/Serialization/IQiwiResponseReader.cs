namespace Qiwi.Runtime;

/// <summary>Implemented by generated code, one per response envelope: reads the JSON or XML body.</summary>
/// <typeparam name="TPayload">The payload model.</typeparam>
public interface IQiwiResponseReader<TPayload>
    where TPayload : class
{
    /// <summary>The result code that means success.</summary>
    int SuccessCode { get; }

    /// <summary>Reads a JSON body; may throw on malformed input (the pipeline wraps it).</summary>
    QiwiEnvelope<TPayload> ReadJson(ReadOnlySpan<byte> utf8Json);

    /// <summary>Reads an XML body; may throw on malformed input (the pipeline wraps it).</summary>
    QiwiEnvelope<TPayload> ReadXml(ReadOnlySpan<byte> utf8Xml);
}
