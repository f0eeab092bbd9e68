using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// Red team of the generator (docs/reliability.md, "Red team, 2026-11-26: generator"): names a random mutation rarely
/// makes, each either refused at its place in the spec or generated into code that compiles cleanly.
/// </summary>
public sealed class HostileNameTests
{
    /// <summary>Names every record inherits from <c>object</c> or may not declare (CS8859 for <c>Clone</c>; CS0108 for the others).</summary>
    [Theory]
    [InlineData("clone")]
    [InlineData("get_type")]
    [InlineData("memberwise_clone")]
    [InlineData("reference_equals")]
    public void A_property_named_like_an_inherited_record_member_is_a_collision_at_the_property(string wireName)
        => SpecAssert.At(MiniSpec.Replace("        size:\n", "        " + wireName + ":\n          type: string\n        size:\n"), "QIWI0006", "        " + wireName + ":", wireName);

    /// <summary>A type may not be named like a member it declares (CS0542): the members every record has, and those its readers add.</summary>
    [Theory]
    [InlineData("ToString")]
    [InlineData("Equals")]
    [InlineData("GetHashCode")]
    [InlineData("PrintMembers")]
    [InlineData("FromJson")]
    [InlineData("ToXml")]
    public void A_schema_named_like_a_member_of_its_own_record_is_a_collision_at_the_schema(string name)
        => SpecAssert.At(MiniSpec.Text + "\n    " + name + ":\n      type: object\n      properties:\n        a:\n          type: string\n", "QIWI0006", "    " + name + ":", name);

    /// <summary>
    /// An enum named like a method its helpers class has or inherits: there the simple name binds to the method (CS0119),
    /// so the helpers name the enum qualified. A string enum used by a property, and the envelope's integer result-code enum.
    /// </summary>
    /// <remarks>
    /// The names are not listed here: they are every method the generator writes into an enum's helpers class (an enum
    /// with every helper: fatal and final flags), read from its output, and every method <see cref="object"/> has. A
    /// helper method added later is tried at once; the emitter's own list of hidden names missing it fails here.
    /// </remarks>
    [Fact]
    public void An_enum_named_like_a_method_of_its_helpers_compiles_cleanly()
    {
        var names = HelperMethodNames();
        Assert.Contains("FromWireValue", names);
        Assert.Contains("IsFatal", names);
        Assert.Contains("IsFinal", names);
        Assert.Contains("MemberwiseClone", names);
        foreach (var name in names)
        {
            SpecAssert.Clean(WithFullEnum(name));
            SpecAssert.Clean(HostileSpecs.Places["enum schema"](name));
            SpecAssert.Clean(MiniSpec.Text.Replace("    Code:\n", "    " + name + ":\n", StringComparison.Ordinal).Replace("'#/components/schemas/Code'", "'#/components/schemas/" + name + "'", StringComparison.Ordinal));
        }
    }

    /// <summary>The mini spec with a string enum <paramref name="name"/> whose values carry fatal and final flags, so its helpers class has every method.</summary>
    private static string WithFullEnum(string name)
        => MiniSpec.Replace("        size:\n          type: integer", "        size:\n          $ref: '#/components/schemas/" + name + "'")
            + "\n    " + name + ":\n      type: string\n      enum: [a, b]\n      x-qiwi-enum:\n"
            + "        - value: a\n          name: A\n          description: A.\n          fatal: true\n          final: true\n"
            + "        - value: b\n          name: B\n          description: B.\n          fatal: false\n          final: false\n";

    private static SortedSet<string> HelperMethodNames()
    {
        var result = GeneratorHarness.ForSpec(WithFullEnum("Probe")).Run();
        var helpers = result.GeneratedSources.Select(source => source.SyntaxTree)
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            .Single(type => type.Identifier.ValueText == "ProbeExtensions");
        var names = new SortedSet<string>(helpers.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Select(method => method.Identifier.ValueText), StringComparer.Ordinal);
        names.UnionWith(typeof(object).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static).Select(method => method.Name));
        return names;
    }

    /// <summary>
    /// An open enum is a static class of string constants with two methods, <c>IsKnown</c> and <c>GetDescription</c>. Found
    /// in the second session: a class named like either compiled to CS0542 with no QIWI error; now QIWI0006 at the schema.
    /// </summary>
    [Theory]
    [InlineData("IsKnown")]
    [InlineData("GetDescription")]
    public void An_open_enum_named_like_a_method_of_its_class_is_refused_at_the_schema(string name)
        => SpecAssert.At(HostileSpecs.Places["open enum schema"](name), "QIWI0006", "    \"" + name + "\":", "\"" + name);

    /// <summary>
    /// An open enum's constant named like a member its class inherits from <see cref="object"/> hid it (CS0108, an error
    /// under warnings-as-errors) with no QIWI error; now QIWI0006 at the name, as its class's own methods already were.
    /// Closed and integer enums may use these names (enum members hide nothing), and still can.
    /// </summary>
    [Theory]
    [InlineData("Equals")]
    [InlineData("GetHashCode")]
    [InlineData("GetType")]
    [InlineData("ToString")]
    [InlineData("ReferenceEquals")]
    [InlineData("MemberwiseClone")]
    [InlineData("IsKnown")]
    [InlineData("GetDescription")]
    public void An_open_enum_value_named_like_a_member_of_its_class_is_refused_and_a_closed_one_is_not(string name)
    {
        SpecAssert.At(HostileSpecs.Places["open enum schema"]("Shade").Replace("          name: A\n", "          name: " + name + "\n", StringComparison.Ordinal), "QIWI0006", "          name: " + name, name);
        SpecAssert.Clean(HostileSpecs.Places["enum schema"]("Shade").Replace("          name: A\n", "          name: " + name + "\n", StringComparison.Ordinal));
        SpecAssert.Clean(HostileSpecs.Places["integer enum member"](name));
    }
}
