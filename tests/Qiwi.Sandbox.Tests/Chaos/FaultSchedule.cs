namespace Qiwi.Sandbox.Tests.Chaos;

/// <summary>
/// A seeded sequence of faults for the sandbox's queue: most requests pass (<c>none</c>), the rest meet
/// every kind of fault, before the ledger runs or after it has committed. Runs of <c>none</c> are posted as one entry.
/// </summary>
internal sealed class FaultSchedule(int seed, TimeSpan clientTimeout)
{
    private readonly Random _random = new(seed);

    /// <summary>Faults per kind actually scheduled, for the report.</summary>
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>How many requests the schedule covers so far (faulted or let through).</summary>
    public int Scheduled { get; private set; }

    /// <summary>The next <paramref name="requests"/> requests' faults, compressed into control-API bodies.</summary>
    public List<object> Next(int requests)
    {
        var bodies = new List<object>();
        Scheduled += requests;
        var gap = 0;
        var longDelay = (int)clientTimeout.TotalMilliseconds + 500;
        for (var i = 0; i < requests; i++)
        {
            var roll = _random.NextDouble();
            if (roll >= 0.25)
            {
                gap++;
                continue;
            }

            if (gap > 0)
            {
                bodies.Add(new { kind = "none", count = gap });
                gap = 0;
            }

            var phase = _random.Next(2) == 0 ? "before" : "after";
            var (name, fault) = _random.Next(22) switch
            {
                < 4 => ("drop", (object)new { kind = "drop", phase }),
                < 8 => ("http500", new { kind = "http500", phase }),
                < 12 => ("code 13", new { kind = "resultCode", resultCode = 13, phase }),
                < 16 => ("code 300", new { kind = "resultCode", resultCode = 300, phase }),
                < 20 => ("delay 20 ms", new { kind = "delay", delayMs = 20, phase }),
                _ => ("delay past the timeout", new { kind = "delay", delayMs = longDelay, phase }),
            };
            name += " " + phase;
            Counts[name] = Counts.GetValueOrDefault(name) + 1;
            bodies.Add(fault);
        }

        if (gap > 0)
        {
            bodies.Add(new { kind = "none", count = gap });
        }

        return bodies;
    }
}
