using Microsoft.CodeAnalysis;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// The model step (one SelectMany: a model, or nothing for a spec with diagnostics only) at its edge, in one driver: an
/// edit that breaks the spec takes every generated file away (no stale client left) with only its diagnostic; mending
/// it brings the same files back, text for text. (The mini spec has no webhooks: Split with none is
/// DiagnosticTests.The_mini_spec_is_clean_and_its_code_compiles; a clean spec always has an enum, the result codes.)
/// </summary>
public sealed class SpecBreakAndMendTests
{
    [Fact]
    public void Breaking_the_spec_removes_every_file_with_its_diagnostic_and_mending_it_brings_them_back()
    {
        var spec = new TestAdditionalText(GeneratorHarness.SpecPath, MiniSpec.Text);
        var harness = new GeneratorHarness(new AdditionalText[] { spec });
        var first = harness.Run();
        Assert.Empty(first.Diagnostics);
        var files = first.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.NotEmpty(files);

        var broken = new TestAdditionalText(GeneratorHarness.SpecPath, MiniSpec.Text.Replace("title: Mini", "title: [Mini", StringComparison.Ordinal));
        harness.ReplaceAdditionalText(spec, broken);
        var brokenRun = harness.Run();
        Assert.Null(brokenRun.Exception);
        Assert.Equal("QIWI0001", Assert.Single(brokenRun.Diagnostics).Id);
        Assert.Empty(brokenRun.GeneratedSources);

        harness.ReplaceAdditionalText(broken, new TestAdditionalText(GeneratorHarness.SpecPath, MiniSpec.Text));
        var mended = harness.Run();
        Assert.Empty(mended.Diagnostics);
        Assert.Equal(files, mended.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()));
    }
}
