namespace Qiwi.Generator.Tests.Infrastructure;

/// <summary>
/// The runtime and the generator packed (from what the solution build made, no second build) into a local feed under a
/// fresh work folder, with the environment a consumer's `dotnet` runs in: its own package cache, the compiler server on
/// (the machine turns it off; users have it on), no build nodes left behind.
/// </summary>
internal sealed class LocalFeed : IDisposable
{
    public static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);

    private static string Configuration => AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public LocalFeed(string prefix)
    {
        Work = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..8]);
        Version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(Work, "packages"),
            ["UseSharedCompilation"] = null,
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        foreach (var project in new[] { "src/Qiwi.Runtime", "src/Qiwi.Generator" })
        {
            Succeeds(RepositoryPaths.Root, $"dotnet pack {project} -c {Configuration} --no-build -o '{Feed}' -p:Version={Version}");
        }
    }

    public string Work { get; }

    public string Version { get; }

    public string Feed => Path.Combine(Work, "feed");

    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>A nuget.config in <paramref name="directory"/> that finds the packages in this feed first.</summary>
    public void WriteNugetConfig(string directory)
        => File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

    public (int ExitCode, string Output) Run(string directory, string command) => Shell.Run(directory, command, Slow, Environment);

    public string Succeeds(string directory, string command)
    {
        var (exitCode, output) = Run(directory, command);
        Assert.True(exitCode == 0, $"'{command}' failed ({exitCode}):\n{output}");
        return output;
    }

    public void Dispose()
    {
        Shell.Run(Work, "dotnet build-server shutdown", Slow, Environment);
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
