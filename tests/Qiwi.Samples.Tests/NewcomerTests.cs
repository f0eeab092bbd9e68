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
        var projectName = NewProject().Match(readme).Groups[1].Value;
        var program = ProgramBlock().Match(readme).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(projectName), "The README has no `dotnet new console -n <Name>` step.");
        Assert.False(string.IsNullOrEmpty(program), "The README has no quick-start program.");
        Assert.Contains("dotnet add package Qiwi.Generator", readme, StringComparison.Ordinal);

        var feed = Path.Combine(_work, "feed");
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"), ["MSBUILDDISABLENODEREUSE"] = "1" };
        foreach (var package in new[] { "src/Qiwi.Runtime", "src/Qiwi.Generator" })
        {
            Succeeds(Repository.Root, $"dotnet pack {package} -c {Repository.Configuration} --no-build -o '{feed}' -p:Version=0.1.0", environment);
        }

        // The newcomer's steps, as the README gives them.
        Directory.CreateDirectory(_work);
        Succeeds(_work, $"dotnet new console -n {projectName} --no-restore", environment);
        var project = Path.Combine(_work, projectName);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        Succeeds(project, "dotnet add package Qiwi.Generator", environment);
        File.Copy(Path.Combine(Repository.Root, "spec", "qiwi-pull.yaml"), Path.Combine(project, "qiwi-pull.yaml"));
        File.WriteAllText(Path.Combine(project, "Program.cs"), program);

        await using var sandbox = await SandboxHost.StartAsync();
        var run = new Dictionary<string, string?>(environment)
        {
            ["QIWI_BASE_URL"] = sandbox.BaseUrl.AbsoluteUri,
            ["QIWI_SHOP_ID"] = sandbox.Shop.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["QIWI_API_ID"] = sandbox.Shop.ApiId,
            ["QIWI_API_PASSWORD"] = sandbox.Shop.ApiPassword,
        };
        var output = Succeeds(project, "dotnet run", run);

        Assert.Contains("Invoice order-42: Waiting, final=False", output, StringComparison.Ordinal);
        Assert.Contains("Pay at https://oplata.qiwi.com/form?shop=" + sandbox.Shop.ShopId + "&transaction=order-42", output, StringComparison.Ordinal);
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

    [GeneratedRegex(@"dotnet new console -n (\w+)")]
    private static partial Regex NewProject();

    [GeneratedRegex(@"<!-- quick-start:program -->\s*```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ProgramBlock();
}
