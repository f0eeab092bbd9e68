using Microsoft.CodeAnalysis;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.Interruption;

/// <summary>
/// Runs a driver once, cut short at the n-th <see cref="Checkpoint"/> of this thread: by cancelling the run's token
/// there (the driver must throw OperationCanceledException), or by throwing a fault there (the run must finish with
/// a QIWI9999). The driver is immutable: a run from the same driver starts from the same state each time.
/// </summary>
internal static class CutRun
{
    public enum Cut
    {
        Cancel,
        Fault,
        ForeignCancel, // an OperationCanceledException that is not the run's: a fault like any other
    }

    /// <summary>The checkpoints a whole run from <paramref name="driver"/> passes, by kind, in order.</summary>
    public static List<string> Checkpoints(GeneratorDriver driver, Compilation compilation)
    {
        var seen = new List<string>();
        Checkpoint.t_hook = seen.Add;
        try
        {
            _ = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _);
        }
        finally
        {
            Checkpoint.t_hook = null;
        }

        return seen;
    }

    /// <summary>
    /// A run cut at checkpoint <paramref name="at"/> (from 1): null when cancelled (after checking that the driver threw
    /// and that no checkpoint was passed after the one that cancelled), else the finished run's result.
    /// </summary>
    public static GeneratorRunResult? Run(GeneratorDriver driver, Compilation compilation, int at, Cut cut)
    {
        using var cancellation = new CancellationTokenSource();
        var passed = 0;
        Checkpoint.t_hook = kind =>
        {
            if (++passed != at)
            {
                return;
            }

            switch (cut)
            {
                case Cut.Cancel:
                    cancellation.Cancel();
                    break;
                case Cut.Fault:
                    throw new InvalidOperationException("fault at checkpoint " + at + " (" + kind + ")");
                default:
                    throw new OperationCanceledException("the host's own cancellation at checkpoint " + at + " (" + kind + ")");
            }
        };
        try
        {
            if (cut == Cut.Cancel)
            {
                Assert.ThrowsAny<OperationCanceledException>(() => driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _, cancellation.Token));
                Assert.Equal(at, passed); // observed at the very checkpoint it was asked at
                return null;
            }

            var after = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _, cancellation.Token);
            Assert.True(passed >= at);
            return after.GetRunResult().Results.Single();
        }
        finally
        {
            Checkpoint.t_hook = null;
        }
    }

    /// <summary>A whole run from <paramref name="driver"/> on this thread.</summary>
    public static string Whole(GeneratorDriver driver, Compilation compilation)
        => RunFingerprint.Of(driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _).GetRunResult().Results.Single());

    /// <summary>A whole run from <paramref name="driver"/> on a new thread.</summary>
    public static string WholeOnAnotherThread(GeneratorDriver driver, Compilation compilation)
    {
        string? fingerprint = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                fingerprint = Whole(driver, compilation);
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return fingerprint!;
    }

    public static GeneratorHarness Harness(string spec, IReadOnlyDictionary<string, string>? metadata = null) => GeneratorHarness.ForSpec(spec, metadata);

    /// <summary>Item metadata that lets a scaled spec past the default size limits, as GenerationScalingCommand sets them.</summary>
    public static readonly IReadOnlyDictionary<string, string> LargeSpec = new Dictionary<string, string>
    {
        ["QiwiMaxSpecCharacters"] = "67108864",
        ["QiwiMaxSpecNodes"] = "10000000",
    };
}
