using System;
using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// Reports every key that starts with <c>x-qiwi-</c> but is none of the extensions the generator reads
/// (docs/spec-extensions.md): a misspelt extension is otherwise silently ignored, and what it should have set (a
/// client's name, a value's scale) quietly falls back to a default, so the first sign is a compile error far away.
/// </summary>
internal static class UnknownExtensions
{
    private const string Prefix = "x-qiwi-";

    /// <summary>The extensions the generator reads, each documented in docs/spec-extensions.md.</summary>
    internal static readonly string[] Known =
    {
        "x-qiwi-client", "x-qiwi-client-parameter", "x-qiwi-datetime", "x-qiwi-decimal", "x-qiwi-enum", "x-qiwi-envelope",
        "x-qiwi-idempotent", "x-qiwi-name", "x-qiwi-outcome-read", "x-qiwi-redirect", "x-qiwi-signature",
    };

    /// <summary>
    /// Checks a key as the loader makes it (each key of the text once, whatever aliases repeat it; a character compared
    /// for nearly every key): one that starts with <c>x-qiwi-</c> and is not known is reported at <paramref name="span"/>.
    /// </summary>
    public static void Check(string key, SourceSpan span, string filePath, List<DiagnosticInfo> diagnostics)
    {
        if (key.Length >= Prefix.Length && key[0] == 'x' && key.StartsWith(Prefix, StringComparison.Ordinal) && Array.IndexOf(Known, key) < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownExtension, filePath, span, key, Suggestion(key)));
        }
    }

    /// <summary>" (did you mean 'x-qiwi-…'?)" for the known extension nearest the key when it is at most 3 edits away, else empty.</summary>
    internal static string Suggestion(string key)
    {
        var (best, distance) = ((string?)null, 4);
        foreach (var known in Known)
        {
            var d = Distance(key, known, distance);
            if (d < distance)
            {
                (best, distance) = (known, d);
            }
        }

        return best is null ? string.Empty : " (did you mean '" + best + "'?)";
    }

    /// <summary>The edit distance of two texts (insert, delete, replace one character), or <paramref name="cap"/> when it is that or more.</summary>
    private static int Distance(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) >= cap || a.Length > 100)
        {
            return cap;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var replace = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(replace, Math.Min(previous[j], current[j - 1]) + 1);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin >= cap)
            {
                return cap;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], cap);
    }
}
