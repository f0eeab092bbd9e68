using Qiwi.Benchmarks.Tools;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.Interruption;

/// <summary>
/// A run cut short at every checkpoint (Checkpoint.cs: the spec read, every stride of YAML nodes, every schema, object,
/// operation and webhook, every file) by the driver's cancellation or by a fault: the cancelled run throws
/// OperationCanceledException to the driver (no QIWI9999), a faulted one finishes with QIWI9999, and either way the
/// next run on this thread and on another gives exactly what a fresh run gives: the per-thread pools (node arena,
/// slice pool, tree frames, code writer's builder, scratch builders) keep nothing of the run that was cut.
/// </summary>
public sealed class CheckpointTests
{
    [Theory]
    [InlineData("cancel")]
    [InlineData("fault")]
    [InlineData("foreign-cancel")]
    public void A_run_cut_at_every_checkpoint_leaves_nothing_behind(string how)
    {
        var cut = how switch { "cancel" => CutRun.Cut.Cancel, "fault" => CutRun.Cut.Fault, _ => CutRun.Cut.ForeignCancel };
        var harness = CutRun.Harness(GeneratorHarness.RealSpec);
        var fresh = CutRun.Whole(harness.Driver, harness.Compilation);
        var checkpoints = CutRun.Checkpoints(harness.Driver, harness.Compilation);
        Assert.Contains("read", checkpoints);
        Assert.Contains("schema", checkpoints);
        Assert.Contains("object", checkpoints);
        Assert.Contains("paths", checkpoints);
        Assert.Contains("x-webhooks", checkpoints);
        Assert.Contains("file", checkpoints);
        Assert.Contains("operation", checkpoints);

        var random = new Random(515);
        for (var at = 1; at <= checkpoints.Count; at++)
        {
            var result = CutRun.Run(harness.Driver, harness.Compilation, at, cut);
            if (cut == CutRun.Cut.Cancel)
            {
                Assert.Null(result);
            }
            else
            {
                // A fault is a QIWI9999 naming it; a fault in a file costs that file only, one in the read every file.
                var run = result!.Value;
                Assert.Null(run.Exception);
                var error = Assert.Single(run.Diagnostics, d => d.Id == "QIWI9999");
                Assert.Contains("checkpoint " + at + " (", error.GetMessage(), StringComparison.Ordinal);
                var freshFiles = harness.Driver.RunGeneratorsAndUpdateCompilation(harness.Compilation, out _, out _).GetRunResult().Results.Single().GeneratedSources.Length;
                Assert.Equal(checkpoints[at - 1] is "file" or "operation" ? freshFiles - 1 : 0, run.GeneratedSources.Length);
            }

            Assert.Equal(fresh, CutRun.Whole(harness.Driver, harness.Compilation));
            if (random.Next(8) == 0)
            {
                Assert.Equal(fresh, CutRun.WholeOnAnotherThread(harness.Driver, harness.Compilation));
            }
        }
    }

    [Fact]
    public void A_large_spec_is_cancellable_all_the_way_through_and_its_checkpoints_grow_with_it()
    {
        // The work between two checkpoints must not grow with the spec: ten times the spec, about ten times the
        // checkpoints of each kind, and YAML node checkpoints once the load is large.
        var one = CutRun.Harness(GeneratorHarness.RealSpec);
        var ten = CutRun.Harness(SpecScaler.Scale(GeneratorHarness.RealSpec, 10), CutRun.LargeSpec);
        var small = CutRun.Checkpoints(one.Driver, one.Compilation);
        var large = CutRun.Checkpoints(ten.Driver, ten.Compilation);
        foreach (var kind in new[] { "schema", "object", "paths", "operation", "file" })
        {
            Assert.InRange(large.Count(k => k == kind), 8 * small.Count(k => k == kind), int.MaxValue);
        }

        Assert.InRange(large.Count(k => k == "nodes"), 2, int.MaxValue);

        // Cut at a seeded sample of its checkpoints (every kind among them): cancelled at the checkpoint it was asked
        // at, and the next run whole.
        var fresh = CutRun.Whole(ten.Driver, ten.Compilation);
        var random = new Random(1010);
        var points = Enumerable.Range(1, large.Count).Where(at => large[at - 1] == "nodes" || random.Next(large.Count / 12) == 0).ToList();
        Assert.Contains(points, at => large[at - 1] == "file");
        foreach (var at in points)
        {
            Assert.Null(CutRun.Run(ten.Driver, ten.Compilation, at, CutRun.Cut.Cancel));
            Assert.Equal(fresh, CutRun.Whole(ten.Driver, ten.Compilation));
        }
    }

    [Fact]
    public void A_spec_read_by_yamldotnet_is_cancellable_while_it_loads()
    {
        // A tab in a comment takes the text off the fast reader's subset: the same stride checks in YamlDotNet's path.
        var spec = SpecScaler.Scale(GeneratorHarness.RealSpec, 5) + "# a\ttab\n";
        var harness = CutRun.Harness(spec, CutRun.LargeSpec);
        var checkpoints = CutRun.Checkpoints(harness.Driver, harness.Compilation);
        var firstNodes = checkpoints.IndexOf("nodes") + 1;
        Assert.True(firstNodes > 0);
        var fresh = CutRun.Whole(harness.Driver, harness.Compilation);
        Assert.Null(CutRun.Run(harness.Driver, harness.Compilation, firstNodes, CutRun.Cut.Cancel));
        Assert.Equal(fresh, CutRun.Whole(harness.Driver, harness.Compilation));
        var faulted = CutRun.Run(harness.Driver, harness.Compilation, firstNodes, CutRun.Cut.Fault)!.Value;
        Assert.Contains(faulted.Diagnostics, d => d.Id == "QIWI9999" && d.GetMessage().Contains("(nodes)", StringComparison.Ordinal));
        Assert.Equal(fresh, CutRun.Whole(harness.Driver, harness.Compilation));
    }
}
