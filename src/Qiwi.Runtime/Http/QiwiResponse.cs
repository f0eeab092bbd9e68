using System.Net;

namespace Qiwi.Runtime;

/// <summary>A response as the transport received it: status, media type and the body's bytes.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ContentType">The media type, without parameters, or null.</param>
/// <param name="Body">The body as received.</param>
public sealed record QiwiResponse(HttpStatusCode StatusCode, string? ContentType, byte[] Body);
