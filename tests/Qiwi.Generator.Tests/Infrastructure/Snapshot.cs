using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace Qiwi.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot checks in Verify's convention: <c>Snapshots/{name}.verified.cs</c> is committed; on a mismatch
/// <c>{name}.received.cs</c> is written beside it and the test fails with a diff. Set
/// <c>QIWI_ACCEPT_SNAPSHOTS=1</c> to accept (ignored when <c>CI=true</c>: CI never accepts).
/// </summary>
internal static class Snapshot
{
    public static bool Accepting
        => Environment.GetEnvironmentVariable("QIWI_ACCEPT_SNAPSHOTS") == "1"
           && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string VerifiedPath(string name) => Path.Combine(RepositoryPaths.SnapshotDirectory, name + ".verified.cs");

    public static string ReceivedPath(string name) => Path.Combine(RepositoryPaths.SnapshotDirectory, name + ".received.cs");

    public static void Verify(string name, string actual)
    {
        var verified = VerifiedPath(name);
        var received = ReceivedPath(name);
        actual = actual.Replace("\r\n", "\n");
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (Accepting)
        {
            Directory.CreateDirectory(RepositoryPaths.SnapshotDirectory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(RepositoryPaths.SnapshotDirectory);
        File.WriteAllText(received, actual);
        throw new XunitException(expected is null
            ? $"No snapshot {verified}. Review {received} and accept it (QIWI_ACCEPT_SNAPSHOTS=1) if it is right."
            : $"The generated {name} differs from {verified} (received: {received}):\n{Diff(expected, actual)}");
    }

    private static string Diff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual);
        var builder = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < diff.Lines.Count && shown < 80; i++)
        {
            var line = diff.Lines[i];
            if (line.Type == ChangeType.Unchanged)
            {
                continue;
            }

            builder.Append(line.Type == ChangeType.Inserted ? "+ " : line.Type == ChangeType.Deleted ? "- " : "  ")
                .Append(line.Position?.ToString() ?? "?").Append(": ").AppendLine(line.Text);
            shown++;
        }

        return builder.ToString();
    }
}
