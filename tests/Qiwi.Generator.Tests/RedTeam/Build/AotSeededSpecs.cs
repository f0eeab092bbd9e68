using System.Text;
using CsCheck;
using Qiwi.Generator.Fuzz;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam.Build;

/// <summary>
/// Seeded specs the generator accepts, drawn from the red team's spec generators: the real and the mini spec, one with a
/// client-level setting of every kind, the name clash specs (<see cref="GeneratedNameClashTests.Specs"/>), a hostile
/// name in every place a name lands (<see cref="HostileSpecs.Places"/>) and mutants of the real spec
/// (<see cref="SpecMutator"/>). Only a spec the
/// generator takes without a single diagnostic counts (a refused spec generates nothing to check).
/// </summary>
internal static class AotSeededSpecs
{
    /// <summary>One accepted spec: where it came from (enough to make it again) and its text.</summary>
    public sealed record Accepted(string Origin, string Text);

    /// <summary>The specs, the same on every run for the same arguments; <paramref name="scale"/> multiplies each source's count.</summary>
    public static IReadOnlyList<Accepted> Draw(int scale)
    {
        var specs = new List<Accepted>();
        // The real and the mini spec, and a client-level setting of every kind (read from configuration by the generated
        // options, registered by the generated AddXxxClient): what the seeded sources below vary.
        Take(specs, new[] { ("real spec", GeneratorHarness.RealSpec), ("mini spec", MiniSpec.Text), ("client settings of every kind", ClientSettingsReadTests.Spec) }, 3);

        var clash = GeneratedNameClashTests.Specs();
        var pcg = new PCG(1126, 20261126);
        Take(specs, Enumerable.Range(0, 40 * scale).Select(i => ("clash spec #" + i, clash.Generate(pcg, null, out _).Text)), 10 * scale);

        foreach (var (place, spec) in HostileSpecs.Places)
        {
            var names = HostileNames.Seeded(seed: 2611 + place.Length * 31 + place[0], 8 * scale);
            // Real-spec places cost ten times the mini spec's: one of each, the mini spec's places twice as many. Some
            // places refuse most hostile names (a C# keyword as a client name): fewer is no failure here, the caller
            // checks the total.
            var count = place.StartsWith("real:", StringComparison.Ordinal) ? scale : 2 * scale;
            Take(specs, names.Select(name => (place + " " + HostileNames.Yaml(name), spec(name))), count, required: false);
        }

        var real = GeneratorHarness.RealSpec;
        Take(specs, Enumerable.Range(0, 200 * scale).Select(seed => ("mutant " + seed + " of spec/qiwi-pull.yaml", SpecMutator.Mutate(real, seed).Text)), 6 * scale);
        return specs;
    }

    /// <summary>The first <paramref name="count"/> candidates the generator accepts without a diagnostic (fewer fails the test when <paramref name="required"/>).</summary>
    private static void Take(List<Accepted> specs, IEnumerable<(string Origin, string Text)> candidates, int count, bool required = true)
    {
        var taken = 0;
        foreach (var (origin, text) in candidates.Where(c => IsFileText(c.Text)))
        {
            var result = GeneratorHarness.ForSpec(text).Run();
            if (result.Exception is null && result.Diagnostics.IsEmpty && !result.GeneratedSources.IsEmpty)
            {
                specs.Add(new Accepted(origin, text));
                if (++taken == count)
                {
                    return;
                }
            }
        }

        Assert.False(required, "only " + taken + " of the candidates for " + count + " specs were accepted: the source of specs changed, the draw no longer draws");
    }

    /// <summary>Whether a file can hold the text (a mutant with a lone surrogate cannot be saved as UTF-8, so no project holds it).</summary>
    private static bool IsFileText(string text)
    {
        try
        {
            Strict.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
