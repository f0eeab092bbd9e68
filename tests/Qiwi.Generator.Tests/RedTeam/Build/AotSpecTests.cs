using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Qiwi.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Qiwi.Generator.Tests.RedTeam.Build;

/// <summary>
/// The generator's promise "no reflection" for every spec it accepts, not only for the real one (samples/Qiwi.Samples.Aot):
/// seeded accepted specs (<see cref="AotSeededSpecs"/>), each in its own QiwiNamespace of ONE library project that has
/// IsAotCompatible on (the trim, AOT and single-file analyzers) and warnings as errors, referencing Qiwi.Runtime and
/// Qiwi.Extensions.DependencyInjection (so the registration file is generated too), built for real with `dotnet build`.
/// The build must succeed, and the only trim/AOT diagnostics in its log must be the three canaries the project itself
/// plants, one per analyzer, in a file marked auto-generated: proof that the analyzers ran and look at generated code.
/// QIWI_AOT_SPECS_SCALE=N draws N times as many specs (benchmarks/aot-specs.sh).
/// </summary>
public sealed class AotSpecTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Regex Diagnostic = new(@"^\s*(?<file>[^\s(][^(]*)\((?<line>\d+),\d+\): (?<level>warning|error) (?<id>[A-Z]+\d+): (?<message>.*?)(?: \[[^\]]*\])?$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private readonly string _work = Path.Combine(Path.GetTempPath(), "qiwi-aot-specs-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Code_generated_from_every_seeded_accepted_spec_builds_with_the_trim_and_AOT_analyzers_without_a_warning()
    {
        var scale = int.TryParse(Environment.GetEnvironmentVariable("QIWI_AOT_SPECS_SCALE"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1;
        var specs = AotSeededSpecs.Draw(scale);
        Assert.True(specs.Count >= 40 * scale, "only " + specs.Count + " specs drawn");
        output.WriteLine(specs.Count + " specs: " + string.Join(", ", specs.GroupBy(spec => spec.Origin.Split(' ')[0]).Select(g => g.Count() + " " + g.Key)));
        Directory.CreateDirectory(_work);
        var items = new StringBuilder();
        for (var i = 0; i < specs.Count; i++)
        {
            File.WriteAllText(Path.Combine(_work, "spec" + i + ".yaml"), specs[i].Text);
            items.Append("    <AdditionalFiles Include=\"spec").Append(i).Append(".yaml\" QiwiSpec=\"true\" QiwiNamespace=\"Aot.S").Append(i).Append("\" />\n");
        }

        File.WriteAllText(Path.Combine(_work, "Canary.g.cs"), Canary);
        File.WriteAllText(Path.Combine(_work, "AotSpecs.csproj"), Project(items.ToString()));

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        // The libraries and the generator were built with this test project (Qiwi.Extensions.DependencyInjection is an
        // ordering-only reference of it); only the project of specs is compiled here.
        var (exitCode, log) = Shell.Run(_work, $"dotnet build -c {configuration} -p:BuildProjectReferences=false -nodeReuse:false -p:UseSharedCompilation=false", TimeSpan.FromMinutes(10));

        var found = Diagnostic.Matches(log).Select(m => (File: m.Groups["file"].Value.Trim(), Line: int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture), Id: m.Groups["id"].Value, Text: m.Value.Trim()))
            .Distinct().ToList();
        var canaries = found.Where(d => Path.GetFileName(d.File) == "Canary.g.cs").Select(d => (d.Line, d.Id)).Distinct().Select(d => d.Id).Order(StringComparer.Ordinal).ToList();
        var others = found.Where(d => Path.GetFileName(d.File) != "Canary.g.cs").Select(d => Explain(d.File, d.Line, d.Text, specs)).Distinct().ToList();
        Assert.True(others.Count == 0, others.Count + " diagnostics in code generated from accepted specs:\n" + string.Join("\n\n", others.Take(20)));
        Assert.True(exitCode == 0, log);
        Assert.Equal(new[] { "IL2026", "IL3002", "IL3050" }, canaries);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A diagnostic with the spec its generated file came from (the namespace Aot.S{i} starts the file name) and the offending line.</summary>
    private static string Explain(string file, int line, string text, IReadOnlyList<AotSeededSpecs.Accepted> specs)
    {
        var spec = Regex.Match(Path.GetFileName(file), @"^Aot\.S(\d+)\.", RegexOptions.CultureInvariant) is { Success: true } m
            ? specs[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)].Origin
            : "(no spec)";
        var source = File.Exists(file) && File.ReadLines(file).Skip(line - 1).FirstOrDefault() is { } l ? l.Trim() : "(file not on disk)";
        return text + "\n    spec: " + spec + "\n    line: " + source;
    }

    private static string Project(string items) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <IsAotCompatible>true</IsAotCompatible>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <!-- The canaries' warnings stay warnings (counted by the test); the same IDs anywhere else fail the test. -->
            <WarningsNotAsErrors>IL2026;IL3050;IL3002</WarningsNotAsErrors>
            <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="{Src("Qiwi.Runtime")}" />
            <ProjectReference Include="{Src("Qiwi.Extensions.DependencyInjection")}" />
            <ProjectReference Include="{Src("Qiwi.Generator")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
          </ItemGroup>
          <ItemGroup>
        {items}  </ItemGroup>
          <Import Project="{Path.Combine(RepositoryPaths.Root, "src", "Qiwi.Generator", "build", "Qiwi.Generator.props")}" />
        </Project>
        """;

    private static string Src(string project) => Path.Combine(RepositoryPaths.Root, "src", project, project + ".csproj");

    /// <summary>One call to a method each analyzer warns about, in a file marked generated as the generator's are.</summary>
    private const string Canary = """
        // <auto-generated/>
        using System.Diagnostics.CodeAnalysis;

        namespace Canary;

        public static class Probe
        {
            public static void Run()
            {
                Trim();
                Dynamic();
                Files();
            }

            [RequiresUnreferencedCode("canary")]
            private static void Trim() { }

            [RequiresDynamicCode("canary")]
            private static void Dynamic() { }

            [RequiresAssemblyFiles("canary")]
            private static void Files() { }
        }
        """;
}
