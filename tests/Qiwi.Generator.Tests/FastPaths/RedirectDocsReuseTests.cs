using Qiwi.Generator.Emit;
using Qiwi.Generator.Fuzz;
using Qiwi.Generator.Input;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// A signed redirect builder's parameter docs copied from its unsigned twin's lines (<see cref="ParameterCode.DocsAgain"/>,
/// <see cref="CodeWriter.Repeat"/>) against rendering them again (<see cref="ParameterCode.Docs(CodeWriter, List{ParameterModel})"/>):
/// the redirects' file of the spec and of 300 seeded mutants is the same text both ways; and on seeded random parameters,
/// where the second list repeats, reorders and changes the first's (one doc field at a time, or only what the docs do
/// not show) at the same or another depth, the copied docs are the rendered ones.
/// </summary>
public sealed class RedirectDocsReuseTests
{
    [Fact]
    public void The_redirects_file_is_the_same_with_the_docs_copied()
    {
        var spec = File.ReadAllText(RepositoryPaths.Spec);
        var signed = 0;
        for (var seed = -1; seed < 300; seed++)
        {
            var text = seed < 0 ? spec : SpecMutator.Mutate(spec, seed).Text;
            var model = SpecReader.Read(new SpecFile(GeneratorHarness.SpecPath, text, new SpecOptions(null, null, null, "Demo"))).Model;
            if (model is null)
            {
                continue;
            }

            foreach (var unit in SourceEmitter.Split(model).All().OfType<RedirectsUnit>())
            {
                signed += unit.Spec.Redirects.Count(r => r.Kind == RedirectKind.Outbound && r.Signature is not null);
                var simple = RedirectEmitter.Emit(unit.Spec, unit.Patterns, reuseDocs: false).ToString();
                var fast = RedirectEmitter.Emit(unit.Spec, unit.Patterns, reuseDocs: true).ToString();
                Assert.True(simple == fast, "seed " + seed);
            }
        }

        Assert.True(signed > 200, "only " + signed + " signed builders");
    }

    [Fact]
    public void Copied_docs_are_the_rendered_docs()
    {
        var random = new Random(16_0316);
        var changed = 0;
        for (var i = 0; i < 4_000; i++)
        {
            var first = Enumerable.Range(0, random.Next(0, 6)).Select(_ => Parameter(random)).ToList();
            var second = new List<ParameterModel>();
            for (var count = random.Next(0, 7); second.Count < count;)
            {
                var parameter = first.Count > 0 && random.Next(4) > 0 ? Change(random, first[random.Next(first.Count)]) : Parameter(random);
                changed += first.Contains(parameter) ? 0 : 1;
                second.Add(parameter);
            }

            var depth = random.Next(0, 4);
            var again = random.Next(3) == 0 ? random.Next(0, 4) : depth;
            var kept = new List<ParameterCode.DocLines>();
            var fast = Writer(depth);
            var simple = Writer(depth);
            ParameterCode.Docs(fast, first, kept);
            ParameterCode.Docs(simple, first);
            Depth(fast.Line("between;"), again);
            Depth(simple.Line("between;"), again);
            ParameterCode.DocsAgain(fast, second, kept);
            ParameterCode.Docs(simple, second);
            Assert.True(simple.ToString() == fast.ToString(), "case " + i);
        }

        Assert.True(changed > 5_000, "only " + changed + " changed parameters");
    }

    private static readonly string[] Words = ["id", "amount", "ccy", "comment", "x", "lifetime", "a\nb", "<tag> & `code`", ""];

    private static ParameterModel Parameter(Random random)
    {
        var wire = Words[random.Next(Words.Length - 1)] + random.Next(3);
        var constant = random.Next(4) == 0 ? "v" + random.Next(2) : null;
        return new ParameterModel(wire, "P" + wire, ParameterLocation.Query, TypeRef.String, random.Next(2) == 0, random.Next(5) == 0 ? null : Words[random.Next(Words.Length)],
            Rules(random), constant, "p" + random.Next(4), "t" + random.Next(4));
    }

    private static Constraints Rules(Random random) => random.Next(3) switch
    {
        0 => Constraints.None,
        1 => new Constraints { MaxLength = random.Next(1, 4) },
        _ => new Constraints { MinLength = 1, MaxLength = random.Next(1, 4), Pattern = random.Next(2) == 0 ? "^[a-z]+$" : null },
    };

    /// <summary>The parameter itself, or a copy with one field changed (some of them shown in the docs, some not).</summary>
    private static ParameterModel Change(Random random, ParameterModel p) => random.Next(9) switch
    {
        0 => p,
        1 => p with { Description = p.Description == "x" ? "y" : "x" },
        2 => p with { WireName = p.WireName + "z" },
        3 => p with { ParameterName = p.ParameterName + "z" },
        4 => p with { ConstantValue = p.ConstantValue is null ? "v" : p.ConstantValue + "w" },
        5 => p with { Required = !p.Required },
        6 => p with { Constraints = Rules(random) },
        7 => p with { TextLocalName = p.TextLocalName + "z", Name = p.Name + "z" },
        _ => p with { Location = ParameterLocation.Header, Type = new TypeRef(ValueKind.Int32) },
    };

    private static CodeWriter Writer(int depth) => Depth(new CodeWriter("N").Line("before;"), depth);

    private static CodeWriter Depth(CodeWriter writer, int depth)
    {
        while (writer.Mark().Indent < depth)
        {
            writer.Indent();
        }

        while (writer.Mark().Indent > depth)
        {
            writer.Outdent();
        }

        return writer;
    }
}
