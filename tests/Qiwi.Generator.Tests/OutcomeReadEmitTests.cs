using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// A write's status read is judged by the write's own success check, which compares the <c>match</c> fields; the
/// generated read carries no judgement of its own (the spec's calls, in the snapshot). A write with no check at all
/// (no field it can echo or check, nothing matched) gets the read that says found means done, as the spec's empty
/// <c>match</c> documents: without it the runtime could not tell, and every lost answer would stay unknown.
/// </summary>
public sealed class OutcomeReadEmitTests
{
    /// <summary>The read's and the write's one parameter and one answer: an item, found by a key the item does not repeat.</summary>
    private const string KeyAndItem = """
              parameters:
                - name: key
                  in: query
                  required: true
                  schema:
                    type: string
              responses:
                '200':
                  description: The item.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/ItemEnvelope'

        """;

    private const string Paths = """
          /items:
            get:
              operationId: findItem
              summary: Finds an item.

        """ + KeyAndItem + """
            put:
              operationId: putItem
              summary: Puts an item.
              x-qiwi-outcome-read:
                operation: findItem
                notFound: [1]

        """ + KeyAndItem + """
        components:
        """;

    [Fact]
    public void A_write_without_a_check_gets_a_read_that_takes_found_for_done()
    {
        var spec = MiniSpec.Replace("components:\n", Paths.Replace("\r\n", "\n") + "\n");
        var harness = GeneratorHarness.ForSpec(spec);
        var result = harness.Run();
        Assert.True(result.Diagnostics.IsEmpty, string.Join("; ", result.Diagnostics));
        var client = result.GeneratedSources.Single(s => s.HintName.EndsWith(".MiniClient.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("QiwiOutcomeRead<Item>(", client, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(client, "static found => true"));
        Assert.Equal(1, CountOf(client, "check: null,"));
        Assert.Empty(harness.Output!.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }

    [Fact]
    public void The_specs_writes_are_judged_by_their_checks_alone()
    {
        var result = GeneratorHarness.ForSpec(GeneratorHarness.RealSpec).Run();
        var client = result.GeneratedSources.Single(s => s.HintName.EndsWith(".QiwiPullClient.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Equal(3, CountOf(client, "QiwiOutcomeRead<"));
        Assert.Equal(0, CountOf(client, "found =>"));
        Assert.Equal(2, CountOf(client, "QiwiPayloadChecks.EchoDecimal(\"amount\""));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
