using System.Collections.Concurrent;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Parsing;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="Naming"/>'s names built in a per-thread buffer (hint names among them, and a name without its '@' escape) (and <see cref="Naming.ToPascalCase"/>'s shortcut for a
/// name already PascalCased) against the simple string code they replaced, on seeded random names: separators,
/// digits, letters whose case mapping is unusual ('ß', 'ǅ', 'ı', 'İ'), lengths across the buffer's kept size, and
/// workers on four threads at once.
/// </summary>
public sealed class NamingDifferentialTests
{
    private const string Alphabet = "aZbY09_-. /äÄßǅıİ";

    [Fact]
    public void Names_are_the_ones_the_string_code_builds_on_racing_threads()
    {
        var failures = new ConcurrentQueue<string>();
        var threads = Enumerable.Range(0, 4).Select(worker => new Thread(() =>
        {
            var random = new Random(5150 + worker);
            for (var i = 0; i < 4000 && failures.IsEmpty; i++)
            {
                var length = random.Next(8) == 0 ? random.Next(1000, 1100) : random.Next(0, 24);
                var name = new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
                Check(failures, "ToPascalCase", name, Naming.ToPascalCase(name), PascalCase(name));
                Check(failures, "ToParameterName", name, Naming.ToParameterName(name), ParameterName(name));
                var escaped = random.Next(3) == 0 ? new string('@', random.Next(1, 3)) + name : name;
                Check(failures, "WithoutAt", escaped, Naming.WithoutAt(escaped), escaped.TrimStart('@'));
                Check(failures, "TextLocal", escaped, Naming.TextLocal(escaped), escaped.TrimStart('@') + "Text");
                var part = random.Next(3) == 0 ? null : name.Substring(0, random.Next(name.Length + 1));
                var ns = random.Next(4) == 0 ? string.Empty : "Qiwi.Generated" + name.Substring(0, Math.Min(3, name.Length));
                Check(failures, "HintName", name, Naming.HintName(ns, name, part), ns + "." + name + (part is null ? string.Empty : "." + part) + ".g.cs");
                if (name.Length > 0)
                {
                    Check(failures, "Local", name, Naming.Local(name), "_" + char.ToLowerInvariant(name[0]) + name.Substring(1));
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
    }

    private static void Check(ConcurrentQueue<string> failures, string what, string name, string actual, string expected)
    {
        if (actual != expected)
        {
            failures.Enqueue(what + "('" + name + "') is '" + actual + "', not '" + expected + "'");
        }
    }

    private static string PascalCase(string wireName)
    {
        var builder = new StringBuilder(wireName.Length);
        var startOfPart = true;
        foreach (var c in wireName)
        {
            if (c is '_' or '-' or '.' or ' ' or '/')
            {
                startOfPart = true;
                continue;
            }

            builder.Append(startOfPart ? char.ToUpperInvariant(c) : c);
            startOfPart = false;
        }

        return builder.ToString();
    }

    private static string ParameterName(string pascalName)
    {
        if (pascalName.Length == 0)
        {
            return pascalName;
        }

        var camel = char.ToLowerInvariant(pascalName[0]) + pascalName.Substring(1);
        return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None ? "@" + camel : camel;
    }
}
