using System;
using System.Threading;

namespace Qiwi.Generator;

/// <summary>
/// Where a run looks at the driver's cancellation token: once per spec read, every <see cref="Parsing.YamlLoader"/>
/// stride of nodes loaded, once per component schema, object, operation and webhook read, once per generated file, and
/// once per operation in the client's interface and class (the files that grow with the spec). So a run an IDE gives
/// up on stops within a bounded amount of work, and a check costs nothing measurable (about a hundred a run on
/// spec/qiwi-pull.yaml; none inside a node's or a line's work).
/// </summary>
internal static class Checkpoint
{
    /// <summary>
    /// Tests only (InternalsVisibleTo): called at every checkpoint on this thread, before the token is looked at, with
    /// the checkpoint's kind; a test counts the checkpoints, cancels the run at the n-th, or throws from it to play a
    /// fault at that point. Null in a real run: one thread-static read a checkpoint.
    /// </summary>
    [ThreadStatic]
    internal static Action<string>? t_hook;

    /// <summary>Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static void Pass(CancellationToken cancellationToken, string kind)
    {
        t_hook?.Invoke(kind);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// True when <paramref name="exception"/> is the driver's cancellation of this run (the driver handles it); false
    /// for any other exception, an <see cref="OperationCanceledException"/> of the host's own included, which the
    /// generator reports as a diagnostic: Roslyn's driver takes an OperationCanceledException as a cancellation only
    /// while its token is cancelled, and any other exception as the generator failing (CS8785, every file dropped).
    /// </summary>
    public static bool IsCancellation(Exception exception, CancellationToken cancellationToken)
        => exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
}
