using System.Text;

namespace Qiwi.DependencyInjection.Tests.Infrastructure;

/// <summary>Seeded passwords with what configuration text makes hard: '=', ':', quotes, '%', '$', '{', non-ASCII, surrogate pairs.</summary>
internal static class SeededSecrets
{
    private static readonly string[] Pieces = ["a", "Z", "7", "=", ":", "==", "\"", "'", "\\", "%", "%3D", "$", "{", "}", "&", ";", "#", "/", "?", "+", " ", "ü", "Ж", "密", "€", "😀", "\u00A0x"];

    /// <summary>A password of 1 to 12 pieces that does not start or end with white space.</summary>
    public static string Password(Random random)
    {
        var text = new StringBuilder("p");
        var count = random.Next(1, 13);
        for (var i = 0; i < count; i++)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return text.Append('q').ToString();
    }

    /// <summary>An API ID: 1 to 9 digits.</summary>
    public static string ApiId(Random random) => random.Next(1, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
