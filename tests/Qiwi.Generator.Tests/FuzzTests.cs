using Qiwi.Generator.Fuzz;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// Issue 10's invariants over seeded mutants of spec/qiwi-pull.yaml, every kind of damage four times,
/// each batch in a child process (a stack overflow fails its mutant, not the test host): no exception escapes
/// the driver, no QIWI9999, every diagnostic at a real place in the spec, and without a QIWI error the generated
/// code compiles with zero warnings (nullable, XML docs). The 10,000-mutant run is benchmarks/generator-fuzz.sh.
/// </summary>
public sealed class FuzzTests
{
    private static readonly int Kinds = Enum.GetValues<MutationKind>().Length;

    [Fact]
    public void Seeded_mutants_of_the_spec_never_break_the_generators_promise()
    {
        var count = Kinds * 4;
        var results = new FuzzSupervisor(RepositoryPaths.Spec) { BatchSize = (count + 1) / 2 }.Run(0, count);

        Assert.Equal(count, results.Count);
        Assert.Equal(Enumerable.Range(0, count), results.Select(r => r.Seed).Order());
        Assert.All(Enum.GetValues<MutationKind>(), kind => Assert.Contains(results, r => r.Kind == kind));
        var failures = results.Where(r => r.Failure is not null).ToList();
        Assert.True(failures.Count == 0, "Reproduce with `dotnet Qiwi.Generator.Fuzz.dll mutant spec/qiwi-pull.yaml SEED`:\n" + FuzzReport.Markdown(results, 0));

        // The run exercised both sides: mutants the generator rejects, and mutants whose code was compiled.
        Assert.Contains(results, r => r.Diagnostics > 0);
        Assert.Contains(results, r => r.Diagnostics == 0 && r.Generated);
    }

    [Fact]
    public void A_crashing_child_names_its_mutant_and_the_rest_of_the_batch_still_runs()
    {
        // The child dies on this seed (QIWI_FUZZ_CRASH_SEED, set for the children alone, makes it fail fast, as a stack overflow would).
        var crash = Kinds + 3;
        var results = new FuzzSupervisor(RepositoryPaths.Spec) { BatchSize = 100, CrashSeed = crash }.Run(Kinds, 6);

        Assert.Equal(Enumerable.Range(Kinds, 6), results.Select(r => r.Seed).Order());
        var failure = Assert.Single(results, r => r.Failure is not null);
        Assert.Equal((crash, "crash"), (failure.Seed, failure.Failure));
        Assert.Equal(SpecMutator.KindOf(crash), failure.Kind);
    }
}
