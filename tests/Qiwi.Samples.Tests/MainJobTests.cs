using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Samples.Tests;

/// <summary>The README's main job runs the whole payment against the embedded sandbox and exits 0.</summary>
public sealed class MainJobTests
{
    [Fact]
    public void The_console_walkthrough_exits_0_and_shows_every_step()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Assert.Contains("dotnet run --project samples/Qiwi.Samples.Console", readme, StringComparison.Ordinal);

        var (exitCode, output) = Shell.Run(Repository.Root, $"dotnet run --project samples/Qiwi.Samples.Console -c {Repository.Configuration} --no-build", TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, output);
        foreach (var step in new[] { "Create an invoice", "QIWI Checkout", "pays on the checkout page", "signed notification", "Refund 60.00", "remaining 40.00", "242", "Mobile Commerce", "confirms by SMS" })
        {
            Assert.Contains(step, output, StringComparison.Ordinal);
        }

        Assert.Contains("Every step behaved as the docs say.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }
}
