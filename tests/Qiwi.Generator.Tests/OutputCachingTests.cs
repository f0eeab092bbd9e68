using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Emit;
using Qiwi.Generator.Input;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// A spec edit re-emits only the files it touches: the parsed spec is split into one unit per generated file
/// (the QiwiOutputs step), and a unit equal to its previous run is not emitted again.
/// </summary>
public sealed class OutputCachingTests
{
    private const string Outputs = "QiwiOutputs";

    /// <summary>Doc edits: each changes the text of one file, and exactly that file is emitted again.</summary>
    [Theory]
    [InlineData("description: Invoice has been paid.", "Demo.BillStatus.g.cs")]
    [InlineData("description: Server is busy, try again later.", "Demo.ResultCode.g.cs")]
    [InlineData("description: The format of the request parameters is incorrect.", "Demo.NotificationResultCode.g.cs")]
    [InlineData("description: An invoice as QIWI returns it. New fields may appear; they are ignored.", "Demo.Bill.g.cs")]
    [InlineData("description: The invoice's identifier, chosen by the merchant.", "Demo.Bill.g.cs")]
    public void A_description_edit_re_emits_exactly_the_file_whose_text_changed(string line, string file)
    {
        var (harness, spec, before) = Warm();
        var beforeTexts = harness.Driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText);
        Assert.Equal(2, GeneratorHarness.RealSpec.Split(line).Length); // the line occurs once
        harness.ReplaceAdditionalText(spec, new TestAdditionalText(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec.Replace(line, line.TrimEnd('.') + ", edited.", StringComparison.Ordinal)));

        var result = harness.Run();

        var units = Units(result);
        var changed = Changed(before, result);
        Assert.Equal(new[] { file }, changed);
        Assert.Equal(changed, units.Where(u => u.Reason == IncrementalStepRunReason.Modified).Select(u => u.HintName).Order());
        Assert.All(units.Where(u => !changed.Contains(u.HintName)), u => Assert.True(u.Reason == IncrementalStepRunReason.Unchanged, $"{u.HintName} was {u.Reason}."));
        AssertSourceOutputs(result, modified: 1, units.Count);

