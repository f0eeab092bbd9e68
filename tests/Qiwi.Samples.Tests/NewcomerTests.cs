using System.Text.RegularExpressions;
using Qiwi.Generator.Tests.Infrastructure;
using Qiwi.Sandbox.Hosting;

namespace Qiwi.Samples.Tests;

/// <summary>
/// Follows the README's quick start as a newcomer would, outside the solution: `dotnet new console` with the
/// README's project name, the packed Qiwi.Generator from a local folder feed, the spec, and the README's own
/// program (read from README.md), built and run against a sandbox.
/// </summary>
public sealed partial class NewcomerTests : IDisposable
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "qiwi-newcomer-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task The_readme_quick_start_works_in_a_brand_new_project()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var commands = CommandLines(readme);
        var projectName = NewProject().Match(readme).Groups[1].Value;
        var program = ProgramBlock().Match(readme).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(projectName), "The README has no `dotnet new console -n <Name>` step.");
        Assert.False(string.IsNullOrEmpty(program), "The README has no quick-start program.");
        Assert.StartsWith("dotnet pack packages.slnf", commands[0], StringComparison.Ordinal);
        Assert.Contains("dotnet add package Qiwi.Generator", commands);

        // Step 1 runs in the clone. --no-build: the solution's build just made these projects, and a second
        // build of them while other test assemblies run would race; -c follows the configuration under test.
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"),
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["QIWI_TOOLKIT"] = Repository.Root,
        };
        Succeeds(Repository.Root, commands[0].Replace("-c Release", "-c " + Repository.Configuration, StringComparison.Ordinal) + " --no-build", environment);

        AssertRealPackages(Path.Combine(Repository.Root, "artifacts", "packages"));

        // Step 2 runs, as written, in an empty folder outside the repository.
        var empty = Path.Combine(_work, "empty");
        Directory.CreateDirectory(empty);
        var script = Path.Combine(_work, "quick-start.sh");
        File.WriteAllText(script, "set -eu\n" + string.Join("\n", commands.Skip(1)) + "\n");
        Succeeds(empty, $"bash '{script}'", environment);
        var project = Path.Combine(empty, projectName);
        Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, "spec", "qiwi-pull.yaml")), File.ReadAllText(Path.Combine(project, "qiwi-pull.yaml")));
        File.WriteAllText(Path.Combine(project, "Program.cs"), program);

        await using var sandbox = await SandboxHost.StartAsync();
        var run = new Dictionary<string, string?>(environment)
        {
            ["QIWI_SANDBOX_URL"] = sandbox.BaseUrl.AbsoluteUri,
            ["QIWI_SHOP_ID"] = sandbox.Shop.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["QIWI_API_ID"] = sandbox.Shop.ApiId,
            ["QIWI_API_PASSWORD"] = sandbox.Shop.ApiPassword,
        };
        var output = Succeeds(project, "dotnet run", run);

        Assert.Contains("Invoice order-42: Waiting, final=False", output, StringComparison.Ordinal);
        // The environment moves the checkout link too: it opens the sandbox's checkout page, not QIWI's.
        Assert.Contains("Pay at " + sandbox.BaseUrl.AbsoluteUri + "form?shop=" + sandbox.Shop.ShopId + "&transaction=order-42", output, StringComparison.Ordinal);
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

    private static string Succeeds(string directory, string command, IReadOnlyDictionary<string, string?> environment)
    {
        var (exitCode, output) = Shell.Run(directory, command, Slow, environment);
        Assert.True(exitCode == 0, $"'{command}' failed ({exitCode}):\n{output}");
        return output;
    }

    /// <summary>Every package: one version, README and licence inside, repository commit, symbols; the generator carries the spec.</summary>
    private static void AssertRealPackages(string feed)
    {
        var expected = new[] { "Qiwi.Runtime", "Qiwi.Generator", "Qiwi.AspNetCore", "Qiwi.Extensions.DependencyInjection" };
        foreach (var id in expected)
        {
            var path = Path.Combine(feed, id + ".0.1.0.nupkg");
            Assert.True(File.Exists(path), $"{path} was not produced by the README's pack command.");
            using var package = System.IO.Compression.ZipFile.OpenRead(path);
            var names = package.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("README.md", names);
            using var reader = new StreamReader(package.GetEntry(id + ".nuspec")!.Open());
            var nuspec = reader.ReadToEnd();
            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
            if (id == "Qiwi.Generator")
            {
                Assert.Contains("build/spec/qiwi-pull.yaml", names);
                Assert.Contains("analyzers/dotnet/cs/Qiwi.Generator.dll", names);
                Assert.Contains("LICENSE", names);
            }
            else
            {
                Assert.Contains("LICENSE", names);
                Assert.Matches("<repository type=\"git\"[^>]* commit=\"[0-9a-f]{40}\"", nuspec);
                Assert.True(File.Exists(Path.Combine(feed, id + ".0.1.0.snupkg")), id + " has no symbol package.");
            }
        }
    }

    /// <summary>The command lines of the README's quick-start block, without comments and blank lines.</summary>
    private static List<string> CommandLines(string readme)
    {
        var block = CommandsBlock().Match(readme).Groups[1].Value;
        return block.Split('\n')
            .Select(line => line.Split(" #", 2)[0].Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
    }

    [GeneratedRegex(@"<!-- quick-start:commands[^>]*-->\s*```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CommandsBlock();

    [GeneratedRegex(@"dotnet new console -n (\w+)")]
    private static partial Regex NewProject();

    [GeneratedRegex(@"<!-- quick-start:program -->\s*```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ProgramBlock();
}
