using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>How a name reaches the generated code from outside the spec.</summary>
public enum Attack
{
    /// <summary>A referenced assembly declares the class <c>Demo.N</c> (the namespace the spec generates into).</summary>
    ReferencedType,

    /// <summary>A referenced assembly declares the namespace <c>Demo.N</c> (a class in it).</summary>
    ReferencedNamespace,

    /// <summary>A referenced assembly declares the class <c>N</c> in the global namespace.</summary>
    ReferencedGlobalType,

    /// <summary>The project says <c>global using N = Other.Thing;</c>.</summary>
    GlobalAlias,

    /// <summary>The project says <c>global using Other.Names;</c>, a namespace with a class <c>N</c>.</summary>
    GlobalUsing,

    /// <summary>The project says <c>global using static Other.Nested;</c>, a class with a nested class <c>N</c>.</summary>
    GlobalUsingStaticType,

    /// <summary>The project says <c>global using static Other.Methods;</c>, a class with static methods <c>N</c> (any argument).</summary>
    GlobalUsingStaticMethod,
}

/// <summary>
/// Names from outside the spec (referenced assemblies, the project's global usings) that meet the generated code, and
/// the check of one attack: the generated code adds no compiler error or warning to the project, or the generator
/// reported a QIWI error at a place in the spec.
/// </summary>
internal static class OutsideAttack
{
    private static readonly ConcurrentDictionary<(Attack, string), MetadataReference> Libraries = new();

    /// <summary>The attacks that put the name into a referenced assembly (the others into the project's own C#).</summary>
    public static bool IsReferenced(Attack attack) => attack is Attack.ReferencedType or Attack.ReferencedNamespace or Attack.ReferencedGlobalType;

    /// <summary>
    /// The names the attacks take, read off the generator's output for <paramref name="spec"/>: every top-level type it
    /// declares; every segment of every <c>global::</c>-qualified name it writes (the namespaces and types of the framework
    /// and the runtime: System, Threading, Task, CancellationToken, Qiwi, QiwiClientOptions, ...); and every identifier it
    /// uses without declaring it (contextual keywords such as <c>var</c> and <c>nameof</c>, which a type or method of that
    /// name in scope takes over).
    /// </summary>
    public static SortedSet<string> Read(string spec)
    {
        var result = GeneratorHarness.ForSpec(spec).Run();
        Assert.Empty(result.Diagnostics);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in result.GeneratedSources.Select(s => s.SyntaxTree.GetRoot()))
        {
            foreach (var node in root.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case BaseTypeDeclarationSyntax type:
                        declared.Add(type.Identifier.ValueText);
                        if (type.Parent is BaseNamespaceDeclarationSyntax)
                        {
                            names.Add(type.Identifier.ValueText);
                        }

                        break;
                    case MethodDeclarationSyntax method:
                        declared.Add(method.Identifier.ValueText);
                        break;
                    case PropertyDeclarationSyntax property:
                        declared.Add(property.Identifier.ValueText);
                        break;
                    case VariableDeclaratorSyntax variable:
                        declared.Add(variable.Identifier.ValueText);
                        break;
                    case ParameterSyntax parameter:
                        declared.Add(parameter.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        declared.Add(designation.Identifier.ValueText);
                        break;
                    case ForEachStatementSyntax loop:
                        declared.Add(loop.Identifier.ValueText);
                        break;
                    case EnumMemberDeclarationSyntax member:
                        declared.Add(member.Identifier.ValueText);
                        break;
                    case AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global" } qualified:
                        foreach (var part in Segments(qualified.Parent))
                        {
                            names.Add(part);
                        }

                        break;
                    case IdentifierNameSyntax identifier when !IsQualified(identifier):
                        used.Add(identifier.Identifier.ValueText);
                        break;
                }
            }
        }