        // Seen from outside: every file not emitted again keeps the very SourceText of the first run. (Roslyn 4.8 still
        // wraps each in a new lazy syntax tree on every run, cached or not, so the saving is the emitting, not the parse.)
        var texts = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText);
        Assert.Equal(changed, texts.Where(t => !ReferenceEquals(t.Value, beforeTexts[t.Key])).Select(t => t.Key).Order());
    }

    /// <summary>The benchmarks' entry point (reading and generating without the driver) gives the driver's files, in its order.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EmitAll_gives_exactly_the_files_the_driver_adds(bool dependencyInjection)
    {
        var harness = GeneratorHarness.ForSpec(GeneratorHarness.RealSpec);
        if (dependencyInjection)
        {
            var di = CSharpCompilation.Create("Qiwi.Extensions.DependencyInjection", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).ToMetadataReference();
            harness.ReplaceCompilation(harness.Compilation.AddReferences(di));
        }

        var driven = harness.Run().GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString()));
        var spec = SpecReader.Read(new SpecFile(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec, new SpecOptions(null, null, null, "Demo"))).Model!;
        var direct = SourceEmitter.EmitAll(spec, dependencyInjection).Select(s => (s.HintName, s.Text));

        Assert.Equal(driven, direct);
    }

    /// <summary>
    /// Some units hold their models without descriptions (the files do not write them), so that a doc edit leaves
    /// them equal: emitted from the full models instead, each must give the same text.
    /// </summary>
    [Fact]
    public void A_unit_without_docs_emits_what_the_full_model_emits()
    {
        var spec = SpecReader.Read(new SpecFile(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec, new SpecOptions(null, null, null, "Demo"))).Model!;
        ObjectModel Full(ObjectModel model) => spec.Objects.Single(o => o.Name == model.Name);
        var compared = 0;
        foreach (var unit in SourceEmitter.Split(spec, dependencyInjection: true).All())
        {
            OutputUnit? full = unit switch
            {
                SerializationUnit u => u with { Model = Full(u.Model) },
                FormReaderUnit u => u with { Model = Full(u.Model) },
                ClientUnit u => u with { Spec = u.Spec with { Objects = spec.Objects } },
                WebhookUnit u => u with { Spec = u.Spec with { Objects = spec.Objects, Enums = spec.Enums } },
                _ => null,
            };
            if (full is not null)
            {
                Assert.NotEqual(unit, full);
                Assert.Equal(SourceEmitter.Emit(full), SourceEmitter.Emit(unit));
                compared++;
            }
        }

        Assert.True(compared >= 20, $"Only {compared} units compared.");
    }

    [Fact]
    public void An_operation_summary_edit_re_emits_the_client_but_no_enum_model_or_form_reader()
    {
        var (harness, spec, before) = Warm();
        harness.ReplaceAdditionalText(spec, new TestAdditionalText(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec.Replace("summary: Get the current status of an invoice.", "summary: Read the current status of an invoice.", StringComparison.Ordinal)));

        var result = harness.Run();

        var units = Units(result);
        var modified = units.Where(u => u.Reason == IncrementalStepRunReason.Modified).ToList();
        var changed = Changed(before, result);
        Assert.Equal(new[] { "Demo.IQiwiPullClient.g.cs" }, changed);

        // The units holding the operations are emitted again (the client's text does not show summaries, but it
        // reads the operations); everything that does not read them stays as it was.
        Assert.Contains(modified, u => u.Unit is InterfaceUnit);
        Assert.Contains(modified, u => u.Unit is ClientUnit);
        Assert.All(modified, u => Assert.True(u.Unit is InterfaceUnit or ClientUnit or PathChecksUnit, u.HintName + " was emitted again."));
        var untouched = units.Where(u => u.Unit is EnumUnit or ModelUnit or SerializationUnit or FormReaderUnit or ResponseReaderUnit or WebhookUnit or PatternsUnit).ToList();
        Assert.True(untouched.Count > 30, $"Only {untouched.Count} enum, model and reader units.");
        Assert.All(untouched, u => Assert.True(u.Reason == IncrementalStepRunReason.Unchanged, $"{u.HintName} was {u.Reason}."));
        AssertSourceOutputs(result, modified.Count, units.Count);
    }

    [Fact]
    public void Every_generated_file_is_one_unit_and_an_unchanged_spec_emits_none_again()
    {
        var (harness, spec, before) = Warm();
        var units = Units(harness.Driver.GetRunResult().Results.Single());
        Assert.Equal(before.Keys.Order(), units.Select(u => u.HintName).Order());
        Assert.All(units, u => Assert.Equal(IncrementalStepRunReason.New, u.Reason));

        // A comment changes the text but not the model: not one unit is compared, not one file emitted.
        harness.ReplaceAdditionalText(spec, new TestAdditionalText(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec + "\n# a comment\n"));
        var result = harness.Run();

        Assert.All(Units(result), u => Assert.Equal(IncrementalStepRunReason.Cached, u.Reason));
        AssertSourceOutputs(result, modified: 0, units.Count);
    }

    [Fact]
    public void A_new_enum_schema_re_emits_no_object_client_or_webhook_file()
    {
        var (harness, spec, before) = Warm();
        var edited = GeneratorHarness.RealSpec.Replace("    BillStatus:\n", "    Weekday:\n      type: string\n      description: A day.\n      enum: [mon, tue]\n      x-qiwi-enum:\n        - value: mon\n          name: Monday\n          description: Monday.\n        - value: tue\n          name: Tuesday\n          description: Tuesday.\n\n    BillStatus:\n", StringComparison.Ordinal);
        Assert.NotEqual(GeneratorHarness.RealSpec, edited);
        harness.ReplaceAdditionalText(spec, new TestAdditionalText(GeneratorHarness.SpecPath, edited));

        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        var units = Units(result);
        // Compared by place: the new enum takes the place of the one after it (Modified), the last enum's place is New.
        Assert.Contains(Assert.Single(units, u => u.HintName == "Demo.Weekday.g.cs").Reason, new[] { IncrementalStepRunReason.New, IncrementalStepRunReason.Modified });
        Assert.Empty(Changed(before, result, added: "Demo.Weekday.g.cs"));

        // The enums after it in the spec move one place, and the units listing every enum's values (form readers, path
        // checks) change; the models, their serialization, the client and the webhook do not move.
        var untouched = units.Where(u => u.Unit is ModelUnit or SerializationUnit or InterfaceUnit or ClientUnit or OptionsUnit or ResultCodesUnit or ResponseReaderUnit or RedirectsUnit or PatternsUnit or WebhookUnit).ToList();
        Assert.True(untouched.Count > 30, $"Only {untouched.Count} units.");
        Assert.All(untouched, u => Assert.True(u.Reason == IncrementalStepRunReason.Unchanged, $"{u.HintName} was {u.Reason}."));
    }

    [Fact]
    public void Referencing_the_di_package_adds_its_file_and_re_emits_nothing_else()
    {
        var (harness, _, before) = Warm();
        var di = CSharpCompilation.Create("Qiwi.Extensions.DependencyInjection", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).ToMetadataReference();
        harness.ReplaceCompilation(harness.Compilation.AddReferences(di));

        var result = harness.Run();

        var units = Units(result);
        Assert.Equal(IncrementalStepRunReason.New, Assert.Single(units, u => u.Unit is DependencyInjectionUnit).Reason);
        Assert.All(units.Where(u => u.Unit is not DependencyInjectionUnit), u => Assert.True(u.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, $"{u.HintName} was {u.Reason}."));
        Assert.Empty(Changed(before, result, added: "Demo.QiwiPullServiceCollectionExtensions.g.cs"));
    }

    private static (GeneratorHarness Harness, AdditionalText Spec, Dictionary<string, string> Sources) Warm()
    {
        var spec = new TestAdditionalText(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec);
        var harness = new GeneratorHarness(new AdditionalText[] { spec });
        var first = harness.Run();
        Assert.Empty(first.Diagnostics);
        return (harness, spec, Texts(first));
    }

    private static Dictionary<string, string> Texts(GeneratorRunResult result)
        => result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>The generated files whose text differs from <paramref name="before"/> (none may vanish; only <paramref name="added"/> may appear).</summary>
    private static string[] Changed(Dictionary<string, string> before, GeneratorRunResult after, string? added = null)
    {
        var texts = Texts(after);
        Assert.Equal(before.Keys.Append(added).OfType<string>().Order(), texts.Keys.Order());
        texts.Remove(added ?? string.Empty);
        return texts.Where(t => before[t.Key] != t.Value).Select(t => t.Key).Order().ToArray();
    }

    /// <summary>Each unit of the QiwiOutputs steps (one per group), with why it ran (New, Modified, Unchanged, Cached).</summary>
    private static List<(string HintName, OutputUnit Unit, IncrementalStepRunReason Reason)> Units(GeneratorRunResult result)
    {
        var units = result.TrackedSteps[Outputs].SelectMany(run => run.Outputs).Select(o => (o.Value is OutputUnit unit ? unit : throw new InvalidOperationException(o.Value.GetType().Name), o.Reason))
            .Select(o => (o.Item1.HintName, o.Item1, o.Reason))
            .ToList();
        Assert.True(units.Count >= 40, $"Only {units.Count} units.");
        return units;
    }

    /// <summary>The source outputs: <paramref name="modified"/> files written again, every other unit's output cached.</summary>
    private static void AssertSourceOutputs(GeneratorRunResult result, int modified, int units)
    {
        var outputs = result.TrackedOutputSteps["SourceOutput"]
            .Where(step => step.Inputs.Any(input => input.Source.Name == Outputs))
            .SelectMany(step => step.Outputs)
            .ToList();
        Assert.Equal(units, outputs.Count);
        Assert.Equal(modified, outputs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(units - modified, outputs.Count(o => o.Reason == IncrementalStepRunReason.Cached));
    }
}
