using System.Text;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// Seeded random text made of the pieces the generator's text paths treat specially: every line break C#
/// knows, control characters (some of them whitespace), lone and paired surrogates, XML and Markdown-ish
/// markup, quotes and backslashes, Unicode spaces, and plain letters between them.
/// </summary>
internal static class RandomText
{
    private static readonly string[] Pieces =
    {
        "a", "Bill", " ", "  ", "\n", "\r", "\r\n", "\t", "`", "*", "**", "&", "<", ">", "\"", "\\", "'", "@",
        "<see cref=\"X\"/>", "<see ", "<paramref name=\"y\"/>", "<c>", "</c>", "<para/>", "<para", "`code`",
        "\u0085", "\u2028", "\u2029", "\u0000", "\u0001", "\u000b", "\u000c", "\u001c", "\u001f", "\u007f", "\u0080", "\u009f",
        "\ud800", "\udc00", "\ud83d\ude00", "\u00a0", "\u3000", "\u200b", "\ufeff", "ж", "€", "\u0301",
    };

    /// <summary>A text of 0 to <paramref name="maxPieces"/> pieces.</summary>
    public static string Next(Random random, int maxPieces = 24)
    {
        var builder = new StringBuilder();
        var count = random.Next(maxPieces + 1);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }
}
