using System.Diagnostics;

namespace Qiwi.Generator.Tests.Infrastructure;

/// <summary>
/// Runs a command with its output going to a log file, not a pipe: a compiler server or build node
/// started by the command would otherwise keep the pipe open and hang the test.
/// </summary>
internal static class Shell
{
    public static (int ExitCode, string Output) Run(string workingDirectory, string command, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var log = Path.Combine(Path.GetTempPath(), "qiwi-shell-" + Guid.NewGuid().ToString("N") + ".log");
        var start = new ProcessStartInfo("/bin/sh", new[] { "-c", "exec " + command + " > '" + log + "' 2>&1" })
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };

        // The tests read the compiler's and MSBuild's messages in English: on a machine in another language (tr_TR,
        // ru_RU) the .NET CLI would translate them.
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish within {timeout}: {ReadAndDelete(log)}");
        }

        return (process.ExitCode, ReadAndDelete(log));
    }

    private static string ReadAndDelete(string log)
    {
        var text = File.Exists(log) ? File.ReadAllText(log) : string.Empty;
        File.Delete(log);
        return text;
    }
}
