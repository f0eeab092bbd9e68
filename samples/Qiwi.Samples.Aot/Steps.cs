namespace Qiwi.Samples.Aot;

/// <summary>Runs the sample's steps and prints each on one line: what the docs expect and what happened.</summary>
internal sealed class Steps
{
    private int _number;
    private int _failed;

    public async Task RunAsync(string step, string expected, Func<Task<(bool Behaved, string Result)>> run)
    {
        _number++;
        bool behaved;
        string result;
        try
        {
            (behaved, result) = await run();
        }
        catch (Exception exception)
        {
            (behaved, result) = (false, exception.GetType().Name + ": " + exception.Message);
        }

        if (!behaved)
        {
            _failed++;
        }

        Console.WriteLine($"{_number}. {step} (expected: {expected}): {(behaved ? "ok" : "FAIL")}, {result}");
    }

    /// <summary>The closing line; returns the process exit code.</summary>
    public int Finish()
    {
        Console.WriteLine(_failed == 0 ? "Every step behaved as the docs say." : $"{_failed} of {_number} steps did not behave as the docs say.");
        return _failed == 0 ? 0 : 1;
    }
}
