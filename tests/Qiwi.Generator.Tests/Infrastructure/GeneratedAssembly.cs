using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Qiwi.Generator.Tests.Infrastructure;

/// <summary>
/// The code generated from a spec, compiled with a probe source of the test's own and loaded into a collectible
/// context, so a test can run what was generated (Qiwi.Runtime comes from the test's own context).
/// </summary>
internal static class GeneratedAssembly
{
    /// <summary>Generates from <paramref name="spec"/> (no diagnostic allowed), compiles it with <paramref name="probe"/> and loads it.</summary>
    public static Assembly Load(string spec, string probe)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var harness = new GeneratorHarness(
            new[] { new TestAdditionalText(GeneratorHarness.SpecPath, spec) },
            syntaxTrees: new[] { CSharpSyntaxTree.ParseText(probe, parseOptions) });
        var result = harness.Run();
        Assert.Null(result.Exception);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("; ", result.Diagnostics));
        using var image = new MemoryStream();
        var emitted = harness.Output!.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        image.Position = 0;
        return new AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(image);
    }

    /// <summary>Calls the public static <paramref name="method"/> of <paramref name="type"/>, unwrapping the exception it throws.</summary>
    public static object? Call(this Assembly assembly, string type, string method, params object?[] arguments)
    {
        try
        {
            return assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }
    }
}
