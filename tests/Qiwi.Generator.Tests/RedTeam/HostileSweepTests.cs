using Qiwi.Generator.Fuzz;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// Red team of the generator, promises (1) and (2) over seeded hostile names (<see cref="HostileNames"/>) in every place
/// a name lands (<see cref="HostileSpecs.Places"/>): no exception, no QIWI9999, every diagnostic at a real place in the
/// spec, and without a QIWI error the generated code compiles with zero warnings (nullable, XML docs): the fuzzer's
/// invariants (<see cref="MutantCheck"/>), where the fuzzer mutates at random and rarely makes such names.
/// </summary>
public sealed class HostileSweepTests
{
    public static TheoryData<string> PlaceNames() => new(HostileSpecs.Places.Keys);

    [Theory]
    [MemberData(nameof(PlaceNames))]
    public void Seeded_hostile_names_keep_the_generators_promise(string place)
    {
        // A place in the real spec costs about ten of the mini spec's; the seed differs per place, the same on every run.
        var count = place.StartsWith("real:", StringComparison.Ordinal) ? 4 : 14;
        var names = HostileNames.Seeded(seed: 1126 + place.Length * 31 + place[0], count);
        var failures = new List<string>();
        var outcomes = new HashSet<bool>();
        foreach (var name in names)
        {
            var result = MutantCheck.Check(new Mutant(0, MutationKind.Several, HostileSpecs.Places[place](name)));
            if (result.Failure is not null)
            {
                failures.Add(HostileNames.Yaml(name) + ": " + result.Failure + ": " + result.Detail?.Split('\n')[0]);
            }

            outcomes.Add(result.Diagnostics == 0 && result.Generated);
        }

        Assert.True(failures.Count == 0, place + ":\n" + string.Join("\n", failures));
        Assert.Contains(true, outcomes); // some of the names were compiled, not all refused
    }
}
