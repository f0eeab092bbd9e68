namespace Qiwi.Samples.Tests;

/// <summary>The repository's root and the configuration these tests were built in.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: the samples were built alongside the tests, in the same configuration.</summary>
    public static string Configuration => AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

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
