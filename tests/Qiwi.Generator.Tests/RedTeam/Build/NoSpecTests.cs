using Microsoft.CodeAnalysis;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam.Build;

/// <summary>
/// A newcomer who skips `dotnet build -t:QiwiAddSpec` (or names a spec payments.yaml without QiwiSpec) used to get
/// only CS0246 on `using Shop;`. An MSBuild build without a spec is now QIWI0020, naming the namespace and the fix.
/// </summary>
public sealed class NoSpecTests
{
    private static readonly Dictionary<string, string> MsBuild = new() { ["ProjectDir"] = "/shop/", ["QiwiGeneratorProps"] = "true" };

    [Fact]
    public void An_MSBuild_build_without_any_additional_file_is_told_that_nothing_is_generated_and_how_to_add_the_spec()
    {
        var result = new GeneratorHarness(Array.Empty<AdditionalText>(), rootNamespace: "Shop", buildProperties: MsBuild).Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("QIWI0020", DiagnosticSeverity.Warning, Location.None), (diagnostic.Id, diagnostic.Severity, diagnostic.Location));
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("nothing is generated into namespace 'Shop'", message, StringComparison.Ordinal);
        Assert.Contains("dotnet build -t:QiwiAddSpec", message, StringComparison.Ordinal);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void A_yaml_file_that_is_not_named_as_a_spec_is_no_spec_and_the_warning_says_what_to_set()
    {
        var result = new GeneratorHarness(new[] { new TestAdditionalText("/shop/specs/payments.yaml", MiniSpec.Text) }, rootNamespace: "Shop", buildProperties: MsBuild).Run();
        Assert.Contains("needs QiwiSpec=\"true\"", Assert.Single(result.Diagnostics, d => d.Id == "QIWI0020").GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_turns_the_warning_off_and_removing_it_brings_the_warning_back()
    {
        var spec = new TestAdditionalText("/shop/qiwi-pull.yaml", MiniSpec.Text);
        var harness = new GeneratorHarness(new[] { spec }, rootNamespace: "Shop", buildProperties: MsBuild);
        var with = harness.Run();
        Assert.Empty(with.Diagnostics);
        Assert.NotEmpty(with.GeneratedSources);

        harness.RemoveAdditionalText(spec);
        Assert.Equal("QIWI0020", Assert.Single(harness.Run().Diagnostics).Id);
    }

    /// <summary>A file refused as a spec has its own error; the project did list a spec, so no QIWI0020 beside it.</summary>
    [Fact]
    public void A_spec_with_an_invalid_QiwiSpec_flag_gets_its_own_error_only()
    {
        const string path = "/shop/payments.yaml";
        var result = new GeneratorHarness(
            new[] { new TestAdditionalText(path, MiniSpec.Text) },
            new Dictionary<string, IReadOnlyDictionary<string, string>> { [path] = new Dictionary<string, string> { ["QiwiSpec"] = "yes" } },
            rootNamespace: "Shop",
            buildProperties: MsBuild).Run();
        Assert.Equal("QIWI0011", Assert.Single(result.Diagnostics).Id);
    }

    /// <summary>A compilation made in code (no ProjectDir: not an MSBuild build) is not warned: it did not choose the generator.</summary>
    [Fact]
    public void A_compilation_outside_MSBuild_without_a_spec_is_not_warned()
        => Assert.Empty(new GeneratorHarness(Array.Empty<AdditionalText>(), rootNamespace: "Shop").Run().Diagnostics);
}
