using System.Text;

namespace Qiwi.Generator;

/// <summary>
/// One builder per thread for a text made of parts that is needed as one string: a doc comment's text in the
/// emitters, a literal block scalar in <see cref="Parsing.FastYamlReader"/>. The parts are copied once into it, then
/// once out. Take it, append, call ToString, and only then take it again (the reader and the emitters never run
/// inside one another, so a thread never holds it twice).
/// </summary>
internal static class Scratch
{
    [System.ThreadStatic]
    private static StringBuilder? t_builder;

    public static StringBuilder Take()
    {
        var builder = t_builder;
        if (builder is null || builder.Capacity > MaxKeptCapacity)
        {
            // A huge text's builder is left to the collector rather than held by the thread.
            return t_builder = new StringBuilder(256);
        }

        return builder.Clear();
    }

    private const int MaxKeptCapacity = 64 * 1024;

    /// <summary>The scratch builder holding the parts, one after the other (a null part is empty).</summary>
    public static StringBuilder Of(string? a, string? b, string? c, string? d = null, string? e = null)
        => Take().Append(a).Append(b).Append(c).Append(d).Append(e);
}
