using System.Diagnostics;

namespace Qiwi.Samples.Tests;

/// <summary>
/// A command left running while the test talks to it (a web app), its output going to a log file as
/// <c>Shell.Run</c> does, with the .NET CLI's messages in English as there; disposing ends it and every process it
/// started.
/// </summary>
internal sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _log = Path.Combine(Path.GetTempPath(), "qiwi-background-" + Guid.NewGuid().ToString("N") + ".log");

    public BackgroundProcess(string workingDirectory, string command, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("/bin/sh", new[] { "-c", "exec " + command + " > '" + _log + "' 2>&1" })
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };

        // As Shell.Run does: a test that reads the build's or the CLI's messages reads them in English on a machine in
        // another language (tr_TR, ru_RU); a test's own environment may still set it.
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        foreach (var (name, value) in environment)
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

        _process = Process.Start(start)!;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What the command has written so far.</summary>
    public string Output()
    {
        using var stream = new FileStream(_log, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
            File.Delete(_log);
        }
    }
}
