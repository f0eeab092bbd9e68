using System.Text.RegularExpressions;
using Qiwi.Generator.Tests.Infrastructure;
using Qiwi.Sandbox.Hosting;

namespace Qiwi.Samples.Tests;

/// <summary>
/// Follows the README's quick start as a newcomer would, outside the solution: `dotnet new console` with the
/// README's project name, the packed Qiwi.Generator from a local folder feed, the spec, and the README's own
/// program (read from README.md), built and run against a sandbox; and the README's web shop the same way.
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

        var environment = NewcomerEnvironment();
        Pack(commands[0], environment);

        // Step 2 runs, as written, in an empty folder outside the repository.
        var project = RunSteps(commands.Skip(1), projectName, "console", environment);
        Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, "spec", "qiwi-pull.yaml")), File.ReadAllText(Path.Combine(project, "qiwi-pull.yaml")));
        File.WriteAllText(Path.Combine(project, "Program.cs"), program);

        // The README's settings for trying it out are the sandbox's defaults; only its URL is another here (a free port).
        await using var sandbox = await SandboxHost.StartAsync();
        var exported = Exports(readme);
        Assert.Equal(sandbox.Shop.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), exported["QIWI_SHOP_ID"]);
        Assert.Equal(sandbox.Shop.ApiId, exported["QIWI_API_ID"]);
        Assert.Equal(sandbox.Shop.ApiPassword, exported["QIWI_API_PASSWORD"]);
        Assert.Equal("http://127.0.0.1:5080/", exported["QIWI_SANDBOX_URL"]);
        var run = new Dictionary<string, string?>(environment);
        foreach (var (name, value) in exported)
        {
            run[name] = value;
        }

        run["QIWI_SANDBOX_URL"] = sandbox.BaseUrl.AbsoluteUri;
        var output = Succeeds(project, "dotnet run", run);

        Assert.Contains("Invoice order-42: Waiting, final=False", output, StringComparison.Ordinal);
        // The environment moves the checkout link too: it opens the sandbox's checkout page, not QIWI's.
        Assert.Contains("Pay at " + sandbox.BaseUrl.AbsoluteUri + "form?shop=" + sandbox.Shop.ShopId + "&transaction=order-42", output, StringComparison.Ordinal);

        // Forgetting a setting is told as such: the program once turned a missing QIWI_SHOP_ID into 0, which the
        // service refused as "Authorization error (e.g. invalid login/password)".
        run["QIWI_SHOP_ID"] = null;
        var (exitCode, missing) = Shell.Run(project, "dotnet run --no-build", Slow, run);
        Assert.True(exitCode != 0, "The program ran without QIWI_SHOP_ID:\n" + missing);
        Assert.Contains("ShopId is required", missing, StringComparison.Ordinal);
    }

    /// <summary>
    /// The README's web shop: `dotnet new web`, the two further packages, its program as it stands; run against a
    /// sandbox, it issues an invoice through the client from DI, and the sandbox's notification (sent where the
    /// README's PATCH points it) reaches the handler and is answered 0.
    /// </summary>
    [Fact]
    public async Task The_readme_web_shop_issues_an_invoice_and_receives_its_notification()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var commands = CommandLines(readme);
        var projectName = NewProject().Match(readme).Groups[1].Value;
        var program = WebProgramBlock().Match(readme).Groups[1].Value;
        var webCommands = WebCommandsBlock().Match(readme).Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.False(string.IsNullOrEmpty(program), "The README has no web shop program.");
        Assert.Contains("dotnet add package Qiwi.AspNetCore", webCommands);
        Assert.Contains("dotnet add package Qiwi.Extensions.DependencyInjection", webCommands);
        Assert.Contains("dotnet new web -n " + projectName + "` instead of `console`", readme, StringComparison.Ordinal);

        var environment = NewcomerEnvironment();
        Pack(commands[0], environment);
        var project = RunSteps(commands.Skip(1).Concat(webCommands), projectName, "web", environment);
        File.WriteAllText(Path.Combine(project, "Program.cs"), program);
        Succeeds(project, "dotnet build", environment);

        await using var sandbox = await SandboxHost.StartAsync();
        using var control = new HttpClient { BaseAddress = sandbox.BaseUrl };
        var run = new Dictionary<string, string?>(environment)
        {
            ["Qiwi__SandboxBaseUrl"] = sandbox.BaseUrl.AbsoluteUri,
            ["Qiwi__ShopId"] = sandbox.Shop.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Qiwi__ApiId"] = sandbox.Shop.ApiId,
            ["Qiwi__ApiPassword"] = sandbox.Shop.ApiPassword,
            ["Qiwi__NotificationPassword"] = sandbox.Shop.NotificationPassword,
        };
        // Port 0: the app takes a free port itself and says which (a port picked here and freed could be taken meanwhile).
        using var web = new BackgroundProcess(project, "dotnet run --no-build --no-launch-profile --urls http://127.0.0.1:0", run);
        var app = new Uri(await Eventually(web, () => Task.FromResult(ListeningOn().Match(web.Output()) is { Success: true } m ? m.Groups[1].Value + "/" : null)));

        // The README's PATCH, with the app's URL in place of its placeholder.
        var patch = NotificationPatch().Match(readme);
        Assert.True(patch.Success, "The README does not say how to point the sandbox's shop at the app.");
        using (var body = new StringContent(patch.Groups[1].Value.Replace("<your app>", app.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"))
        {
            (await control.PatchAsync(new Uri(patch.Groups[2].Value, UriKind.Absolute).PathAndQuery.TrimStart('/'), body)).EnsureSuccessStatusCode();
        }

        using var shopper = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app, Timeout = TimeSpan.FromSeconds(20) };
        var created = await shopper.PostAsync("orders/web-1", content: null);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(sandbox.BaseUrl.AbsoluteUri + "form?shop=" + sandbox.Shop.ShopId + "&transaction=web-1", created.Headers.Location!.AbsoluteUri);

        (await control.PostAsync($"sandbox/control/bills/{sandbox.Shop.ShopId}/web-1/pay", content: null)).EnsureSuccessStatusCode();
        await Eventually(web, async () =>
        {
            var log = await control.GetStringAsync("sandbox/control/notifications");
            return log.Contains("\"bill_id\":\"web-1\"", StringComparison.Ordinal) && log.Contains("\"result_code\":0", StringComparison.Ordinal) ? log : null;
        });
        // The handler's own log line (the console logger writes it a moment after the handler returned).
        await Eventually(web, () => Task.FromResult(web.Output().Contains("Order web-1: Paid", StringComparison.Ordinal) ? "logged" : null));
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

    private Dictionary<string, string?> NewcomerEnvironment() => new()
    {
        ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"),
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["QIWI_TOOLKIT"] = Repository.Root,
    };

    /// <summary>
    /// Step 1 runs in the clone. --no-build: the solution's build just made these projects, and a second build of
    /// them while other test assemblies run would race; -c follows the configuration under test.
    /// </summary>
    private static void Pack(string command, IReadOnlyDictionary<string, string?> environment)
    {
        Succeeds(Repository.Root, command.Replace("-c Release", "-c " + Repository.Configuration, StringComparison.Ordinal) + " --no-build", environment);
        AssertRealPackages(Path.Combine(Repository.Root, "artifacts", "packages"));
    }

    /// <summary>The README's steps in an empty folder outside the repository, the project made from <paramref name="template"/>; returns the project's folder.</summary>
    private string RunSteps(IEnumerable<string> commands, string projectName, string template, IReadOnlyDictionary<string, string?> environment)
    {
        var empty = Path.Combine(_work, template);
        Directory.CreateDirectory(empty);
        var script = Path.Combine(_work, template + ".sh");
        var lines = commands.Select(line => line.Replace("dotnet new console ", "dotnet new " + template + " ", StringComparison.Ordinal));
        File.WriteAllText(script, "set -eu\n" + string.Join("\n", lines) + "\n");
        Succeeds(empty, $"bash '{script}'", environment);
        return Path.Combine(empty, projectName);
    }

    /// <summary>Asks until <paramref name="probe"/> has an answer (at most a minute), failing at once if the app stopped.</summary>
    private static async Task<T> Eventually<T>(BackgroundProcess app, Func<Task<T?>> probe)
        where T : class
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            Assert.False(app.HasExited, "The web shop stopped:\n" + app.Output());
            if (await probe() is { } answer)
            {
                return answer;
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException("No answer within a minute. The web shop wrote:\n" + app.Output());
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex ListeningOn();

    /// <summary>The variables of the README's `export` line for trying the quick start against the sandbox.</summary>
    private static Dictionary<string, string> Exports(string readme)
    {
        var block = SandboxBlock().Match(readme).Groups[1].Value;
        var export = block.Split('\n').Single(line => line.StartsWith("export ", StringComparison.Ordinal));
        return export["export ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
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

    [GeneratedRegex(@"<!-- quick-start:program[^>]*-->\s*```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ProgramBlock();

    [GeneratedRegex(@"<!-- quick-start:sandbox -->\s*```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SandboxBlock();

    [GeneratedRegex(@"<!-- quick-start:web-commands -->\s*```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex WebCommandsBlock();

    [GeneratedRegex(@"<!-- quick-start:web;[^>]*-->\s*```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex WebProgramBlock();

    [GeneratedRegex(@"curl -X PATCH -H 'Content-Type: application/json' -d '([^']*)' (\S+/sandbox/control/shops/\d+)`")]
    private static partial Regex NotificationPatch();
}
