using Microsoft.CodeAnalysis;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>x-qiwi-client-parameter: a path parameter becomes a setting of the generated client options, or a diagnostic.</summary>
public sealed class ClientParameterTests
{
    private const string Parameter = "        - name: item_id\n          in: path\n          required: true\n";

    [Fact]
    public void A_client_level_path_parameter_is_an_options_setting_and_no_method_takes_it()
    {
        var spec = MiniSpec.Replace(Parameter, Parameter + "          x-qiwi-client-parameter: true\n");
        var harness = GeneratorHarness.ForSpec(spec);

        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        var compilation = harness.Output!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var method = Assert.Single(compilation.GetTypeByMetadataName("Demo.IMiniClient")!.GetMembers("GetItemAsync").OfType<IMethodSymbol>());
        Assert.Equal(["cancellationToken"], method.Parameters.Select(p => p.Name));
        var options = compilation.GetTypeByMetadataName("Demo.MiniClientOptions")!;
        Assert.Equal("Qiwi.Runtime.QiwiClientOptions", options.BaseType!.ToDisplayString());
        var setting = Assert.Single(options.GetMembers("ItemId").OfType<IPropertySymbol>());
        Assert.Equal((SpecialType.System_String, NullableAnnotation.Annotated), (setting.Type.SpecialType, setting.NullableAnnotation));
        var client = result.GeneratedSources.Single(s => s.HintName == "Demo.MiniClient.g.cs").SourceText.ToString();
        Assert.Contains("request.AppendPathSegment(_itemId);", client, StringComparison.Ordinal);
        Assert.Contains("QiwiPayloadChecks.Echo(\"item_id\", payload.ItemId, client._itemId)", client, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_mark_the_parameter_stays_a_method_parameter_and_the_options_have_no_setting()
    {
        var harness = GeneratorHarness.ForSpec(MiniSpec.Text);

        harness.Run();

        var method = Assert.Single(harness.Output!.GetTypeByMetadataName("Demo.IMiniClient")!.GetMembers("GetItemAsync").OfType<IMethodSymbol>());
        Assert.Equal(["itemId", "cancellationToken"], method.Parameters.Select(p => p.Name));
        Assert.Empty(harness.Output!.GetTypeByMetadataName("Demo.MiniClientOptions")!.GetMembers().OfType<IPropertySymbol>());
    }

    [Fact]
    public void QIWI0009_on_a_parameter_that_is_not_in_the_path()
    {
        var header = "        - name: X-Trace\n          in: header\n          x-qiwi-client-parameter: true\n          schema:\n            type: string\n";
        var spec = MiniSpec.Replace(Parameter, header + Parameter);
        var result = GeneratorHarness.ForSpec(spec).Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("QIWI0009", diagnostic.Id);
        Assert.Equal(MiniSpec.LineOf(spec, "x-qiwi-client-parameter"), diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("only a path parameter", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("\"true\"")]
    [InlineData("1")]
    [InlineData("[true]")]
    public void QIWI0009_when_the_mark_is_not_a_boolean_and_the_parameter_stays_a_method_parameter(string value)
    {
        var spec = MiniSpec.Replace(Parameter, Parameter + "          x-qiwi-client-parameter: " + value + "\n");
        var harness = GeneratorHarness.ForSpec(spec);
        var result = harness.Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("QIWI0009", diagnostic.Id);
        Assert.Equal(MiniSpec.LineOf(spec, "x-qiwi-client-parameter"), diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("must be true or false", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var method = Assert.Single(harness.Output!.GetTypeByMetadataName("Demo.IMiniClient")!.GetMembers("GetItemAsync").OfType<IMethodSymbol>());
        Assert.Equal(["itemId", "cancellationToken"], method.Parameters.Select(p => p.Name));
    }

    [Theory]
    [InlineData("ApiId")]
    [InlineData("SandboxBaseUrl")]
    [InlineData("Validate")]
    public void QIWI0006_when_the_setting_would_take_a_name_of_the_runtime_options(string name)
    {
        var spec = MiniSpec.Replace(Parameter, Parameter + "          x-qiwi-client-parameter: true\n          x-qiwi-name: " + name + "\n");
        var harness = GeneratorHarness.ForSpec(spec);

        var result = harness.Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("QIWI0006", diagnostic.Id);
        Assert.Contains("'" + name + "'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(harness.Output!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
