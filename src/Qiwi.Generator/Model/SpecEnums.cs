namespace Qiwi.Generator.Model;

// Text values of the spec with a fixed meaning become enums where they enter the model (the readers in
// Parsing/); nothing downstream compares their text. SpecText maps each back to the text the runtime takes.

/// <summary>x-qiwi-signature.algorithm.</summary>
internal enum SignatureAlgorithm
{
    HmacSha1,
    HmacSha256,
}

/// <summary>x-qiwi-signature.encoding.</summary>
internal enum SignatureEncoding
{
    Hex,
    Base64,
}

/// <summary>x-qiwi-enum fatal: whether repeating the request can change a result code.</summary>
internal enum Fatality
{
    /// <summary><c>fatal: true</c>: repeating gives the same result.</summary>
    Fatal,

    /// <summary><c>fatal: false</c>: a temporary condition.</summary>
    Temporary,

    /// <summary><c>fatal: unknown</c>: the docs do not say.</summary>
    Unknown,
}

/// <summary>x-qiwi-enum role: what a reply code means to a webhook receiver.</summary>
internal enum ReplyRole
{
    Success,
    InvalidRequest,
    BadPassword,
    BadSignature,
    Failure,
}

/// <summary>x-qiwi-decimal.rounding; the names are the runtime's <c>QiwiRounding</c> members.</summary>
internal enum Rounding
{
    Down,
    Nearest,
}

/// <summary>The spec's text of each value, as the runtime's signature spec takes it.</summary>
internal static class SpecText
{
    public static string Of(SignatureAlgorithm algorithm) => algorithm == SignatureAlgorithm.HmacSha256 ? "HMAC-SHA256" : "HMAC-SHA1";

    public static string Of(SignatureEncoding encoding) => encoding == SignatureEncoding.Hex ? "hex" : "base64";

    /// <summary>Parses the spec's text; null when it is not one of the documented values.</summary>
    public static SignatureAlgorithm? Algorithm(string? text) => text switch
    {
        "HMAC-SHA1" => SignatureAlgorithm.HmacSha1,
        "HMAC-SHA256" => SignatureAlgorithm.HmacSha256,
        _ => null,
    };

    public static SignatureEncoding? Encoding(string? text) => text switch
    {
        "hex" => SignatureEncoding.Hex,
        "base64" => SignatureEncoding.Base64,
        _ => null,
    };

    public static Fatality? Fatal(string? text) => text switch
    {
        "true" => Fatality.Fatal,
        "false" => Fatality.Temporary,
        "unknown" => Fatality.Unknown,
        _ => null,
    };

    public static ReplyRole? Role(string? text) => text switch
    {
        "success" => ReplyRole.Success,
        "invalid-request" => ReplyRole.InvalidRequest,
        "bad-password" => ReplyRole.BadPassword,
        "bad-signature" => ReplyRole.BadSignature,
        "failure" => ReplyRole.Failure,
        _ => null,
    };

    public static Rounding? RoundingOf(string? text) => text switch
    {
        "down" => Rounding.Down,
        "nearest" => Rounding.Nearest,
        _ => null,
    };
}
