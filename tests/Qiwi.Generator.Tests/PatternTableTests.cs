using System.Text.RegularExpressions;
using Qiwi.Generator.Emit;
using Qiwi.Generator.Input;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// The pattern fields are named once from the model (<see cref="PatternTable.For"/>), no longer while the files are
/// written, so each file can be emitted alone. Over seeded random placements of patterns (shared ones, quotes,
/// backslashes) on every string parameter and property of the spec (some path parameters made client-level), every file emitted alone refers only to
/// fields the table declares, each call site's field holds that call site's own pattern, and every field is used.
/// </summary>
public sealed class PatternTableTests
{
    private static readonly string?[] Pool = { null, null, null, "^[0-9]{1,10}$", "^[a-z]+$", "^\\d+$", "^[\"']{2}$", "^[A-Z]{3}\\z", "^x\\$" };

    [Fact]
    public void Every_file_emitted_alone_names_the_field_of_its_own_pattern_and_every_field_is_used()
    {
        var spec = RealModel();
        var placed = 0;
        for (var seed = 0; seed < 150; seed++)
        {
            var random = new Random(seed);
            var mutant = WithRandomPatterns(spec, random);
            var units = SourceEmitter.Split(mutant).All();
            var table = PatternTable.For(mutant);
            placed += table.Fields.Count;

            var fields = table.Fields.Select(f => f.Name).ToList();
            Assert.Equal(fields.Count, fields.Distinct().Count());
            Assert.DoesNotContain(table.ClassName, fields);
            Assert.Equal(table.Fields.Count, table.Fields.Select(f => f.Pattern).Distinct().Count());

            var references = new Regex(Regex.Escape(table.ClassName) + @"\.(\w+), (""(?:[^""\\]|\\.)*"")");
            var used = new HashSet<string>();
            foreach (var unit in units.Where(u => u is not PatternsUnit))
            {
                foreach (Match match in references.Matches(SourceEmitter.Emit(unit) ?? string.Empty))
                {
                    var field = table.Fields.SingleOrDefault(f => f.Name == match.Groups[1].Value);
                    Assert.True(field is not null, $"Seed {seed}: {unit.HintName} refers to {match.Groups[1].Value}, which the table does not declare.");
                    Assert.Equal(CSharp.Literal(field!.Pattern), match.Groups[2].Value);
                    used.Add(field.Name);
                }
            }

            Assert.Equal(fields.Order(), used.Order());
            var patterns = units.OfType<PatternsUnit>().SingleOrDefault();
            Assert.Equal(table.IsEmpty, patterns is null);
            if (patterns is not null)
            {
                var text = SourceEmitter.Emit(patterns)!;
                Assert.All(fields, f => Assert.Single(Regex.Matches(text, @"Regex " + f + @" = global::Qiwi\.Runtime\.QiwiPattern\.Compile\(")));
            }
        }

        Assert.True(placed > 300, $"Only {placed} pattern fields over all seeds.");
    }

    [Fact]
    public void A_pattern_the_table_missed_fails_that_file_alone_with_QIWI9999()
    {
        var units = SourceEmitter.Split(RealModel()).All();
        var client = Assert.Single(units.OfType<ClientUnit>());
        var broken = client with { Patterns = client.Patterns with { Fields = EquatableArray<PatternField>.Empty } };

        var (text, error) = SourceEmitter.TryEmit(broken);

        Assert.Null(text);
        Assert.NotNull(error);
        Assert.Equal("QIWI9999", error!.ToDiagnostic().Id);
        Assert.Contains("has no field in QiwiPullPatterns", error.ToDiagnostic().GetMessage(), StringComparison.Ordinal);
        Assert.All(units.Where(u => u != client), u => Assert.Null(SourceEmitter.TryEmit(u).Error));
    }

    private static SpecModel RealModel()
    {
        var result = SpecReader.Read(new SpecFile(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec, new SpecOptions(null, null, null, "Demo")));
        Assert.Empty(result.Diagnostics);
        return result.Model!;
    }

    private static SpecModel WithRandomPatterns(SpecModel spec, Random random)
    {
        // Now and then a string path parameter becomes client-level: then only the path checks use the operation's copy.
        ParameterModel Parameter(ParameterModel p) => p with
        {
            Constraints = Place(p.Type, p.Constraints),
            ClientField = p.ClientField ?? (p.Location == ParameterLocation.Path && random.Next(3) == 0 ? "_" + p.ParameterName : null),
        };
        PropertyModel Property(PropertyModel p) => p with { Constraints = Place(p.Type, p.Constraints) };
        Constraints Place(TypeRef type, Constraints c) => type.Kind is ValueKind.String or ValueKind.OpenEnum ? c with { Pattern = Pool[random.Next(Pool.Length)] } : c;
        EquatableArray<T> Each<T>(EquatableArray<T> items, Func<T, T> change) where T : IEquatable<T> => new(items.Select(change).ToArray());

        return spec with
        {
            Operations = Each(spec.Operations, o => o with { Parameters = Each(o.Parameters, Parameter) }),
            ClientParameters = Each(spec.ClientParameters, Parameter),
            Redirects = Each(spec.Redirects, r => r with { Parameters = Each(r.Parameters, Parameter) }),
            Objects = Each(spec.Objects, m => m with { Properties = Each(m.Properties, Property) }),
        };
    }
}
