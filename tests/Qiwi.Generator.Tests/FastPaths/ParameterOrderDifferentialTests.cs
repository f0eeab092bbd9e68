using Qiwi.Generator.Emit;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The parameter order without lists or closures against the simple reference (the emitters' former code): a redirect
/// builder's <see cref="ParameterCode.Ordered{TList, TRule}"/> with <see cref="RedirectEmitter.BuilderOrder"/> against a list
/// of the sent parameters (all but the signature's target), a set of the fields to sign (listed, not optional) and a
/// two-pass ordering that takes those as required; and <see cref="ParameterCode.InOrder"/> against the list
/// <see cref="ParameterCode.Ordered(EquatableArray{ParameterModel})"/> makes. Seeded random parameters (required,
/// optional, constants, flags, client-level) drawn from few wire names, and signatures over them.
/// </summary>
public sealed class ParameterOrderDifferentialTests
{
    private static readonly string[] Wires = ["a", "b", "sign", "c", "d", "e"];

    [Fact]
    public void Builder_order_and_enumerated_order_are_the_reference_lists()
    {
        var random = new Random(16_0317);
        var forced = 0;
        for (var i = 0; i < 6_000; i++)
        {
            var parameters = new EquatableArray<ParameterModel>(Enumerable.Range(0, random.Next(0, 9)).Select(_ => Parameter(random)).ToArray());
            var signature = random.Next(4) == 0 ? null : new SignatureModel(SignatureAlgorithm.HmacSha1, "key", Wires[random.Next(Wires.Length)], false,
                new EquatableArray<string>(Pick(random)), new EquatableArray<string>(Pick(random)), "|", SignatureEncoding.Hex);
            foreach (var signed in new[] { false, true })
            {
                var expected = Reference(parameters, signature, signed && signature is not null);
                var actual = ParameterCode.Ordered(parameters, new RedirectEmitter.BuilderOrder(signature, signed));
                Assert.True(expected.SequenceEqual(actual), "case " + i + (signed ? " signed" : string.Empty));
                forced += actual.Count(p => !parameters.AsArray().Contains(p));
            }

            var list = ParameterCode.Ordered(parameters);
            var enumerated = new List<ParameterModel>();
            foreach (var parameter in ParameterCode.InOrder(parameters))
            {
                enumerated.Add(parameter);
            }

            Assert.True(list.Count == enumerated.Count && list.Zip(enumerated).All(p => ReferenceEquals(p.First, p.Second)), "case " + i + " in order");
        }

        Assert.True(forced > 1_000, "only " + forced + " parameters taken as required");
    }

    /// <summary>The former code: the sent parameters' list, the set of fields to sign, a predicate over it.</summary>
    private static List<ParameterModel> Reference(EquatableArray<ParameterModel> parameters, SignatureModel? signature, bool signed)
    {
        var sent = parameters.Where(p => signature is null || p.WireName != signature.Target).ToList();
        var mustSign = new HashSet<string>();
        if (signed)
        {
            foreach (var field in signature!.Fields)
            {
                if (Array.IndexOf(signature.Optional.AsArray(), field) < 0)
                {
                    mustSign.Add(field);
                }
            }
        }

        var ordered = new List<ParameterModel>();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var parameter in sent)
            {
                if (parameter.IsConstant || parameter.ClientLevel)
                {
                    continue;
                }

                var first = (parameter.Required || mustSign.Contains(parameter.WireName)) && !parameter.IsFlag;
                if (first == (pass == 0))
                {
                    ordered.Add(first && !parameter.Required ? parameter with { Required = true } : parameter);
                }
            }
        }

        return ordered;
    }

    private static string[] Pick(Random random) => Wires.Where(_ => random.Next(3) == 0).ToArray();

    private static ParameterModel Parameter(Random random)
    {
        var wire = Wires[random.Next(Wires.Length)];
        return new ParameterModel(wire, "P" + wire, ParameterLocation.Query, TypeRef.String, random.Next(2) == 0, null, Constraints.None,
            random.Next(4) == 0 ? "v" : null, "p" + wire + random.Next(100), "t", random.Next(6) == 0 ? "_field" : null);
    }
}
