using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Emit;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="CSharp.Literal"/> and <see cref="CSharp.Utf8Literal"/> (text that needs no escape skips the
/// character-by-character path) against that path, <see cref="CSharp.Escape"/>, on seeded random text; and
/// every literal read back by Roslyn as one token on one line with the very same value.
/// </summary>
public sealed class LiteralDifferentialTests
{
    [Fact]
    public void Literals_match_the_character_by_character_path_and_read_back_as_the_value()
    {
        var random = new Random(1604);
        for (var i = 0; i < 20_000; i++)
        {
            var value = RandomText.Next(random, 12);
            var literal = CSharp.Literal(value);
            Assert.Equal(CSharp.Escape(value), literal);
            Assert.Equal(Text.HasLoneSurrogate(value) ? literal : literal + "u8", CSharp.Utf8Literal(value));

            var token = SyntaxFactory.ParseToken(literal);
            Assert.True(token.IsKind(SyntaxKind.StringLiteralToken) && token.FullSpan.Length == literal.Length && !token.ContainsDiagnostics, "case " + i + ": " + literal);
            Assert.Equal(value, token.ValueText);
        }
    }

    [Fact]
    public void A_joined_literal_is_the_literal_of_the_joined_values()
    {
        // AppendJoinedLiteral writes the values between quotes when none needs an escape; the reference joins them first.
        var random = new Random(1607);
        for (var i = 0; i < 20_000; i++)
        {
            var values = Enumerable.Range(0, random.Next(0, 5)).Select(_ => i % 2 == 0 ? RandomText.Next(random, 3) : "v" + random.Next(100)).ToArray();
            var members = new Qiwi.Generator.EquatableArray<Qiwi.Generator.Model.EnumWireValue>(values.Select(v => new Qiwi.Generator.Model.EnumWireValue(v)).ToArray());
            var joined = CSharp.AppendJoinedLiteral(new System.Text.StringBuilder(), members).ToString();
            Assert.True(CSharp.Escape(string.Join(", ", values)) == joined, "case " + i + ": " + joined);
        }
    }
}
