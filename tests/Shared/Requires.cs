namespace Qiwi.Testing;

/// <summary>
/// What a test needs from the machine that NuGet cannot bring: Debian's Chromium, a PostgreSQL server.
/// On a developer's machine without it the test is reported as skipped, with the reason and the install
/// command; in CI (<c>CI=true</c>, where <c>.ci/run</c> installs both) a missing dependency fails the test.
/// Linked into each test project that needs it (see its .csproj); use with <c>[SkippableFact]</c>.
/// </summary>
internal static class Requires
{
    /// <summary>Where Debian's chromium package puts the browser Playwright drives.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The environment variable holding a PostgreSQL connection string for the tests (set by .ci/run).</summary>
    public const string PostgresVariable = "QIWI_TEST_POSTGRES";

    /// <summary>True when running under CI, where every dependency must be present.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, in CI, fails) unless Debian's Chromium is installed; returns its path.</summary>
    public static string Chromium()
    {
        Need(File.Exists(ChromiumPath),
            $"{ChromiumPath} is missing: install Debian's Chromium with `sudo apt-get install -y chromium` (.ci/run does).");
        return ChromiumPath;
    }

    /// <summary>Skips (or, in CI, fails) unless <see cref="PostgresVariable"/> names a server; returns the connection string.</summary>
    public static string PostgreSql()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable);
        Need(!string.IsNullOrWhiteSpace(connectionString),
            $"{PostgresVariable} is not set: install PostgreSQL with `sudo apt-get install -y postgresql` and run "
            + "`bash .ci/postgres.sh start` (it starts a private cluster on loopback and prints the variable to export), as .ci/run does.");
        return connectionString!;
    }

    /// <summary>Skips (or, in CI, fails) unless <paramref name="present"/>; for what a test project knows how to look for.</summary>
    public static void That(bool present, string reason) => Need(present, reason);

    private static void Need(bool present, string reason)
    {
        if (present)
        {
            return;
        }

        if (InCi)
        {
            throw new InvalidOperationException("CI=true, so this dependency is required: " + reason);
        }

        Skip.If(true, reason);
    }
}
