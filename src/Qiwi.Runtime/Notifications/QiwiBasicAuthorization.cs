using System.Security.Cryptography;
using System.Text;

namespace Qiwi.Runtime;

/// <summary>Checks the Basic authorization of a request QIWI sends (a notification): login and password in constant time.</summary>
public static class QiwiBasicAuthorization
{
    /// <summary>
    /// Whether <paramref name="authorizationHeader"/> (the whole header value, <c>Basic ...</c>) carries exactly
    /// <paramref name="login"/> and <paramref name="password"/>. False for anything absent or malformed.
    /// </summary>
    public static bool Verify(string? authorizationHeader, string login, string password)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(password);
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(authorizationHeader["Basic ".Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes(login + ":" + password);
        return CryptographicOperations.FixedTimeEquals(decoded, expected);
    }
}
