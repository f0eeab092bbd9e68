using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Qiwi.Generator.Tests.Infrastructure;
using Qiwi.Sandbox.Hosting;
using Qiwi.Testing;

namespace Qiwi.Samples.Tests;

/// <summary>
/// The generated client, Qiwi.Runtime and Qiwi.AspNetCore's notification endpoint published as one trimmed native
/// binary (samples/Qiwi.Samples.Aot): the publish must report no trim or AOT warning (any reflection the trimmer cannot
/// see is one), and the binary must complete a payment against a real sandbox, verify a signed notification and
/// refuse one with a bit of its signature flipped, and refuse a bad argument through a regular expression: the
/// parts that behave differently without a JIT (reflection, regular expressions, HMAC, XML and JSON readers).
/// </summary>
public sealed class AotSampleTests
{
    [SkippableFact]
    public async Task The_native_AOT_sample_publishes_without_a_trim_warning_and_completes_a_payment()
    {
        // Native AOT links with the platform's C toolchain (the SDK brings the compiler itself from NuGet).
        Requires.That(
            File.Exists("/usr/bin/clang") || File.Exists("/usr/bin/gcc") || File.Exists("/usr/bin/cc"),
            "native AOT needs a C toolchain to link: install it with `sudo apt-get install -y clang` (or gcc)");
        var output = Path.Combine(Path.GetTempPath(), "qiwi-aot-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The libraries and the generator were built with this test project; only the sample is compiled here.
            var (published, log) = await Task.Run(() => Shell.Run(
                Repository.Root,
                $"dotnet publish samples/Qiwi.Samples.Aot -c {Repository.Configuration} -r {RuntimeInformation.RuntimeIdentifier} -o '{output}' -p:BuildProjectReferences=false",
                TimeSpan.FromMinutes(10)));
            Assert.True(published == 0, log);
            Assert.DoesNotMatch(new Regex(@"warning (IL|AOT)\d+"), log);

            await using var sandbox = await SandboxHost.StartAsync();
            var shop = sandbox.Shop;
            var environment = new Dictionary<string, string?>
            {
                ["QIWI_SHOP_ID"] = shop.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["QIWI_API_ID"] = shop.ApiId,
                ["QIWI_API_PASSWORD"] = shop.ApiPassword,
                ["QIWI_NOTIFICATION_PASSWORD"] = shop.NotificationPassword,
            };
            var (exitCode, run) = await Task.Run(() => Shell.Run(output, $"./Qiwi.Samples.Aot --base-url {sandbox.BaseUrl}", TimeSpan.FromMinutes(2), environment));

            Assert.True(exitCode == 0, run);
            // Compiled ahead of time, not a JIT-compiled program that happens to pass.
            Assert.Contains("Native AOT: True", run, StringComparison.Ordinal);
            var lines = run.Split('\n');
            foreach (var step in new[] { "Create an invoice", "checkout URL", "The payer pays", "signed notification", "Read the status", "Refund 60.00", "Refund 40.01", "without tel:", "one bit off" })
            {
                var line = Assert.Single(lines, l => l.Contains(step, StringComparison.Ordinal));
                Assert.Contains(": ok, ", line, StringComparison.Ordinal);
            }

            Assert.Contains("<result_code>151</result_code>", run, StringComparison.Ordinal);
            Assert.Contains("Every step behaved as the docs say.", run, StringComparison.Ordinal);

            // What the sandbox saw agrees with what the binary printed: one invoice (the refused one never left the
            // binary), paid, and 60.00 of it refunded once.
            using var http = new HttpClient();
            using var bills = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(sandbox.BaseUrl, "sandbox/control/bills")));
            var bill = Assert.Single(bills.RootElement.EnumerateArray());
            Assert.StartsWith("AOT-", bill.GetProperty("bill_id").GetString(), StringComparison.Ordinal);
            Assert.Equal("paid", bill.GetProperty("status").GetString());
            var refund = Assert.Single(bill.GetProperty("refunds").EnumerateArray());
            Assert.Equal(60.00m, refund.GetProperty("amount").GetDecimal());
            Assert.Equal("success", refund.GetProperty("status").GetString());
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
