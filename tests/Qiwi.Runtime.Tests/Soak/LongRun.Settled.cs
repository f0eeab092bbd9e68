using Qiwi.Runtime.Tests.Soak;

namespace Qiwi.Testing;

/// <summary>The client's long run: waiting for the counted objects to be gone.</summary>
internal static partial class LongRun
{
    /// <summary>
    /// Waits (at most a minute) until nothing counted is live: a timer is disposed just after the task it ends completes
    /// (Task.Delay completes, then disposes its timer), so the last calls' timers may still be on their way out. A leak
    /// stays live, and the assertions after this report it.
    /// </summary>
    public static async Task Settled(params LiveCount[] counts)
    {
        for (var i = 0; i < 6000 && Array.Exists(counts, static c => c.Live != 0); i++)
        {
            await Task.Delay(10);
        }
    }
}
