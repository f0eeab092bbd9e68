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
    [Theory]
    [InlineData("Equals")]
    [InlineData("ReferenceEquals")]
    [InlineData("GetType")]
    [InlineData("ToString")]
    [InlineData("TryParse")]
    [InlineData("FromWireValue")]
    [InlineData("GetDescription")]
    [InlineData("IsDefined")]
    public void An_enum_named_like_a_method_of_its_helpers_compiles_cleanly(string name)
    {
        SpecAssert.Clean(HostileSpecs.Places["enum schema"](name));
        SpecAssert.Clean(MiniSpec.Text.Replace("    Code:\n", "    " + name + ":\n", StringComparison.Ordinal).Replace("'#/components/schemas/Code'", "'#/components/schemas/" + name + "'", StringComparison.Ordinal));
    }
}
