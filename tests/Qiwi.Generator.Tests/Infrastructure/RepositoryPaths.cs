namespace Qiwi.Generator.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's output folder (not from compile-time paths, which CI maps).</summary>
internal static class RepositoryPaths
{
    public static string Root => Qiwi.Testing.RepositoryRoot.Path;

    public static string Spec => Qiwi.Testing.RepositoryRoot.Spec;

    public static string SnapshotDirectory => Path.Combine(Root, "tests", "Qiwi.Generator.Tests", "Snapshots");
}
