using System.Text;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

using static Qiwi.Spec.Tests.Contract.DescriptionMutants;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>
/// The docs' words for parameters and properties against the spec's descriptions (<see cref="ContractDescriptions"/>):
/// every description the check compares, changed one at a time inside the docs' words (each
/// word dropped, seeded characters changed, words put before them), must be noticed at each row that compares it;
/// changes the normalisation allows, and sentences added after the docs' words, must not be; with the rule weakened,
/// changes go unnoticed.
/// </summary>
public sealed class ContractDescriptionTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Changing_the_docs_words_in_any_agreeing_description_breaks_the_contract_at_its_rows()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var (spec, contract) = Fresh();
        Assert.Empty(ContractDescriptions.Problems(spec, DocsPages.Items, contract));

        var rows = Agreeing(spec, contract, DescriptionRule.StartsWithAtSentence);
        var mutants = Mutants(spec, contract, rows).ToList();
        var survivors = Survivors(spec, contract, mutants, rows, DescriptionRule.StartsWithAtSentence);
        output.WriteLine($"{mutants.Count} changes of {rows.Count} agreeing descriptions compared at {rows.Values.Sum(r => r.Count)} rows; {survivors.Count} unnoticed.");
        Assert.True(rows.Count >= 40, $"Only {rows.Count} agreeing descriptions.");
        Assert.True(mutants.Count > 1000, $"Only {mutants.Count} changes.");
        Assert.True(survivors.Count == 0, $"{survivors.Count} of {mutants.Count} changes went unnoticed: " + string.Join("; ", survivors.Take(20)));
    }

    [SkippableFact]
    public void Changes_the_normalisation_allows_and_sentences_added_after_are_not_differences()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var (spec, contract) = Fresh();
        var changed = 0;
        foreach (var locator in Agreeing(spec, contract, DescriptionRule.StartsWithAtSentence).Keys)
        {
            var holder = ContractDescriptions.Holder(spec, locator)!;
            var original = ContractDescriptions.Description(holder);
            var allowed = new[]
            {
                original.TrimEnd('.'),
                "  " + original.Replace(" ", " \t ", StringComparison.Ordinal) + "\n",
                original.Replace('\'', '\u2019'),
                char.ToLowerInvariant(original[0]) + original[1..],
                original.TrimEnd('.') + ". The toolkit says more here.",
            };
            foreach (var text in allowed.Where(t => t != original).Distinct(StringComparer.Ordinal))
            {
                Set(holder, text);
                var problems = ContractDescriptions.Problems(spec, DocsPages.Items, contract).ToList();
                Assert.True(problems.Count == 0, $"{locator} as '{text}': " + string.Join("; ", problems));
                changed++;
            }

            Set(holder, original);
        }

        output.WriteLine($"{changed} allowed changes, none reported.");
        Assert.True(changed > 150, $"Only {changed} allowed changes tried.");
    }

    [SkippableFact]
    public void With_the_rule_weakened_changes_go_unnoticed()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var (spec, contract) = Fresh();
        var strict = Agreeing(spec, contract, DescriptionRule.StartsWithAtSentence);
        var mutants = Mutants(spec, contract, strict).ToList();
        foreach (var weak in new[] { DescriptionRule.Contained, DescriptionRule.AnyNamedDeparture })
        {
            var survivors = Survivors(spec, contract, mutants, strict, weak);
            var unnoticedAnywhere = survivors.Count(s => s.EndsWith("(at no row)", StringComparison.Ordinal));
            output.WriteLine($"{weak}: of {mutants.Count} changes, {unnoticedAnywhere} unnoticed at every row; {survivors.Count - unnoticedAnywhere} (change, row) pairs unnoticed.");
            Assert.True(unnoticedAnywhere > 0, $"{weak}: every change was still noticed somewhere.");
        }
    }

    [SkippableFact]
    public void The_spec_as_it_was_worded_before_the_check_is_reported()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var (spec, contract) = Fresh();

        // Bill's amount as the spec worded it until 2026-11-26: every table that lists bill.amount says more.
        Set(ContractDescriptions.Holder(spec, "desc:prop:Bill/amount")!, "Invoice amount.");
        var problems = ContractDescriptions.Problems(spec, DocsPages.Items, contract).ToList();
        foreach (var row in new[] { "API | Issuing Invoice", "API | Checking Invoice Status", "RESP | Invoice Operations", "MOBILE | Payment Initiation", "MOBILE | Checking Payment Status" })
        {
            Assert.Contains(problems, p => p.Contains($"[{row} | table | bill.amount]", StringComparison.Ordinal));
        }

        // Without D-latestwords and D-onecase, the older pages' and the credential's rows are reported (47 differences).
        (spec, _) = Fresh();
        var lines = File.ReadAllLines(ContractTable.PathOfContract).Where(l => !l.StartsWith("| D-latestwords |", StringComparison.Ordinal) && !l.StartsWith("| D-onecase |", StringComparison.Ordinal)).ToList();
        problems = ContractDescriptions.Problems(spec, DocsPages.Items, ContractTable.Parse(lines)).ToList();
        output.WriteLine($"{problems.Count} differences without D-latestwords and D-onecase.");
        Assert.Equal(47, problems.Count);
        Assert.Contains(problems, p => p.Contains("[WF2017 | Web form with authorization | table | pay_source]", StringComparison.Ordinal) && p.Contains("Visa QIWI Wallet account", StringComparison.Ordinal));
    }

    [Fact]
    public void The_normalisation_drops_bold_markers_and_makes_a_tag_a_space()
    {
        Assert.Equal("Allowed values: qw - QIWI Wallet account", DocText.Normalise("Allowed values:<br>`qw` - QIWI Wallet account"));
        Assert.Equal("Returns for invoices when the user initiates payment", DocText.Normalise("**Returns for invoices when the user initiates payment**"));
        Assert.Equal("Important! Invoice", DocText.Normalise("**Important!** Invoice"));
    }

    [Fact]
    public void The_docs_words_must_begin_the_description_and_end_a_sentence_or_clause()
    {
        Assert.True(ContractDescriptions.Agrees("Invoice amount", "Invoice amount"));
        Assert.True(ContractDescriptions.Agrees("Invoice amount", "Invoice amount. Rounded down"));
        Assert.True(ContractDescriptions.Agrees("Invoice amount", "Invoice amount; rounded down"));
        Assert.True(ContractDescriptions.Agrees("Invoice amount", "Invoice amount (rounded down)"));
        Assert.False(ContractDescriptions.Agrees("Invoice amount", "Invoice amounts"));
        Assert.False(ContractDescriptions.Agrees("Invoice amount", "Invoice amount rounded down"));
        Assert.False(ContractDescriptions.Agrees("Invoice amount", "The invoice amount"));
        Assert.False(ContractDescriptions.Agrees("Invoice amount", "Invoice"));
        Assert.True(ContractDescriptions.Agrees("Bill data. Parameters:", "Bill data. Parameters: bill_id"));
        Assert.False(ContractDescriptions.Agrees("Bill data. Parameters", "Bill data. Parameters bill_id"));
        Assert.True(ContractDescriptions.Agrees("Invoice amount", "The Invoice amount", DescriptionRule.Contained));
    }

    private static (SpecDocument Spec, ContractTable Contract) Fresh()
        => (SpecDocument.Parse(File.ReadAllText(SpecDocument.Current.Path), SpecDocument.Current.Path), ContractTable.Load());

    /// <summary>The rows that compare each description (every one agrees: the first test asserts the check finds nothing).</summary>
    private static Dictionary<string, List<(ContractRow Row, string Docs)>> Agreeing(SpecDocument spec, ContractTable contract, DescriptionRule rule)
    {
        var all = ContractDescriptions.Checked(spec, DocsPages.Items, contract, rule).ToList();
        return all.GroupBy(c => c.Locator, StringComparer.Ordinal)
            .Where(g => g.All(c => c.Problem is null && ContractDescriptions.Agrees(c.Docs, DocText.Normalise(ContractDescriptions.Description(c.Holder)))))
            .ToDictionary(g => g.Key, g => g.Select(c => (c.Row, c.Docs)).Distinct().ToList(), StringComparer.Ordinal);
    }

    /// <summary>Each description changed inside the docs' words (the longest text any row compares): every word dropped, three seeded characters changed, words put before.</summary>
    private static IEnumerable<(string Name, string Locator, string Text)> Mutants(SpecDocument spec, ContractTable contract, Dictionary<string, List<(ContractRow Row, string Docs)>> rows)
    {
        var random = new Random(20261126);
        foreach (var (locator, compared) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var original = ContractDescriptions.Description(ContractDescriptions.Holder(spec, locator)!);
            var docsLength = DocsPartLength(original, compared.Max(c => c.Docs.Length));
            var part = original[..docsLength];
            var rest = original[docsLength..];
            var words = part.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                yield return ($"{locator}: word {i} '{words[i]}' dropped", locator, string.Join(' ', words.Where((_, j) => j != i)) + rest);
            }

            var positions = Enumerable.Range(0, part.Length).Where(i => char.IsAsciiLetterOrDigit(part[i])).ToList();
            for (var n = 0; n < 3 && positions.Count > 0; n++)
            {
                var at = positions[random.Next(positions.Count)];
                var text = new StringBuilder(original);
                text[at] = Other(original[at], random);
                yield return ($"{locator}: character {at} '{original[at]}' -> '{text[at]}'", locator, text.ToString());
            }

            yield return ($"{locator}: words put before", locator, "In short: " + original);
        }
    }

    /// <summary>How many characters of the raw description the docs' words take (the raw text is what is mutated; its normalised start is the docs').</summary>
    private static int DocsPartLength(string raw, int normalisedLength)
    {
        for (var n = 1; n <= raw.Length; n++)
        {
            if (DocText.Normalise(raw[..n]).Length >= normalisedLength)
            {
                return n;
            }
        }

        return raw.Length;
    }

    private static List<string> Survivors(SpecDocument spec, ContractTable contract, List<(string Name, string Locator, string Text)> mutants, Dictionary<string, List<(ContractRow Row, string Docs)>> rows, DescriptionRule rule)
        => DescriptionMutants.Survivors(mutants, locator => ContractDescriptions.Holder(spec, locator)!, ContractDescriptions.Description,
            () => ContractDescriptions.Problems(spec, DocsPages.Items, contract, rule), locator => rows[locator].ConvertAll(r => r.Row.Key));
}
