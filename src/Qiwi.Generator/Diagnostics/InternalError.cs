using System;

namespace Qiwi.Generator.Diagnostics;

/// <summary>The text of QIWI9999: an exception on one line (type, message and stack), so a bug report has what is needed.</summary>
internal static class InternalError
{
    public static string Describe(Exception exception) => OneLine(exception.ToString());

    public static string OneLine(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' ? ' ' : c);
        }

        return builder.ToString();
    }
}
