using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Samples.Tests.Docs;

/// <summary>
/// The YAML and XML blocks of README.md and docs/*.md are what they say: a YAML block parses (a spec fragment a reader
/// copies must not itself be a QIWI0001), unless its marker says <c>snippet: invalid-yaml</c> (an example of a broken
/// spec), and then it must not; an XML block (MSBuild items) is well-formed. None is skipped.
/// </summary>
public sealed class DocDataBlockTests
{
    [Fact]
    public void Every_yaml_block_parses_unless_it_is_marked_as_an_example_of_invalid_yaml()
    {
        var blocks = DocSnippet.All(info => info.ToLowerInvariant() is "yaml" or "yml");
        var wrong = new List<string>();
        foreach (var block in blocks)
        {
            var error = YamlError(block.Code);
            if (block.Template == "invalid-yaml" ? error is null : error is not null)
            {
                wrong.Add(block.Place + (error is null ? ": marked invalid-yaml, yet it parses" : ": " + error));
            }
            else if (block.Template is not (null or "invalid-yaml"))
            {
                wrong.Add(block.Place + ": a YAML block's only marker is invalid-yaml, not " + block.Template);
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(blocks.Count >= 20, $"Only {blocks.Count} YAML blocks found.");
        Assert.Contains(blocks, block => block.Template == "invalid-yaml");
    }

    [Fact]
    public void Every_xml_block_is_well_formed()
    {
        var blocks = DocSnippet.All(info => info.ToLowerInvariant() == "xml");
        var wrong = new List<string>();
        foreach (var block in blocks)
        {
            try
            {
                XElement.Parse("<fragment>" + block.Code + "</fragment>");
            }
            catch (System.Xml.XmlException exception)
            {
                wrong.Add(block.Place + ": " + exception.Message);
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(blocks.Count >= 3, $"Only {blocks.Count} XML blocks found.");
    }

    /// <summary>
    /// The README's example once set QiwiClientName="Qiwi": its QiwiClientOptions is also Qiwi.Runtime's, so the README's
    /// own program (which has `using Qiwi.Runtime;`) failed with CS0104. No generated name of a README example may be a
    /// public type of the runtime.
    /// </summary>
    [Fact]
    public void The_readme_client_names_make_no_type_the_runtime_has()
    {
        var runtime = typeof(Qiwi.Runtime.QiwiPipeline).Assembly.GetExportedTypes().Select(type => type.Name).ToHashSet(StringComparer.Ordinal);
        var names = DocSnippet.All(info => info.ToLowerInvariant() == "xml")
            .SelectMany(block => XElement.Parse("<fragment>" + block.Code + "</fragment>").Descendants("AdditionalFiles"))
            .Select(item => (string?)item.Attribute("QiwiClientName"))
            .OfType<string>()
            .ToList();
        Assert.NotEmpty(names);
        Assert.Contains("QiwiClientOptions", runtime);
        foreach (var name in names)
        {
            Assert.All(new[] { name + "Client", "I" + name + "Client", name + "ClientOptions", name + "Redirects", name + "ResultCodes" }, generated => Assert.DoesNotContain(generated, runtime));
        }
    }

    [Fact]
    public void The_checks_can_fail()
    {
        Assert.NotNull(YamlError("- name: a\nproperties:\n  b: c\n"));
        Assert.Null(YamlError("parameters:\n  - name: a\n"));
    }

    private static string? YamlError(string text)
    {
        try
        {
            new YamlStream().Load(new StringReader(text));
            return null;
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            return exception.Message;
        }
    }
}
