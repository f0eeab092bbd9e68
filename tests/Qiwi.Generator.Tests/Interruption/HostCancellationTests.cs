using Microsoft.CodeAnalysis;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.Interruption;

/// <summary>
/// What the host's objects throw, as Roslyn 4.8's driver sees it. The driver treats an OperationCanceledException as
/// a cancellation only while its own token is cancelled (UserFunctionExtensions: IsCurrentOperationBeingCancelled);
/// any other exception out of a step marks the generator failed (CS8785) and drops all its files. So an
/// OperationCanceledException the host throws for its own reasons, with the driver's token not cancelled, must
/// become a diagnostic like any other host failure; with the driver's token cancelled it must reach the driver as it is.
/// </summary>
public sealed class HostCancellationTests
{
    public static TheoryData<string> Failures => new() { "canceled", "task-canceled", "io" };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_host_failure_reading_the_spec_is_a_diagnostic_when_the_run_is_not_cancelled(string kind)
    {
        var failure = Failure(kind);
        var harness = new GeneratorHarness(new[] { new TestAdditionalText(GeneratorHarness.SpecPath, MiniSpec.Text, failure) });

        var result = harness.Run();

        Assert.Null(result.Exception);
        Assert.DoesNotContain(harness.Driver.GetRunResult().Diagnostics, d => d.Id == "CS8785");
        var error = Assert.Single(result.Diagnostics, d => d.Id == "QIWI9999");
        Assert.Equal(GeneratorHarness.SpecPath, error.Location.GetLineSpan().Path);
        Assert.Contains(failure.GetType().Name, error.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void A_host_failure_leaves_nothing_behind_for_the_next_run()
    {
        // The same spec read after each kind of failure, on the same thread: what a fresh run gives.
        var fresh = RunFingerprint.Of(GeneratorHarness.ForSpec(MiniSpec.Text).Run());
        foreach (var kind in new[] { "canceled", "task-canceled", "io" })
        {
            var failing = new GeneratorHarness(new[] { new TestAdditionalText(GeneratorHarness.SpecPath, MiniSpec.Text, Failure(kind)) });
            _ = failing.Run();
            Assert.Equal(fresh, RunFingerprint.Of(GeneratorHarness.ForSpec(MiniSpec.Text).Run()));
        }
    }

    [Fact]
    public void A_host_that_cancels_the_run_while_the_spec_is_read_cancels_it_without_a_diagnostic()
    {
        // GetText cancels the driver's token and throws, as a workspace does when the run is given up: the driver
        // throws OperationCanceledException (the run is discarded), not a QIWI9999, not CS8785.
        using var cancellation = new CancellationTokenSource();
        var text = new CancellingText(GeneratorHarness.SpecPath, MiniSpec.Text, cancellation);
        var harness = new GeneratorHarness(new AdditionalText[] { text });

        Assert.ThrowsAny<OperationCanceledException>(() => harness.Driver.RunGeneratorsAndUpdateCompilation(harness.Compilation, out _, out _, cancellation.Token));
        Assert.True(text.Cancelled);

        // The same driver run again (as an IDE does after a cancelled run) gives what a fresh run gives.
        Assert.Equal(RunFingerprint.Of(GeneratorHarness.ForSpec(MiniSpec.Text).Run()), RunFingerprint.Of(harness.Run()));
    }

    private static Exception Failure(string kind) => kind switch
    {
        "canceled" => new OperationCanceledException("the host's own text load was cancelled"),
        "task-canceled" => new TaskCanceledException("the host's own read timed out"),
        _ => new IOException("the disk went away"),
    };

    /// <summary>Cancels the run's token the first time its text is asked for, and throws as a cancelled read does.</summary>
    private sealed class CancellingText(string path, string text, CancellationTokenSource cancellation) : AdditionalText
    {
        public bool Cancelled { get; private set; }

        public override string Path => path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default)
        {
            if (!Cancelled)
            {
                Cancelled = true;
                cancellation.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return Microsoft.CodeAnalysis.Text.SourceText.From(text);
        }
    }
}
