namespace Qiwi.Generator.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's output folder (not from compile-time paths, which CI maps).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Spec => Path.Combine(Root, "spec", "qiwi-pull.yaml");

    public static string SnapshotDirectory => Path.Combine(Root, "tests", "Qiwi.Generator.Tests", "Snapshots");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Toolkit.sln was not found above " + AppContext.BaseDirectory);
    }
}
