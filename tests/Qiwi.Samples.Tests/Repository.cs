namespace Qiwi.Samples.Tests;

/// <summary>The repository's root and the configuration these tests were built in.</summary>
internal static class Repository
{
    public static string Root => Qiwi.Testing.RepositoryRoot.Path;

    /// <summary>Release or Debug: the samples were built alongside the tests, in the same configuration.</summary>
    public static string Configuration => AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
}
