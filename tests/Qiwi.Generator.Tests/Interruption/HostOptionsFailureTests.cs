using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.Interruption;

/// <summary>
/// The host's options failing for one additional file (its item metadata cannot be read): before, the exception left the
/// generator (CS8785) and the driver dropped every file of every spec of the project. Now a file that looks like a spec
/// by its name (qiwi*.yaml, qiwi*.yml) is refused with QIWI9999 naming the exception, any other file is not taken,
/// and the project's other specs generate as they would alone.
/// </summary>
public sealed class HostOptionsFailureTests
{
    private const string Other = "/project/qiwi-other.yaml";

    [Theory]
    [InlineData("/project/qiwi-broken.yaml", true)]
    [InlineData("/project/QIWI-broken.yml", true)]
    [InlineData("/project/notes.txt", false)]
    public void Options_that_throw_for_one_file_cost_that_file_only(string brokenPath, bool looksLikeSpec)
    {
        var alone = new GeneratorHarness(new[] { new TestAdditionalText(Other, MiniSpec.Text) });
        var expected = RunFingerprint.Of(alone.Run());

        var harness = new GeneratorHarness(new AdditionalText[] { new TestAdditionalText(Other, MiniSpec.Text), new TestAdditionalText(brokenPath, MiniSpec.Text) });
        var driver = harness.Driver.WithUpdatedAnalyzerConfigOptions(new ThrowingFor(brokenPath));
        driver = driver.RunGeneratorsAndUpdateCompilation(harness.Compilation, out _, out _);
        var result = driver.GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Id == "CS8785");
        var broken = result.Diagnostics.Where(d => d.Location.GetLineSpan().Path == brokenPath).ToList();
        if (looksLikeSpec)
        {
            var error = Assert.Single(broken);
            Assert.Equal("QIWI9999", error.Id);
            Assert.Contains("IOException", error.GetMessage(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(broken);
        }

        var others = result.Diagnostics.Where(d => d.Location.GetLineSpan().Path != brokenPath).ToList();
        var fingerprint = RunFingerprint.Of(result);
        Assert.Equal(expected, broken.Count == 0 ? fingerprint : fingerprint.Replace(string.Concat(broken.Select(Line)), string.Empty, StringComparison.Ordinal));
        Assert.Equal(alone.Run().Diagnostics.Length, others.Count);
    }

    private static string Line(Diagnostic diagnostic) => diagnostic.Id + " " + diagnostic.Location.GetLineSpan() + " " + diagnostic.GetMessage() + "\n";

    /// <summary>Options with the project's root namespace, whose per-file options throw for one path.</summary>
    private sealed class ThrowingFor(string path) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => new Options(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Demo" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => textFile.Path == path ? throw new IOException("the .editorconfig could not be read") : new Options(new Dictionary<string, string>());

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