        // What is left is named by nothing the output declares, and found by lookup from the generated code's scope:
        // contextual keywords (var, nameof) and whatever else the emitters write bare.
        used.ExceptWith(declared);
        names.UnionWith(used);
        names.RemoveWhere(n => !SyntaxFacts.IsValidIdentifier(n) || SyntaxFacts.GetKeywordKind(n) != SyntaxKind.None);
        return names;
    }

    /// <summary>True for the right part of a qualified name or member access (found in what is left of it, not by lookup).</summary>
    private static bool IsQualified(IdentifierNameSyntax identifier) => identifier.Parent switch
    {
        QualifiedNameSyntax qualified => qualified.Right == identifier,
        AliasQualifiedNameSyntax => true,
        MemberAccessExpressionSyntax access => access.Name == identifier,
        MemberBindingExpressionSyntax => true,
        NameColonSyntax => true,
        _ => false,
    };

    /// <summary>The identifiers of the outermost name holding <paramref name="node"/>: global::System.Net.Http.HttpClient gives System, Net, Http, HttpClient.</summary>
    private static IEnumerable<string> Segments(SyntaxNode? node)
    {
        while (node?.Parent is QualifiedNameSyntax or MemberAccessExpressionSyntax)
        {
            node = node.Parent;
        }

        return node is null ? Enumerable.Empty<string>() : node.DescendantNodesAndSelf().OfType<SimpleNameSyntax>().Select(n => n.Identifier.ValueText).Where(n => n != "global");
    }

    /// <summary>The project's C# for an attack: the program, and the global using with what it names.</summary>
    public static string ProjectSource(Attack attack, string name)
    {
        const string program = "namespace Demo;\n/// <summary>The consumer.</summary>\npublic static class Program\n{\n    /// <summary>Runs.</summary>\n    public static void Main() { }\n}\n";
        return attack switch
        {
            Attack.GlobalAlias => "global using " + name + " = Other.Thing;\n" + program + "namespace Other\n{\n    /// <summary>A thing.</summary>\n    public sealed class Thing { }\n}\n",
            Attack.GlobalUsing => "global using Other.Names;\n" + program + "namespace Other.Names\n{\n    /// <summary>A class of the name.</summary>\n    public sealed class " + name + " { }\n}\n",
            Attack.GlobalUsingStaticType => "global using static Other.Nested;\n" + program
                + "namespace Other\n{\n    /// <summary>Holds a class.</summary>\n    public static class Nested\n    {\n        /// <summary>A class of the name.</summary>\n        public sealed class " + name + " { }\n    }\n}\n",
            Attack.GlobalUsingStaticMethod => "global using static Other.Methods;\n" + program
                + "namespace Other\n{\n    /// <summary>Holds methods.</summary>\n    public static class Methods\n    {\n        /// <summary>Takes anything.</summary>\n        /// <param name=\"value\">Any.</param>\n        /// <returns>Zero.</returns>\n        public static int "
                + name + "(object? value) => 0;\n\n        /// <summary>Takes nothing.</summary>\n        /// <returns>Zero.</returns>\n        public static int " + name + "() => 0;\n    }\n}\n",
            _ => program,
        };
    }

    /// <summary>The referenced assembly of an attack (none for the project's own).</summary>
    public static MetadataReference? Library(Attack attack, string name)
    {
        if (!IsReferenced(attack))
        {
            return null;
        }

        return Libraries.GetOrAdd((attack, name), key =>
        {
            var source = key.Item1 switch
            {
                Attack.ReferencedType => "namespace Demo { public sealed class " + key.Item2 + " { } }",
                Attack.ReferencedNamespace => "namespace Demo." + key.Item2 + " { public sealed class Inner { } }",
                _ => "public sealed class " + key.Item2 + " { }",
            };
            var library = CSharpCompilation.Create("Outside" + key.Item1 + key.Item2, new[] { CSharpSyntaxTree.ParseText(source) }, GeneratorHarness.References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            var emitted = library.Emit(image);
            Assert.True(emitted.Success, string.Join("; ", emitted.Diagnostics));
            return MetadataReference.CreateFromImage(image.ToArray());
        });
    }

    /// <summary>
    /// Null when the generated code adds no compiler error or warning to the project (beyond those the project has without
    /// it) and the generator reported nothing; "" when it reported a QIWI error and every QIWI diagnostic is at a name in
    /// the spec; otherwise what went wrong.
    /// </summary>
    public static string? Check(string spec, Attack attack, string name)
    {
        var harness = Harness(spec, attack, name);
        var before = harness.Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToHashSet();
        var result = harness.Run();
        if (result.Exception is not null)
        {
            return "exception: " + result.Exception;
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            var span = diagnostic.Location.GetLineSpan();
            // At the file's start only what no name in the spec causes: the namespace itself, or a name the code uses (QIWI0021).
            var atFile = diagnostic.Id == "QIWI0021" || (diagnostic.Id == "QIWI0011" && diagnostic.GetMessage().Contains("a namespace cannot have a type's name", StringComparison.Ordinal));
            if (diagnostic.Id == "QIWI9999" || span.Path != GeneratorHarness.SpecPath || (diagnostic.Location.SourceSpan.IsEmpty && !atFile) || diagnostic.Location.SourceSpan.End > spec.Length)
            {
                return "not at a name in the spec: " + diagnostic;
            }
        }

        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return string.Empty;
        }

        var problems = harness.Output!.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !before.Contains(d.ToString())).ToList();
        return problems.Count == 0 ? (result.Diagnostics.Length == 0 ? null : "warnings only: " + result.Diagnostics[0])
            : problems.Count + " compiler diagnostics without a QIWI error, first: " + problems[0];
    }

    /// <summary>The generator's diagnostics for the attack.</summary>
    public static IReadOnlyList<Diagnostic> Diagnostics(string spec, Attack attack, string name) => Harness(spec, attack, name).Run().Diagnostics;

    /// <summary>The project of the attack (its C#, and its referenced assembly) with the spec.</summary>
    private static GeneratorHarness Harness(string spec, Attack attack, string name)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var project = CSharpSyntaxTree.ParseText(ProjectSource(attack, name), parse, path: "/project/Program.cs");
        var harness = new GeneratorHarness(new[] { new TestAdditionalText(GeneratorHarness.SpecPath, spec) }, syntaxTrees: new[] { project }, documentationMode: DocumentationMode.Diagnose);
        if (Library(attack, name) is { } library)
        {
            harness.ReplaceCompilation(harness.Compilation.AddReferences(library));
        }

        return harness;
    }
}
