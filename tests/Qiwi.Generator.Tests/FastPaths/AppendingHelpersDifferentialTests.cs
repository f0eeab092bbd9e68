using System.Globalization;
using System.Text;
using Qiwi.Generator.Emit;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The helpers that append into the file (issue 16) against the spellings they replace, on seeded random values:
/// literals of one value or of parts (a surrogate pair may be split between parts), numbers, types and wire conversions
/// against <see cref="ReferenceCSharp"/>. Each appends after text already in the builder, which it must leave alone.
/// </summary>
public sealed class AppendingHelpersDifferentialTests
{
    private const string Before = "x = ";

    [Fact]
    public void Appended_literals_match_the_literal_of_the_whole_text()
    {
        var random = new Random(1605);
        for (var i = 0; i < 20_000; i++)
        {
            var a = RandomText.Next(random, 6);
            var b = RandomText.Next(random, 6);
            var c = i % 3 == 0 ? string.Empty : RandomText.Next(random, 4);
            var d = i % 5 == 0 ? RandomText.Next(random, 4) : string.Empty;
            Assert.Equal(Before + CSharp.Escape(a), new StringBuilder(Before).AppendLiteral(a).ToString());
            Assert.Equal(Before + CSharp.Utf8Literal(a), new StringBuilder(Before).AppendUtf8Literal(a).ToString());
            Assert.Equal(Before + CSharp.Escape(a + b + c + d), new StringBuilder(Before).AppendLiteral(a, b, c, d).ToString());
        }
    }

    [Fact]
    public void Appended_numbers_are_the_invariant_text()
    {
        var random = new Random(1606);
        int[] edges = { 0, 1, 9, 10, 11, 99, 100, 101, 999_999_999, 1_000_000_000, int.MaxValue, -1, -10, int.MinValue };
        foreach (var value in edges.Concat(Enumerable.Range(0, 20_000).Select(i => i % 2 == 0 ? random.Next(1000) : random.Next(int.MinValue, int.MaxValue))))
        {
            Assert.Equal(Before + value.ToString(CultureInfo.InvariantCulture), new StringBuilder(Before).AppendInvariant(value).ToString());
            Assert.Equal(Before + value.ToString(CultureInfo.InvariantCulture), new StringBuilder(Before).AppendIntLiteral(value).ToString());
        }
    }

    [Fact]
    public void Appended_types_and_wire_conversions_match_the_reference()
    {
        var random = new Random(1607);
        string[] formats = { "yyyy-MM-ddTHH:mm:sszzz", "dd.MM.yyyy \"x\"", "a\\b" };
        for (var i = 0; i < 5_000; i++)
        {
            var type = new TypeRef((ValueKind)random.Next(9), "T" + i % 7, IntegerEnum: random.Next(2) == 0, HelperName: "TExtensions");
            var constraints = new Constraints
            {
                DecimalScale = random.Next(3) == 0 ? null : random.Next(-1, 12),
                Rounding = (Rounding)random.Next(3),
                OffsetMinutes = random.Next(3) == 0 ? null : random.Next(-900, 900),
                DateTimeFormat = random.Next(4) == 0 ? null : formats[random.Next(formats.Length)],
            };
            var nullable = random.Next(2) == 0;
            var expression = random.Next(2) == 0 ? "value" : "state.amount";
            var suffix = random.Next(2) == 0 ? string.Empty : ".Value";

            Assert.Equal(Before + ReferenceCSharp.TypeOf(type, nullable), new StringBuilder(Before).AppendType(type, nullable).ToString());
            Assert.Equal(ReferenceCSharp.TypeOf(type, nullable), CSharp.TypeOf(type, nullable));
            Assert.Equal(Before + ReferenceCSharp.IntLiteral(constraints.DecimalScale), new StringBuilder(Before).AppendIntLiteral(constraints.DecimalScale).ToString());
            Assert.Equal(nullable.ToString().ToLowerInvariant(), CSharp.BoolLiteral(nullable));
            Assert.Equal(Before + ReferenceCSharp.ToWire(type, constraints, expression + suffix), new StringBuilder(Before).AppendToWire(type, constraints, expression, suffix).ToString());
            Assert.Equal(ReferenceCSharp.ToWire(type, constraints, expression), CSharp.ToWire(type, constraints, expression));
            Assert.Equal(Before + ReferenceCSharp.FromWire(type, constraints, expression, "Acme.Pay"), new StringBuilder(Before).AppendFromWire(type, constraints, expression, "Acme.Pay").ToString());
            Assert.Equal(ReferenceCSharp.FromWire(type, constraints, expression, "Acme.Pay"), CSharp.FromWire(type, constraints, expression, "Acme.Pay"));
        }
    }
}
