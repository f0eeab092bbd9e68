using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace Qiwi.Testing;

/// <summary>
/// NSwag in process (NSwag.CodeGeneration.CSharp with NSwag.Core.Yaml): reads an OpenAPI document in YAML and
/// generates one C# client file from it, with the settings of the npm CLI's
/// <c>openapi2csclient /jsonLibrary:SystemTextJson</c>. Linked into the generator tests (the conformance test)
/// and the benchmarks (the peer of our generator), so both run the very same NSwag call.
/// </summary>
internal static class NSwagClientSource
{
    /// <summary>Parses <paramref name="yaml"/> (as the file at <paramref name="documentPath"/>) and returns NSwag's client source.</summary>
    public static async Task<string> GenerateAsync(string yaml, string documentPath, string @namespace, string className)
    {
        var document = await OpenApiYamlDocument.FromYamlAsync(yaml, documentPath).ConfigureAwait(false);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = className,
            GenerateClientInterfaces = false,
            CSharpGeneratorSettings =
            {
                Namespace = @namespace,
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
            },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }
}
