using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Parsing;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="NameRegistry.LocalScope"/> (one scope reused from type to type and method to method, emptied between)
/// against a new scope each time, on seeded random runs of reservations, reserved sets and claims of one to four names
/// from a small alphabet (so collisions are common): the same answers, owners and QIWI0006 diagnostics, also when a
/// scope is taken while another is still in use.
/// </summary>
public sealed class ScopeReuseDifferentialTests
{
    private static readonly string[] Alphabet = { "A", "B", "C", "Id", "Name", "name", "_x", "Value", "value", "D" };

    [Fact]
    public void A_reused_scope_answers_as_a_new_one()
    {
        var random = new Random(5077);
        var reusedDiagnostics = new List<DiagnosticInfo>();
        var newDiagnostics = new List<DiagnosticInfo>();
        var reused = Registry(reusedDiagnostics, out var reusedContext);
        var fresh = Registry(newDiagnostics, out var freshContext);
        var claims = 0;
        var refused = 0;
        for (var round = 0; round < 3000; round++)
        {
            var reserved = round % 3 == 0 ? new HashSet<string>(Alphabet.Where(_ => random.Next(4) == 0), StringComparer.Ordinal) : null;
            var nested = round % 7 == 0; // a second scope taken while the first is in use
            using var a = reused.LocalScope(random.Next(0, 8), random.Next(0, 8));
            var b = NameRegistry.NewScope(random.Next(0, 8), random.Next(0, 8));
            using var nestedScope = nested ? reused.LocalScope(1, 1) : null;
            var nestedReference = nested ? NameRegistry.NewScope() : null;
            var steps = random.Next(1, 24);
            for (var step = 0; step < steps; step++)
            {
                var owner = new Phrase("owner ", round.ToString(System.Globalization.CultureInfo.InvariantCulture), "/", step.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var names = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray();
                var span = new SourceSpan(step, step + 1, round, step, round, step + 1);
                var inNested = nested && random.Next(2) == 0;
                var (scope, reference) = inNested ? (nestedScope!, nestedReference!) : (a, b);
                switch (random.Next(5))
                {
                    case 0:
                        scope.Reserve(names[0], owner);
                        reference.Reserve(names[0], owner);
                        break;
                    case 1 when reserved is not null && step == 0:
                        scope.ReserveAll(reserved, owner);
                        reference.ReserveAll(reserved, owner);
                        break;
                    default:
                        var expected = Claim(reference, freshContext, span, owner, names);
                        Assert.Equal(expected, Claim(scope, reusedContext, span, owner, names));
                        claims++;
                        refused += expected ? 0 : 1;
                        break;
                }

                foreach (var name in Alphabet)
                {
                    Assert.Equal(reference.OwnerOf(name), scope.OwnerOf(name));
                }
            }
        }

        Assert.Equal(newDiagnostics, reusedDiagnostics);
        Assert.InRange(refused, claims / 10, claims - (claims / 10)); // both answers common: the comparison proves something
    }

    private static bool Claim(NameRegistry.Scope scope, ParseContext context, SourceSpan span, Phrase owner, string[] names) => names.Length switch
    {
        1 => scope.Claim(context, span, owner, names[0]),
        2 => scope.Claim(context, span, owner, names[0], names[1]),
        3 => scope.Claim(context, span, owner, names[0], names[1], names[2]),
        _ => scope.Claim(context, span, owner, names[0], names[1], names[2], names[3]),
    };

    private static NameRegistry Registry(List<DiagnosticInfo> diagnostics, out ParseContext context)
    {
        context = new ParseContext("/scope.yaml", new YamlMap(Array.Empty<YamlEntry>(), SourceSpan.Empty, 1), diagnostics);
        return new NameRegistry(context, "Api", "Demo");
    }
}
