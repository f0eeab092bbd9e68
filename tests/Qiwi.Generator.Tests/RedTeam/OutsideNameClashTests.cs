using CsCheck;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// Red team of the generator, fourth session (docs/reliability.md, "names from outside the spec"): names that meet the
/// generated code from outside the spec (a referenced assembly's types and namespaces in the spec's namespace or the
/// global one, the project's global using aliases, global usings and global using statics), each named like a type the
/// generator declares, a segment of a framework or runtime name it writes, or a name it uses bare. The promise: the
/// generated code compiles with no error or warning the project did not have without it, or the generator reported a
/// QIWI error at a name in the spec.
/// </summary>
public sealed class OutsideNameClashTests
{
    private const int Cases = 160;

    private static readonly Attack[] Attacks = Enum.GetValues<Attack>();

    [Fact]
    public void Names_from_outside_the_spec_compile_or_are_refused_at_a_name()
    {
        var probe = new ClashSpec(ClashSpec.Probe, Array.Empty<string>()).Text;
        var names = OutsideAttack.Read(probe).ToArray();
        var all = Environment.GetEnvironmentVariable("QIWI_OUTSIDE_NAMES_ALL") == "1";
        var cases = all
            ? names.SelectMany(name => Attacks.Select(attack => (Name: name, Attack: attack))).ToList()
            : Gen.Select(Gen.OneOfConst(names), Gen.OneOfConst(Attacks), (name, attack) => (Name: name, Attack: attack)).Array[Cases].Generate(new PCG(1126, 5), null, out Size _).ToList();
        var failures = new List<string>();
        foreach (var (name, attack) in cases)
        {
            if (OutsideAttack.Check(probe, attack, name) is { Length: > 0 } failure)
            {
                failures.Add(attack + " " + name + ": " + failure);
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " of " + cases.Count + " attacks broke the promise:\n" + string.Join("\n", failures.Take(60)));
    }

    /// <summary>
    /// Found by the sweep: a referenced assembly with a public type or a namespace of a generated type's full name
    /// (Demo.Xenon) gave CS0436 / CS0437 at every use in the generated code (an error under TreatWarningsAsErrors). Now
    /// QIWI0011 at the schema key, as for the project's own type.
    /// </summary>
    [Theory]
    [InlineData(Attack.ReferencedType)]
    [InlineData(Attack.ReferencedNamespace)]
    public void A_referenced_type_or_namespace_named_like_a_generated_type_is_refused_at_the_name(Attack attack)
    {
        var probe = new ClashSpec(ClashSpec.Probe, Array.Empty<string>()).Text;
        var diagnostic = Single(probe, attack, "Xenon", "QIWI0011");
        Assert.Contains("the referenced assembly OutsideReferenced", diagnostic.GetMessage(), StringComparison.Ordinal);
        var line = probe.Split('\n').ToList().FindIndex(l => l.Trim() == "Xenon:");
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    /// <summary>
    /// Found by the sweep: a type <c>var</c> visible in the spec's namespace (from a reference, or a global using alias)
    /// bound every <c>var</c> local of the generated code (CS0029, CS1503), a namespace <c>Demo.nameof</c> every
    /// <c>nameof</c> (CS0118), a global type <c>System</c> or <c>Qiwi</c> hid <c>global::System</c> (CS0434), a global type
    /// <c>Demo</c> the namespace (CS0435). Now QIWI0021 (QIWI0011 for the namespace) at the spec, nothing generated.
    /// </summary>
    [Theory]
    [InlineData(Attack.ReferencedType, "var", "QIWI0021")]
    [InlineData(Attack.ReferencedGlobalType, "var", "QIWI0021")]
    [InlineData(Attack.GlobalAlias, "var", "QIWI0021")]
    [InlineData(Attack.ReferencedNamespace, "nameof", "QIWI0021")]
    [InlineData(Attack.ReferencedGlobalType, "System", "QIWI0021")]
    [InlineData(Attack.ReferencedGlobalType, "Qiwi", "QIWI0021")]
    [InlineData(Attack.ReferencedGlobalType, "Demo", "QIWI0011")]
    public void A_name_the_generated_code_uses_taken_from_outside_is_refused(Attack attack, string name, string id)
    {
        var diagnostic = Single(new ClashSpec(ClashSpec.Probe, Array.Empty<string>()).Text, attack, name, id);
        Assert.Contains(name, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>The names the task asked about, which the generated code meets only qualified or in its own namespace: each compiles cleanly with the real spec.</summary>
    [Theory]
    [InlineData(Attack.ReferencedType, "HttpClient")]
    [InlineData(Attack.ReferencedType, "Task")]
    [InlineData(Attack.ReferencedType, "CancellationToken")]
    [InlineData(Attack.ReferencedType, "QiwiClientOptions")]
    [InlineData(Attack.ReferencedNamespace, "System")]
    [InlineData(Attack.GlobalAlias, "Task")]
    [InlineData(Attack.GlobalAlias, "Bill")]
    [InlineData(Attack.GlobalAlias, "QiwiPullClient")]
    [InlineData(Attack.GlobalUsingStaticType, "Bill")]
    [InlineData(Attack.GlobalUsingStaticMethod, "nameof")]
    [InlineData(Attack.GlobalUsing, "QiwiClientOptions")]
    public void A_name_the_generated_code_meets_only_qualified_compiles_with_the_real_spec(Attack attack, string name)
        => Assert.Null(OutsideAttack.Check(Infrastructure.GeneratorHarness.RealSpec, attack, name));

    private static Microsoft.CodeAnalysis.Diagnostic Single(string spec, Attack attack, string name, string id)
    {
        Assert.Equal(string.Empty, OutsideAttack.Check(spec, attack, name));
        var diagnostics = OutsideAttack.Diagnostics(spec, attack, name);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(Infrastructure.GeneratorHarness.SpecPath, diagnostic.Location.GetLineSpan().Path);
        return diagnostic;
    }
}
