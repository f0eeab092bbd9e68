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
        var lines = output.Split('\n');
        foreach (var step in new[] { "Create an invoice", "QIWI Checkout", "pays on the checkout page", "signed notification", "Refund 60.00", "remaining 40.00", "refused with 242", "Mobile Commerce", "confirms by SMS" })
        {
            // Each fact once: no table repeating the log.
            Assert.Single(lines, line => line.Contains(step, StringComparison.Ordinal));
        }

        // Redirected output is not wrapped: the checkout URL stands whole on its line, ready to copy.
        var checkout = Assert.Single(lines, line => line.Contains("QIWI Checkout", StringComparison.Ordinal));
        Assert.Matches(@"http://127\.0\.0\.1:\d+/form\?shop=\d+&transaction=ORDER-\d+&successUrl=\S+&failUrl=https%3A%2F%2Fshop\.example%2Ffail\s*$", checkout);
        Assert.DoesNotContain('\u001b', output);

        Assert.Contains("Every step behaved as the docs say.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }
}
