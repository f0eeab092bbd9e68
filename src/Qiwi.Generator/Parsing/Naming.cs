using Microsoft.CodeAnalysis.CSharp;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// The only place with naming rules: wire names to C# names (<c>bill_id</c> -> <c>BillId</c> / <c>billId</c>),
/// and every name the generator derives (types, members, parameters, the locals emitters declare, hint
/// names). The parser computes each name once with these, claims it in the <see cref="NameRegistry"/>,
/// and stores it on the model; emitters only read names from the model.
/// </summary>
internal static class Naming
{
    /// <summary>The C# name of a property, parameter or operation: <c>x-qiwi-name</c> when set, else the PascalCased wire name.</summary>
    public static string Member(string wireName, string? csharpName) => csharpName ?? ToPascalCase(wireName);

    public static string ClientInterface(string client) => "I" + client + "Client";

    public static string ClientClass(string client) => client + "Client";

    /// <summary>The options type of the client (derived from the runtime's <c>QiwiClientOptions</c>), holding client-level parameters.</summary>
    public static string ClientOptions(string client) => client + "ClientOptions";

    /// <summary>The client's field holding a client-level parameter (<c>_shopId</c>).</summary>
    public static string ClientField(string propertyName) => Local(propertyName);

    public static string ResultCodes(string client) => client + "ResultCodes";

    public static string Redirects(string client) => client + "Redirects";

    public static string Patterns(string client) => client + "Patterns";

    public static string ServiceCollectionExtensions(string client) => client + "ServiceCollectionExtensions";

    /// <summary>The static class that checks path parameters against the spec's rules (a server reads them).</summary>
    public static string PathChecks(string client) => client + "PathChecks";

    /// <summary>The static class of helpers beside a closed enum.</summary>
    public static string EnumExtensions(string enumName) => enumName + "Extensions";

    /// <summary>The response reader of an envelope type.</summary>
    public static string Reader(string envelopeType) => envelopeType + "Reader";

    public static string Webhook(string name) => name + "Webhook";

    public static string AsyncMethod(string operationName) => operationName + "Async";

    public static string RedirectRecord(string name) => name + "Redirect";

    public static string SignedBuilder(string name) => name + "Signed";

    public static string SignatureProperty(string name) => name + "Signature";

    public static string ParseMethod(string name) => "Parse" + name;

    public static string TryParseMethod(string name) => "TryParse" + name;

    /// <summary>The property beside a string-enum property that keeps the raw wire value.</summary>
    public static string WireValueMember(string propertyName) => propertyName + "WireValue";

    /// <summary>The local a reader declares for a property (<c>_billId</c>).</summary>
    public static string Local(string propertyName)
    {
        var chars = Buffer(propertyName.Length + 1);
        chars[0] = '_';
        chars[1] = char.ToLowerInvariant(propertyName[0]);
        propertyName.CopyTo(1, chars, 2, propertyName.Length - 1);
        return new string(chars, 0, propertyName.Length + 1);
    }

    /// <summary>The local a reader declares for the raw wire text of a string-enum property.</summary>
    public static string WireLocal(string propertyName) => Local(propertyName) + "Wire";

    /// <summary>The <c>out var</c> local a redirect parser reads a parameter's text into.</summary>
    public static string TextLocal(string parameterName) => WithoutAt(parameterName) + "Text";

    /// <summary>
    /// A name without its leading '@'s (the keyword escape): <c>name.TrimStart('@')</c> without the <c>char[]</c>
    /// netstandard2.0's <c>TrimStart(params char[])</c> allocates on every call, and the name itself when it has none.
    /// </summary>
    public static string WithoutAt(string name)
    {
        var start = 0;
        while (start < name.Length && name[start] == '@')
        {
            start++;
        }

        return start == 0 ? name : name.Substring(start);
    }

