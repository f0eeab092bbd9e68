using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// Red team of the generator, third session (docs/reliability.md, "generated type names"): names drawn to collide with the
/// names the generator derives from other names (an enum's helpers class, a redirect's record, the client's classes, a
/// webhook's class, an envelope's reader, a method or property a type declares), in the spec and in the project's own C#.
/// The promise: the generated code compiles with no error or warning, or the generator reported a QIWI error at a name
/// in the spec.
/// </summary>
/// <remarks>
/// The derived names are not listed here: they are read off the generator's own output for a probe spec (every type and
/// member it declares, with the probe's plain name cut out: Extensions, Redirect, I…Client, Parse…, …Async and so on),
/// so a type or member a new emitter adds is attacked at once.
/// </remarks>
public sealed class GeneratedNameClashTests
{
    private const int Cases = 240;

    /// <summary>Plain names the random specs start from (distinct from the probe's words).</summary>
    private static readonly string[] Words = { "Item", "Bill", "Order", "Shop", "Pay", "State", "Kind", "Note", "Refund", "Code", "Amount", "Status", "Payer", "Form" };

    private static readonly Slot[] Slots = Enum.GetValues<Slot>();

    /// <summary>The slots whose name becomes a type's (the schemas').</summary>
    private static readonly Slot[] TypeSlots = { Slot.ResultCode, Slot.Envelope, Slot.Result, Slot.Object, Slot.ClosedEnum, Slot.OpenEnum, Slot.WebhookReply };

