namespace Qiwi.Samples.Console;

using Console = System.Console;

/// <summary>
/// Runs steps and prints each one once, on one line: its number, what the docs expect and what happened.
/// Nothing is wrapped or truncated, so URLs stay whole in a terminal and in a log file alike; colour only
/// on a terminal, and never when NO_COLOR is set.
/// </summary>
internal sealed class Walkthrough
{
    private static readonly bool Colour = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
    private int _number;
    private int _failed;

    public bool AllBehaved => _failed == 0;

    public async Task<T?> StepAsync<T>(string step, string expected, Func<Task<(T Value, bool Behaved, string Result)>> run)
    {
        _number++;
        try
        {
            var (value, behaved, result) = await run();
            Report(step, expected, behaved, result);
            return value;
        }
        catch (Exception exception)
        {
            Report(step, expected, false, exception.GetType().Name + ": " + exception.Message);
            return default;
        }
    }

    /// <summary>A heading or a fact about the run, printed as it is.</summary>
    public static void Say(string text) => Console.WriteLine(text);

    /// <summary>The closing line; returns the process exit code.</summary>
    public int Finish()
    {
        Console.WriteLine();
        Console.WriteLine(AllBehaved
            ? Paint($"Every step behaved as the docs say. {_number} steps.", "32;1")
            : Paint($"Some steps did not behave as the docs say: {_failed} of {_number} failed.", "31;1"));
        return AllBehaved ? 0 : 1;
    }

    private void Report(string step, string expected, bool behaved, string result)
    {
        if (!behaved)
        {
            _failed++;
        }

        var mark = behaved ? Paint("ok  ", "32") : Paint("FAIL", "31");
        Console.WriteLine($"{mark} {_number,2}. {step} (expected: {expected}): {result}");
    }

    private static string Paint(string text, string sgr) => Colour ? $"\u001b[{sgr}m{text}\u001b[0m" : text;
}
