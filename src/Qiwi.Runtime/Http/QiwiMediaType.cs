namespace Qiwi.Runtime;

/// <summary>The response format a client asks for with <c>Accept</c>.</summary>
public enum QiwiMediaType
{
    /// <summary><c>application/json</c> (the default).</summary>
    Json,

    /// <summary><c>application/xml</c>.</summary>
    Xml,
}
