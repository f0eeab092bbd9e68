using Spectre.Console;

namespace Qiwi.Samples.Console;

/// <summary>Runs steps, shows each with what the docs expect and what happened, and remembers whether all behaved.</summary>
internal sealed class Walkthrough
{
    private readonly Table _table = new Table().Border(TableBorder.Rounded).AddColumns("#", "Step", "Expected", "Result");
    private int _number;

    public bool AllBehaved { get; private set; } = true;

    public async Task<T?> StepAsync<T>(string step, string expected, Func<Task<(T Value, bool Behaved, string Result)>> run)
    {
        _number++;
        try
        {
            var (value, behaved, result) = await run();
            Add(step, expected, behaved, result);
            return value;
        }
        catch (Exception exception)
        {
            Add(step, expected, false, exception.GetType().Name + ": " + exception.Message);
            return default;
        }
    }

    public void Show() => AnsiConsole.Write(_table);

    private void Add(string step, string expected, bool behaved, string result)
    {
        AllBehaved &= behaved;
        _table.AddRow(
            new Markup(_number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Markup(Markup.Escape(step)),
            new Markup(Markup.Escape(expected)),
            new Markup((behaved ? "[green]ok[/] " : "[red]FAILED[/] ") + Markup.Escape(result)));
        AnsiConsole.MarkupLine((behaved ? "[green]ok[/]   " : "[red]FAIL[/] ") + Markup.Escape($"{_number}. {step}: {result}"));
    }
}
