using Qiwi.Generator.Emit;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="FormReaderEmitter.RulesOf"/> (which rules a value has, told from the model; the path checks use it to
/// pick their parameters instead of writing each one's checks into a scratch builder first) against the conditions the
/// checks were written under, as a simple reference, on seeded random types and constraints: the same rules in the same order.
/// </summary>
public sealed class FieldRulesDifferentialTests
{
    [Fact]
    public void Rules_told_from_the_model_match_the_reference()
    {
        var random = new Random(1616);
        var kinds = (ValueKind[])Enum.GetValues(typeof(ValueKind));
        for (var i = 0; i < 20_000; i++)
        {
            var type = new TypeRef(kinds[random.Next(kinds.Length)], "E", IntegerEnum: random.Next(2) == 0);
            var c = new Constraints
            {
                MinLength = Maybe(random, 3),
                MaxLength = Maybe(random, 40),
                Pattern = random.Next(3) == 0 ? "^[0-9]+$" : null,
                Minimum = random.Next(3) == 0 ? "1" : null,
                Maximum = random.Next(3) == 0 ? "100" : null,
                MaxDaysAhead = Maybe(random, 45),
                AllowPast = random.Next(2) == 0,
            };

            var fast = new List<string>();
            var rules = FormReaderEmitter.RulesOf(type, c);
            foreach (FormReaderEmitter.Rule rule in Enum.GetValues(typeof(FormReaderEmitter.Rule)))
            {
                if (rule != FormReaderEmitter.Rule.None && (rules & rule) != 0)
                {
                    fast.Add(rule.ToString());
                }
            }

            Assert.True(string.Join(",", Reference(type, c)) == string.Join(",", fast), "case " + i + ": " + type + " " + c);
        }
    }

    private static int? Maybe(Random random, int value) => random.Next(3) == 0 ? value : null;

    /// <summary>The checks, in order, under the conditions the form reader has always written them.</summary>
    private static List<string> Reference(TypeRef type, Constraints c)
    {
        var checks = new List<string>();
        switch (type.Kind)
        {
            case ValueKind.String:
            case ValueKind.OpenEnum:
                if (c.MinLength is not null || c.MaxLength is not null)
                {
                    checks.Add("Length");
                }

                if (c.Pattern is not null)
                {
                    checks.Add("Pattern");
                }

                break;
            case ValueKind.Decimal:
            case ValueKind.Int32:
            case ValueKind.Int64:
                if (c.Minimum is not null)
                {
                    checks.Add("Minimum");
                }

                if (c.Maximum is not null)
                {
                    checks.Add("Maximum");
                }

                break;
            case ValueKind.DateTime:
                if (c.MaxDaysAhead is not null || !c.AllowPast)
                {
                    checks.Add("DateTimeWindow");
                }

                break;
            case ValueKind.Enum when !type.IntegerEnum:
                checks.Add("Listed");
                break;
        }

        return checks;
    }
}
