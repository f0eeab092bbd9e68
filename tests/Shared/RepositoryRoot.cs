namespace Qiwi.Testing;

/// <summary>
/// The repository's root folder, found from the test's output folder (not from compile-time paths, which CI
/// maps): the nearest folder above it holding Toolkit.sln. Linked into every test project that reads
/// repository files.
/// </summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> LazyPath = new(Find);

    public static string Path => LazyPath.Value;

    /// <summary>spec/qiwi-pull.yaml of this repository.</summary>
    public static string Spec => System.IO.Path.Combine(Path, "spec", "qiwi-pull.yaml");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Toolkit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Toolkit.sln was not found above " + AppContext.BaseDirectory);
    }
}
