using System.Text;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam.Build;

/// <summary>
/// What a newcomer's projects meet with the package, in one real `dotnet build -m` of a two-project solution with the
/// compiler server on: a project folder with spaces, non-ASCII letters, #, $, ', @ and %; a project named my-app
/// (RootNamespace no namespace) with the spec picked up by itself; the same spec saved as UTF-16, Latin-1, with a
/// BOM, CRLF and CR line ends; metadata with spaces around it; a second spec in the same namespace; an empty file, a
/// directory and a missing file listed as specs; QiwiSpec="yes"; and a net8.0 project on C# 10. Every problem must be
/// one QIWI error at its own file, the generator must never crash, and everything else must compile (the program
/// uses each generated client).
/// </summary>
public sealed class HostileProjectTests : IDisposable
{
    private readonly LocalFeed _feed = new("qiwi-build-");

    [Fact]
    public void A_solution_of_hostile_projects_builds_in_parallel_with_only_QIWI_errors_at_their_files()
    {
        var root = Path.Combine(_feed.Work, "dir ü #$'@%");
        var app = Path.Combine(root, "my-app");
        var old = Path.Combine(root, "Old");
        Directory.CreateDirectory(Path.Combine(app, "specs"));
        Directory.CreateDirectory(Path.Combine(app, "qiwi-dir.yaml"));
        Directory.CreateDirectory(old);
        _feed.WriteNugetConfig(root);

        var spec = File.ReadAllText(RepositoryPaths.Spec);
        File.Copy(RepositoryPaths.Spec, Path.Combine(app, "qiwi-pull.yaml"));
        File.Copy(RepositoryPaths.Spec, Path.Combine(app, "specs", "qiwi-same.yaml"));
        File.WriteAllText(Path.Combine(app, "qiwi-utf16.yaml"), spec, Encoding.Unicode);
        File.WriteAllText(Path.Combine(app, "qiwi-bom.yaml"), spec, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllText(Path.Combine(app, "qiwi-crlf.yaml"), spec.Replace("\n", "\r\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(app, "qiwi-cr.yaml"), spec.Replace("\n", "\r", StringComparison.Ordinal));
        // A byte that is no UTF-8 (é in Latin-1): the compiler falls back to a single-byte encoding.
        File.WriteAllBytes(Path.Combine(app, "qiwi-latin1.yaml"), Encoding.Latin1.GetBytes("# caf\u00e9\n" + spec));
        File.Copy(RepositoryPaths.Spec, Path.Combine(app, "qiwi ü #$'@.yaml"));
        File.WriteAllText(Path.Combine(app, "qiwi-empty.yaml"), string.Empty);
        File.WriteAllText(Path.Combine(app, "notes.yaml"), spec);
        File.WriteAllText(Path.Combine(app, "my-app.csproj"), Project("net10.0", "<Nullable>disable</Nullable>", """
            <AdditionalFiles Include="specs/qiwi-same.yaml" />
            <AdditionalFiles Include="qiwi-utf16.yaml" QiwiNamespace="E.Utf16" />
            <AdditionalFiles Include="qiwi-bom.yaml" QiwiNamespace="E.Bom" />
            <AdditionalFiles Include="qiwi-crlf.yaml" QiwiNamespace="E.Crlf" />
            <AdditionalFiles Include="qiwi-cr.yaml" QiwiNamespace="E.Cr" />
            <AdditionalFiles Include="qiwi-latin1.yaml" QiwiNamespace="E.Latin1" />
            <AdditionalFiles Include="qiwi ü #$'@.yaml" QiwiNamespace="  E.Odd  " QiwiClientName=" Odd " QiwiVisibility=" Internal " QiwiMaxSpecNodes=" 1000000 " />
            <AdditionalFiles Include="qiwi-empty.yaml" QiwiNamespace="E.Empty" />
            <AdditionalFiles Include="qiwi-dir.yaml" QiwiNamespace="E.Dir" />
            <AdditionalFiles Include="missing/qiwi-missing.yaml" QiwiNamespace="E.Missing" />
            <AdditionalFiles Include="notes.yaml" QiwiSpec="yes" QiwiNamespace="E.Notes" />
            """));
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            System.Console.WriteLine(string.Join(" ", new[]
            {
                typeof(my_app.QiwiPullClient), typeof(E.Utf16.QiwiPullClient), typeof(E.Bom.QiwiPullClient), typeof(E.Crlf.QiwiPullClient),
                typeof(E.Cr.QiwiPullClient), typeof(E.Latin1.QiwiPullClient), typeof(E.Odd.OddClient),
            }.Select(t => t.FullName)));
            """);
        File.Copy(RepositoryPaths.Spec, Path.Combine(old, "qiwi-pull.yaml"));
        File.WriteAllText(Path.Combine(old, "Old.csproj"), Project("net8.0", "<LangVersion>10</LangVersion>", string.Empty));
        File.WriteAllText(Path.Combine(old, "Program.cs"), "System.Console.WriteLine(1);\n");
        _feed.Succeeds(root, "dotnet new sln -n Hostile");
        _feed.Succeeds(root, "dotnet sln add my-app/my-app.csproj Old/Old.csproj");

        var (exitCode, output) = _feed.Run(root, "dotnet build -m -p:UseSharedCompilation=true -nodeReuse:false");

        Assert.True(exitCode != 0, output);
        var errors = output.Split('\n').Where(line => line.Contains(": error ", StringComparison.Ordinal) || line.Contains(": warning ", StringComparison.Ordinal))
            .Select(line => line.Trim()).Distinct().ToList();
        string At(string project, string file, string id) => Path.Combine(root, project, file) + "(1,1): error " + id + ": ";
        var expected = new[]
        {
            (At("my-app", "specs/qiwi-same.yaml", "QIWI0011"), "QiwiNamespace = 'my_app' is invalid: the spec "),
            (At("my-app", "qiwi-empty.yaml", "QIWI0001"), "the file is empty"),
            (At("my-app", "qiwi-dir.yaml", "QIWI0001"), "the file could not be read"),
            (At("my-app", "missing/qiwi-missing.yaml", "QIWI0001"), "the file could not be read"),
            (At("my-app", "notes.yaml", "QIWI0011"), "QiwiSpec = 'yes' is invalid"),
            (At("Old", "qiwi-pull.yaml", "QIWI0018"), "The project compiles C# 10.0; the code generated from this spec needs C# 11.0"),
        };
        foreach (var (prefix, message) in expected)
        {
            Assert.True(errors.Any(line => line.StartsWith(prefix + (message.StartsWith("The ", StringComparison.Ordinal) ? message : string.Empty), StringComparison.Ordinal)
                && line.Contains(message, StringComparison.Ordinal)), $"no '{prefix}...{message}' in:\n{string.Join("\n", errors)}");
        }

        // Nothing else: no crashed generator (CS8785, AD0001), no generated code that fails to compile; only the
        // compiler's own word on the two files it could not open.
        var others = errors.Where(line => !expected.Any(e => line.StartsWith(e.Item1, StringComparison.Ordinal))
            && !line.Contains("error CS2001: Source file '" + Path.Combine(app, "missing/qiwi-missing.yaml"), StringComparison.Ordinal)
            && !line.Contains("error CS1504: Source file '" + Path.Combine(app, "qiwi-dir.yaml"), StringComparison.Ordinal)).ToList();
        Assert.True(others.Count == 0, "unexpected:\n" + string.Join("\n", others));
    }

    public void Dispose() => _feed.Dispose();

    private string Project(string framework, string properties, string items) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>{framework}</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Qiwi.Generator" Version="{_feed.Version}" />
            {items}
          </ItemGroup>
        </Project>
        """;
}
