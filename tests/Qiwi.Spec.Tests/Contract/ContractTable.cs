namespace Qiwi.Spec.Tests.Contract;

/// <summary>A row of docs/contract.md's items table: a docs item and where the spec holds it.</summary>
internal sealed record ContractRow(int Line, string Page, string Section, string Kind, string Item, IReadOnlyList<string> Locators, string Note)
{
    public string Key => Page + " | " + Section + " | " + Kind + " | " + Item;
}

/// <summary>A row of docs/contract.md's departures table: a DECISION or FIXED of the spec, with its reason.</summary>
internal sealed record DepartureRow(int Line, string Id, string Kind, IReadOnlyList<string> Locators, string Sources, string Reason);

/// <summary>docs/contract.md, read back: the items table and the departures table.</summary>
internal sealed class ContractTable
{
    public const string ItemsHeader = "| Page | Section | Kind | Item | Spec | Note |";
    public const string DeparturesHeader = "| # | Kind | Spec | Sources | Decision and reason |";

    private ContractTable(IReadOnlyList<ContractRow> rows, IReadOnlyList<DepartureRow> departures)
    {
        Rows = rows;
        Departures = departures;
    }

    public IReadOnlyList<ContractRow> Rows { get; }

    public IReadOnlyList<DepartureRow> Departures { get; }

    public static string PathOfContract => Path.Combine(SpecDocument.RepositoryRoot, "docs", "contract.md");

    public static ContractTable Load() => Parse(File.ReadAllLines(PathOfContract));

    public static ContractTable Parse(IReadOnlyList<string> lines)
    {
        var rows = new List<ContractRow>();
        var departures = new List<DepartureRow>();
        string? table = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line == ItemsHeader || line == DeparturesHeader)
            {
                table = line;
                i++; // the separator
                continue;
            }

            if (table is null || !line.StartsWith('|'))
            {
                table = line.Length == 0 ? table : null;
                continue;
            }

            var cells = Split(line);
            Assert.True(cells.Count == 6 || (table == DeparturesHeader && cells.Count == 5), $"docs/contract.md line {i + 1}: {cells.Count} cells");
            if (table == ItemsHeader)
            {
                rows.Add(new ContractRow(i + 1, cells[0], cells[1], cells[2], Unescape(CodeSpan(cells[3])), Locators(cells[4]), cells[5]));
            }
            else
            {
                departures.Add(new DepartureRow(i + 1, cells[0], cells[1], Locators(cells[2]), cells[3], cells[4]));
            }
        }

        return new ContractTable(rows, departures);
    }

    /// <summary>Locators are written as code spans: <c>`param:webForm/summ`</c>, several separated by spaces.</summary>
    private static List<string> Locators(string cell)
        => cell.Split('`', StringSplitOptions.None).Where((_, index) => index % 2 == 1).Select(Unescape).ToList();

    /// <summary>Cells split on unescaped <c>|</c> (an item may contain <c>\|</c>).</summary>
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] == '|')
            {
                current.Append("\\|");
                i++;
            }
            else if (line[i] == '|')
            {
                cells.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(line[i]);
            }
        }

        return cells;
    }

    /// <summary>The text of a code span: <c>`x`</c>, or <c>`` x `y` ``</c> when it holds backticks.</summary>
    private static string CodeSpan(string cell)
        => cell.StartsWith("``", StringComparison.Ordinal) && cell.EndsWith("``", StringComparison.Ordinal) && cell.Length >= 4 ? cell[2..^2].Trim()
            : cell.Length >= 2 && cell[0] == '`' && cell[^1] == '`' ? cell[1..^1]
            : cell;

    private static string Unescape(string text) => text.Replace("\\|", "|", StringComparison.Ordinal);
}
