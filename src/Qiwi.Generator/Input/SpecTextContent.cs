using System;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Generator.Input;

/// <summary>The spec's text as one string, made with one copy whatever kind of text the host hands over.</summary>
/// <remarks>
/// The compiler loads an additional file of more than about 40K characters (a spec of 80 KB, say) as a chunked text,
/// whose <c>ToString</c> copies it twice (into a builder of its full size, then into the string): two large-object
/// allocations per spec change, which bring on full collections in a long-lived compiler server. A text backed by one
/// string (small files, texts made from a string) hands that string back from <c>ToString</c> without a copy.
/// </remarks>
internal static class SpecTextContent
{
    private const int Chunk = 4096;

    public static string Of(SourceText text)
    {
        var length = text.Length;
        if (length == 0 || text.GetType().Name == "StringText")
        {
            return text.ToString();
        }

        return Copy(text, length);
    }

    /// <summary>A new string of the text's characters, filled chunk by chunk before anybody else can see it.</summary>
    internal static unsafe string Copy(SourceText text, int length)
    {
        var result = new string('\0', length);
        var chunk = new char[Math.Min(Chunk, length)];
        fixed (char* target = result)
        fixed (char* source = chunk)
        {
            for (var position = 0; position < length; position += chunk.Length)
            {
                var count = Math.Min(chunk.Length, length - position);
                text.CopyTo(position, chunk, 0, count);
                Buffer.MemoryCopy(source, target + position, (long)(length - position) * sizeof(char), (long)count * sizeof(char));
            }
        }

        return result;
    }
}
