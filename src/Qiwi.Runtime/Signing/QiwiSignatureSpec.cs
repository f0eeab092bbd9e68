namespace Qiwi.Runtime;

/// <summary>
/// How a request is signed (the spec's <c>x-qiwi-signature</c>): an HMAC over field values joined by a
/// separator, keyed with a secret, encoded as hex or Base64.
/// </summary>
public sealed class QiwiSignatureSpec
{
    /// <summary>Creates a signature description.</summary>
    /// <param name="algorithm"><c>HMAC-SHA1</c> or <c>HMAC-SHA256</c>.</param>
    /// <param name="target">The parameter or header that carries the signature.</param>
    /// <param name="fields">The fields signed, in order; null for every field present, sorted by name as PHP's ksort sorts them (<see cref="QiwiKeyOrder"/>).</param>
    /// <param name="optional">Listed fields that may be absent (then left out, separator included).</param>
    /// <param name="separator">What joins the values.</param>
    /// <param name="encoding"><c>hex</c> (lower case) or <c>base64</c>.</param>
    public QiwiSignatureSpec(string algorithm, string target, IReadOnlyList<string>? fields, IReadOnlyList<string> optional, string separator, string encoding)
    {
        if (algorithm is not ("HMAC-SHA1" or "HMAC-SHA256"))
        {
            throw new ArgumentException("The algorithm must be HMAC-SHA1 or HMAC-SHA256.", nameof(algorithm));
        }

        if (encoding is not ("hex" or "base64"))
        {
            throw new ArgumentException("The encoding must be hex or base64.", nameof(encoding));
        }

        Algorithm = algorithm;
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Fields = fields;
        Optional = optional ?? throw new ArgumentNullException(nameof(optional));
        Separator = separator ?? throw new ArgumentNullException(nameof(separator));
        Encoding = encoding;
    }

    /// <summary><c>HMAC-SHA1</c> or <c>HMAC-SHA256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The parameter or header that carries the signature; never signed itself.</summary>
    public string Target { get; }

    /// <summary>The fields signed, in order; null means every field present, sorted by name as PHP's ksort sorts them.</summary>
    public IReadOnlyList<string>? Fields { get; }

    /// <summary>Listed fields that may be absent.</summary>
    public IReadOnlyList<string> Optional { get; }

    /// <summary>What joins the values.</summary>
    public string Separator { get; }

    /// <summary><c>hex</c> or <c>base64</c>.</summary>
    public string Encoding { get; }
}