    /// <summary>The hint name (file name) of a generated type's file, with an optional part (<c>Serialization</c>).</summary>
    /// <remarks>Built in the thread's buffer: one string, where the concatenation made an array of parts and, with a part, a second string.</remarks>
    public static string HintName(string ns, string typeName, string? part = null)
    {
        var length = ns.Length + 1 + typeName.Length + (part is null ? 0 : part.Length + 1) + 5;
        var chars = Buffer(length);
        ns.CopyTo(0, chars, 0, ns.Length);
        var at = ns.Length;
        chars[at++] = '.';
        typeName.CopyTo(0, chars, at, typeName.Length);
        at += typeName.Length;
        if (part is not null)
        {
            chars[at++] = '.';
            part.CopyTo(0, chars, at, part.Length);
            at += part.Length;
        }

        ".g.cs".CopyTo(0, chars, at, 5);
        return new string(chars, 0, length);
    }

    /// <summary>Splits on '_', '-', '.', ' ' and lower-to-upper case changes, and PascalCases the parts.</summary>
    public static string ToPascalCase(string wireName)
    {
        if (IsPascalCase(wireName))
        {
            return wireName; // nothing to change (most operationIds and many wire names): no new string
        }

        var chars = Buffer(wireName.Length);
        var length = 0;
        var startOfPart = true;
        for (var i = 0; i < wireName.Length; i++)
        {
            var c = wireName[i];
            if (IsSeparator(c))
            {
                startOfPart = true;
                continue;
            }

            chars[length++] = startOfPart ? char.ToUpperInvariant(c) : c;
            startOfPart = false;
        }

        return new string(chars, 0, length);
    }

    // A scratch buffer per thread (emitters call these too, on any thread) for the names built character by character.
    [System.ThreadStatic]
    private static char[]? _buffer;

    private static char[] Buffer(int length)
    {
        var buffer = _buffer;
        if (buffer is null || buffer.Length < length)
        {
            buffer = new char[System.Math.Max(length, 64)];
            if (length <= 1024)
            {
                _buffer = buffer; // a huge name is not kept
            }
        }

        return buffer;
    }

    private static bool IsSeparator(char c) => c is '_' or '-' or '.' or ' ' or '/';

    /// <summary>True when <see cref="ToPascalCase"/> would give the name back unchanged: no separator, and a first character that upper-casing keeps.</summary>
    private static bool IsPascalCase(string name)
    {
        if (name.Length == 0 || char.ToUpperInvariant(name[0]) != name[0])
        {
            return false;
        }

        foreach (var c in name)
        {
            if (IsSeparator(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>camelCase of a PascalCase name, escaped with '@' when it is a keyword.</summary>
    public static string ToParameterName(string pascalName)
    {
        if (pascalName.Length == 0)
        {
            return pascalName;
        }

        var chars = Buffer(pascalName.Length);
        pascalName.CopyTo(0, chars, 0, pascalName.Length);
        chars[0] = char.ToLowerInvariant(pascalName[0]);
        var camel = new string(chars, 0, pascalName.Length);
        return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None ? "@" + camel : camel;
    }

    /// <summary>
    /// True for a name usable as a generated type name: an identifier that is not only lower-case ASCII
    /// letters (C# reserves those for future keywords: CS8981, an error under warnings-as-errors, and
    /// <c>record</c>, <c>var</c> or <c>dynamic</c> cannot name a type at all).
    /// </summary>
    public static bool IsValidTypeName(string name) => IsValidIdentifier(name) && !IsLowerAscii(name);

    /// <summary>Why <see cref="IsValidTypeName"/> refused a name, for the diagnostic's message.</summary>
    public static string TypeNameRule(string name)
        => IsValidIdentifier(name) && IsLowerAscii(name) ? " (a type name of only lower-case ASCII letters is reserved by C#; capitalize it)" : string.Empty;

    private static bool IsLowerAscii(string name)
    {
        foreach (var c in name)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a name usable as a type or member name (not a keyword).</summary>
    public static bool IsValidIdentifier(string name)
        => SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;
}
