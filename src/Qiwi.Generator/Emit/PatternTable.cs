using System.Collections.Generic;

namespace Qiwi.Generator.Emit;

/// <summary>
/// The regular expressions of the spec, one static field per distinct pattern, named after its
/// first user. (The Regex source generator cannot run on generated code, so these are plain fields.)
/// </summary>
internal sealed class PatternTable
{
    private readonly Dictionary<string, string> _fields = new();
    private readonly List<KeyValuePair<string, string>> _order = new();

    public PatternTable(string className) => ClassName = className;

    public string ClassName { get; }

    public bool IsEmpty => _order.Count == 0;

    public string Field(string pattern, string suggestedName)
    {
        if (!_fields.TryGetValue(pattern, out var field))
        {
            field = suggestedName;
            var suffix = 2;
            while (_fields.ContainsValue(field) || field == ClassName)
            {
                field = suggestedName + suffix++;
            }

            _fields[pattern] = field;
            _order.Add(new KeyValuePair<string, string>(field, pattern));
        }

        return ClassName + "." + field;
    }

    /// <summary>OpenAPI patterns are ECMAScript: a final '$' is the very end, where .NET's '$' also allows a trailing newline.</summary>
    private static string ToDotNet(string pattern)
        => pattern.EndsWith("$", System.StringComparison.Ordinal) && !pattern.EndsWith("\\$", System.StringComparison.Ordinal)
            ? pattern.Substring(0, pattern.Length - 1) + "\\z"
            : pattern;

    public string Emit(string ns)
    {
        var writer = new CodeWriter(ns);
        XmlDoc.Summary(writer, "The spec's patterns, compiled once.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open("internal static class " + ClassName);
        foreach (var entry in _order)
        {
            writer.Line("internal static readonly global::System.Text.RegularExpressions.Regex " + entry.Key + " = new(" + CSharp.Literal(ToDotNet(entry.Value)) + ", global::System.Text.RegularExpressions.RegexOptions.CultureInvariant);");
        }

        writer.Close();
        return writer.ToString();
    }
}
