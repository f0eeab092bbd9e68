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
    // A compiler's "file(line,col): warning ID: text" and the AOT compiler's "file(line): Trim analysis warning ID: text".
    private static readonly Regex Diagnostic = new(@"^\s*(?<file>[^\s(][^(]*)\((?<line>\d+)(?:,\d+)?\): (?:[A-Za-z]+ analysis )?(?:warning|error) (?<id>[A-Z]+\d+): ", RegexOptions.CultureInvariant);

    // Any diagnostic line at all, with a file or without one ("ILC : Trim analysis warning IL2104: ...", "CSC : error ...").
    private static readonly Regex AnyDiagnostic = new(@"\b(?:warning|error) [A-Z]+\d+:", RegexOptions.CultureInvariant);

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

        // QIWI_AOT_SPECS_PUBLISH=1 (benchmarks/aot-specs.sh): a native AOT publish too, the project an executable whose
        // own assembly is rooted whole, so the AOT compiler compiles every generated method and reports what it sees.
        var publish = Environment.GetEnvironmentVariable("QIWI_AOT_SPECS_PUBLISH") == "1";
        File.WriteAllText(Path.Combine(_work, "Canary.g.cs"), Canary);
        File.WriteAllText(Path.Combine(_work, "AotSpecs.csproj"), Project(items.ToString(), publish));

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        // The libraries and the generator were built with this test project (Qiwi.Extensions.DependencyInjection is an
        // ordering-only reference of it); only the project of specs is compiled here.
        var command = publish ? $"dotnet publish -r {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier} -o out" : "dotnet build";
        var (exitCode, log) = Shell.Run(_work, $"{command} -c {configuration} -p:BuildProjectReferences=false -nodeReuse:false -p:UseSharedCompilation=false", TimeSpan.FromMinutes(30));
        output.WriteLine((publish ? "published natively" : "built") + ", the log's canary lines:\n" + string.Join("\n", log.Split('\n').Where(l => l.Contains("Canary.g.cs", StringComparison.Ordinal)).Distinct()));

        var lines = log.Split('\n').Select(line => line.Trim()).Where(line => AnyDiagnostic.IsMatch(line)).Distinct().ToList();
        var canaries = lines.Where(line => line.Contains("Canary.g.cs(", StringComparison.Ordinal)).Select(line => Diagnostic.Match(line))
            .Select(m => (m.Groups["line"].Value, m.Groups["id"].Value)).Distinct().Select(d => d.Item2).Order(StringComparer.Ordinal).ToList();
        var others = lines.Where(line => !line.Contains("Canary.g.cs(", StringComparison.Ordinal)).Select(line => Explain(line, specs)).ToList();
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
    private static string Explain(string diagnostic, IReadOnlyList<AotSeededSpecs.Accepted> specs)
    {
        if (Diagnostic.Match(diagnostic) is not { Success: true } match)
        {
            return diagnostic;
        }

        var file = match.Groups["file"].Value.Trim();
        var line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
        var spec = Regex.Match(Path.GetFileName(file), @"^Aot\.S(\d+)\.", RegexOptions.CultureInvariant) is { Success: true } m
            ? specs[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)].Origin
            : "(no spec)";
        var source = File.Exists(file) && File.ReadLines(file).Skip(line - 1).FirstOrDefault() is { } l ? l.Trim() : "(file not on disk)";
        return diagnostic + "\n    spec: " + spec + "\n    line: " + source;
    }

    private static string Project(string items, bool publish) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            {(publish ? "<OutputType>Exe</OutputType><PublishAot>true</PublishAot><InvariantGlobalization>true</InvariantGlobalization>" : string.Empty)}
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
            {(publish ? "<TrimmerRootAssembly Include=\"AotSpecs\" />" : string.Empty)}
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
            public static void Main() { }

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