    [Fact]
    public void Names_derived_from_other_names_compile_or_are_refused_at_a_name()
    {
        var (affixes, _) = Derivations();
        // The derivations the first two sessions knew of are among those read: the probe works.
        Assert.Contains(affixes, a => a is { Prefix: "", Suffix: "Extensions", Type: true, From: Slot.ClosedEnum });
        Assert.Contains(affixes, a => a is { Prefix: "", Suffix: "Redirect", Type: true, From: Slot.InboundRedirect });
        Assert.Contains(affixes, a => a is { Prefix: "I", Suffix: "Client", Type: true, From: Slot.Client });
        Assert.Contains(affixes, a => a is { Prefix: "", Suffix: "Reader", Type: true, From: Slot.Envelope });
        Assert.Contains(affixes, a => a is { Prefix: "", Suffix: "Webhook", Type: true, From: Slot.Webhook });
        Assert.Contains(affixes, a => a is { Prefix: "TryParse", Suffix: "", Type: false, From: Slot.InboundRedirect });

        var gen = Specs();
        var pcg = new PCG(1126, 20261126);
        var failures = new List<string>();
        var (clean, refused) = (0, 0);
        for (var i = 0; i < Cases; i++)
        {
            var spec = gen.Generate(pcg, null, out _);
            switch (Check(spec))
            {
                case null:
                    clean++;
                    break;
                case "":
                    refused++;
                    break;
                case var failure:
                    failures.Add("#" + i + " " + spec + "\n    " + failure);
                    break;
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " of " + Cases + " specs broke the promise:\n" + string.Join("\n", failures.OrderBy(f => f.Contains("not at a name", StringComparison.Ordinal)).Take(25)));
        // Both outcomes occur: the names collide often, and not always.
        Assert.True(clean >= Cases / 10 && refused >= Cases / 10, $"clean {clean}, refused {refused}");
    }

    /// <summary>
    /// The random specs: each slot gets its own plain word (a spec with two equal names is refused for that alone); one
    /// to three slots then take a derived name: a derivation applied to the word of the slot it derives from
    /// (ShopPatterns beside the client Shop), half the time one that names a type; now and then a fixed name or another
    /// slot's word; and 0 to 2 project classes named like a plain word or a derived type name.
    /// </summary>
    internal static Gen<ClashSpec> Specs()
    {
        var (affixes, fixedNames) = Derivations();
        var typeAffixes = affixes.Where(a => a.Type).ToArray();
        return Gen.Shuffle(Words, Slots.Length).SelectMany(plain => Gen.Select(
            Mutations(plain, affixes, typeAffixes, fixedNames).Array[1, 3],
            Gen.Frequency((3, Gen.Const(Array.Empty<string>())), (2, ProjectType(plain, typeAffixes).Array[1, 2])),
            (mutations, project) => new ClashSpec(Named(plain, mutations), project)));
    }

    /// <summary>
    /// Every type the probe's output declares (top-level or nested, read off the syntax trees), as the name of every slot
    /// of the probe in turn, and as a class of the project; and every fixed member name it declares as each schema's
    /// name: the same promise, without chance.
    /// </summary>
    [Fact]
    public void Every_generated_type_name_in_every_slot_and_in_the_project_compiles_or_is_refused_at_a_name()
    {
        var probe = new ClashSpec(ClashSpec.Probe, Array.Empty<string>());
        var types = GeneratorHarness.ForSpec(probe.Text).Run().GeneratedSources
            .SelectMany(source => DeclaredNames(source.SyntaxTree.GetRoot())).Where(n => n.Type).Select(n => n.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains("ZirconExtensions", types);
        Assert.Contains("QuinceRedirect", types);
        var (_, fixedNames) = Derivations();
        Assert.Contains("Instance", fixedNames);
        var failures = new List<string>();
        var specs = types.SelectMany(name => Slots.Select(slot => new ClashSpec(new Dictionary<Slot, string>(ClashSpec.Probe) { [slot] = name }, Array.Empty<string>()))
                .Append(new ClashSpec(ClashSpec.Probe, new[] { name })))
            // The fixed member names (Instance, Options, FromJson, ...) as the schemas' names: a model named like a member of a class that names it.
            .Concat(fixedNames.SelectMany(name => TypeSlots.Select(slot => new ClashSpec(new Dictionary<Slot, string>(ClashSpec.Probe) { [slot] = name }, Array.Empty<string>()))))
            .ToList();
        foreach (var spec in specs)
        {
            if (Check(spec) is { Length: > 0 } failure)
            {
                failures.Add(spec + "\n    " + failure);
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " of " + specs.Count + " specs broke the promise:\n" + string.Join("\n", failures.Take(25)));
    }

    /// <summary>
    /// The classes that name a model qualified when one of their own members would hide it know all their members: each
    /// member the probe's reader and webhook class declare is in the emitter's list.
    /// </summary>
    [Fact]
    public void The_lists_of_members_that_hide_a_model_are_complete()
    {
        var result = GeneratorHarness.ForSpec(new ClashSpec(ClashSpec.Probe, Array.Empty<string>()).Text).Run();
        var types = result.GeneratedSources.SelectMany(source => source.SyntaxTree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()).ToList();
        Assert.Subset(new HashSet<string>(Qiwi.Generator.Emit.ResponseReaderEmitter.MemberNames), MemberNames(types.Single(t => t.Identifier.ValueText == "WombatReader")));
        Assert.Subset(new HashSet<string>(Qiwi.Generator.Emit.WebhookEmitter.MemberNames), MemberNames(types.Single(t => t.Identifier.ValueText == "PampasWebhook")));
    }

    private static HashSet<string> MemberNames(ClassDeclarationSyntax type)
        => DeclaredNames(type).Where(n => !n.Type).Select(n => n.Name).ToHashSet();

    /// <summary>
    /// Found by the test above: a string property named like the helpers class of another property's enum
    /// (<c>ZirconExtensions</c> beside a <c>Zircon</c> property) bound the JSON reader's <c>ZirconExtensions.FromWireValue</c>
    /// to itself (CS0120). The reader now names the helpers qualified where a property has their name.
    /// </summary>
    [Fact]
    public void A_property_named_like_an_enums_helpers_compiles_cleanly()
        => SpecAssert.Clean(new ClashSpec(new Dictionary<Slot, string>(ClashSpec.Probe) { [Slot.Property] = "ZirconExtensions" }, Array.Empty<string>()).Text);

    /// <summary>
    /// Found by the test above: an operation named like the path checks class (a method named like its class, CS0542)
    /// or like the pattern table the checks name (the method hid it, CS0119). Now QIWI0006 at the operationId.
    /// </summary>
    [Theory]
    [InlineData("UmbraPathChecks")]
    [InlineData("UmbraPatterns")]
    public void An_operation_named_like_the_path_checks_or_the_pattern_table_is_a_collision(string name)
        => SpecAssert.At(new ClashSpec(new Dictionary<Slot, string>(ClashSpec.Probe) { [Slot.Operation] = name }, Array.Empty<string>()).Text, "QIWI0006", "operationId: " + name, "operationId");

    /// <summary>
    /// A client-level setting is a property of the generated options, which derive from the runtime's: named like any
    /// member the runtime's options declare or inherit that the generated class can see (public or protected: a new
    /// one such as ReadSettings included, read off the type, not listed), it compiles or is refused at its name.
    /// </summary>
    [Fact]
    public void A_client_parameter_named_like_any_member_of_the_runtimes_options_compiles_or_is_refused_at_a_name()
    {
        const System.Reflection.BindingFlags All = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic
            | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.FlattenHierarchy;
        var names = typeof(Qiwi.Runtime.QiwiClientOptions).GetMembers(All)
            .Where(member => member switch
            {
                System.Reflection.MethodInfo method => !method.IsSpecialName && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly),
                System.Reflection.PropertyInfo property => property.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
                System.Reflection.FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
                _ => false,
            })
            .Select(member => member.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains("ReadSettings", names);
        Assert.Contains("AddErrors", names);
        var failures = names
            .Select(name => (name, failure: Check(new ClashSpec(new Dictionary<Slot, string>(ClashSpec.Probe) { [Slot.ClientParameter] = name }, Array.Empty<string>()))))
            .Where(result => result.failure is { Length: > 0 })
            .Select(result => result.name + ": " + result.failure)
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The probe compiles cleanly (else every case would be refused for another reason).</summary>
    [Fact]
    public void The_probe_spec_compiles_cleanly()
        => Assert.Null(Check(new ClashSpec(ClashSpec.Probe, Array.Empty<string>())));

    /// <summary>The webhook's reply slot is a real reply (its model is what the webhook formats), so the names tried in it reach the webhook class.</summary>
    [Fact]
    public void The_probe_webhook_replies_with_the_reply_slots_model()
    {
        var result = GeneratorHarness.ForSpec(new ClashSpec(ClashSpec.Probe, Array.Empty<string>()).Text).Run();
        var webhook = result.GeneratedSources.Single(s => s.HintName.EndsWith(".PampasWebhook.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("FormatReply(", webhook, StringComparison.Ordinal);
        Assert.Contains(ClashSpec.Probe[Slot.WebhookReply], webhook, StringComparison.Ordinal);
    }

    /// <summary>
    /// Null when the generated code compiles with no error or warning and the generator reported nothing; "" when the
    /// generator reported a QIWI error and every diagnostic is at a name in the spec; otherwise what went wrong.
    /// </summary>
    private static string? Check(ClashSpec spec)
    {
        var text = spec.Text;
        var harness = new GeneratorHarness(
            new[] { new TestAdditionalText(GeneratorHarness.SpecPath, text) },
            syntaxTrees: new[] { CSharpSyntaxTree.ParseText(spec.ProjectSource, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose)) },
            documentationMode: DocumentationMode.Diagnose);
        var result = harness.Run();
        if (result.Exception is not null)
        {
            return "exception: " + result.Exception;
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            var span = diagnostic.Location.GetLineSpan();
            if (diagnostic.Id == "QIWI9999" || span.Path != GeneratorHarness.SpecPath || diagnostic.Location.SourceSpan.IsEmpty || diagnostic.Location.SourceSpan.End > text.Length)
            {
                return "not at a name in the spec: " + diagnostic;
            }
        }

        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return string.Empty;
        }

        var problems = harness.Output!.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return problems.Count == 0 ? (result.Diagnostics.Length == 0 ? null : "warnings only: " + result.Diagnostics[0])
            : problems.Count + " compiler diagnostics without a QIWI error, first: " + problems[0];
    }

    /// <summary>A slot and the name it takes: derived from the word of the slot the derivation comes from (most often), fixed, or another slot's word.</summary>
    private static Gen<Mutation> Mutations(string[] plain, Affix[] affixes, Affix[] typeAffixes, string[] fixedNames)
        => Gen.Select(
            Gen.Int[0, Slots.Length - 1],
            Gen.Frequency(
                (4, Gen.OneOfConst(affixes).Select(affix => (Name: affix.Prefix + plain[(int)affix.From] + affix.Suffix, From: (int)affix.From))),
                (4, Gen.OneOfConst(typeAffixes).Select(affix => (Name: affix.Prefix + plain[(int)affix.From] + affix.Suffix, From: (int)affix.From))),
                (1, Gen.OneOfConst(fixedNames).Select(name => (Name: name, From: -1))),
                (1, Gen.Int[0, Slots.Length - 1].Select(other => (Name: plain[other], From: -1)))),
            (target, choice) => new Mutation((Slot)target, choice.Name, choice.From));

    /// <summary>
    /// The slots' names: the plain words with the mutations applied; a slot a mutation's name was derived from keeps its
    /// plain word, so that the derived name is the one the generator derives from it.
    /// </summary>
    private static Dictionary<Slot, string> Named(string[] plain, Mutation[] mutations)
    {
        var names = Slots.ToDictionary(slot => slot, slot => plain[(int)slot]);
        foreach (var mutation in mutations)
        {
            names[mutation.Target] = mutation.Name;
        }

        foreach (var mutation in mutations)
        {
            if (mutation.From >= 0 && mutation.From != (int)mutation.Target)
            {
                names[(Slot)mutation.From] = plain[mutation.From];
            }
        }

        return names;
    }

    /// <summary>A project type named like a slot's plain word, or a type derived from the word of the slot the derivation comes from.</summary>
    private static Gen<string> ProjectType(string[] plain, Affix[] typeAffixes)
        => Gen.Frequency(
            (1, Gen.Int[0, plain.Length - 1].Select(i => plain[i])),
            (3, Gen.OneOfConst(typeAffixes).Select(affix => affix.Prefix + plain[(int)affix.From] + affix.Suffix)));

    /// <summary>A derivation: what the generator puts before and after a name from the spec, and whether it names a type.</summary>
    private sealed record Affix(string Prefix, string Suffix, bool Type, Slot From);

    /// <summary>
    /// Every derivation in the probe's output (a declared type or member name holding a probe word: the rest of it), and
    /// every declared name holding none (the fixed names: FromJson, Options, IsKnown...), that a spec name may be.
    /// </summary>
    private static (Affix[] Affixes, string[] FixedNames) Derivations()
    {
        var probe = new ClashSpec(ClashSpec.Probe, Array.Empty<string>());
        var result = GeneratorHarness.ForSpec(probe.Text).Run();
        Assert.Empty(result.Diagnostics);
        var affixes = new HashSet<Affix>();
        var fixedNames = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, isType) in result.GeneratedSources.SelectMany(source => DeclaredNames(source.SyntaxTree.GetRoot())))
        {
            var words = ClashSpec.Probe.Values.Where(word => name.Contains(word, StringComparison.Ordinal)).ToList();
            if (words.Count == 0)
            {
                if (SyntaxFacts.IsValidIdentifier(name) && char.IsUpper(name[0]))
                {
                    fixedNames.Add(name);
                }

                continue;
            }

            foreach (var word in words)
            {
                var at = name.IndexOf(word, StringComparison.Ordinal);
                if (name.Length > word.Length && name.IndexOf(word, at + 1, StringComparison.Ordinal) < 0 && !ClashSpec.Probe.Values.Any(other => other != word && name.Contains(other, StringComparison.Ordinal)))
                {
                    affixes.Add(new Affix(name.Substring(0, at), name.Substring(at + word.Length), isType, ClashSpec.Probe.Single(pair => pair.Value == word).Key));
                }
            }
        }

        return (affixes.OrderBy(a => a.Prefix + "|" + a.Suffix, StringComparer.Ordinal).ToArray(), fixedNames.ToArray());
    }

    /// <summary>A slot, the name it takes, and the slot whose word the name was derived from (-1: none).</summary>
    private sealed record Mutation(Slot Target, string Name, int From);

    /// <summary>The names a file declares: types (nested ones too), methods, properties, fields, enum members.</summary>
    private static IEnumerable<(string Name, bool Type)> DeclaredNames(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case BaseTypeDeclarationSyntax type:
                    yield return (type.Identifier.ValueText, true);
                    break;
                case MethodDeclarationSyntax method:
                    yield return (method.Identifier.ValueText, false);
                    break;
                case PropertyDeclarationSyntax property:
                    yield return (property.Identifier.ValueText, false);
                    break;
                case FieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables)
                    {
                        yield return (variable.Identifier.ValueText, false);
                    }

                    break;
            }
        }
    }
}
