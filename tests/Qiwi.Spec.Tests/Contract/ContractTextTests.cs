using System.Text;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

using static Qiwi.Spec.Tests.Contract.DescriptionMutants;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>
/// The docs' words for codes, statuses and enum values against the spec's descriptions (<see cref="ContractTexts"/>):
/// every description the check compares, changed one at a time (a word dropped, a character changed, a sentence
/// added), must be noticed at each row that compares it; changes the normalisation allows must not be; and with the
/// departure excuse weakened, changes go unnoticed.
/// </summary>
public sealed class ContractTextTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Changing_any_compared_description_breaks_the_contract_at_its_rows()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var (spec, contract, pages) = Fresh();
        Assert.Empty(ContractTexts.Problems(spec, DocsPages.Items, contract, pages));

        var rows = RowsByPlace(spec, contract, pages, TextExcuse.ListedTextPlace);
        Assert.True(rows.Count >= 46, $"Only {rows.Count} descriptions compared.");
        Assert.True(rows.Values.Sum(r => r.Count) >= 100, $"Only {rows.Values.Sum(r => r.Count)} comparisons.");
        var mutants = Mutants(spec, rows.Keys).ToList();
        var survivors = Survivors(spec, contract, pages, mutants, rows, TextExcuse.ListedTextPlace);
        output.WriteLine($"{mutants.Count} changes of {rows.Count} descriptions compared at {rows.Values.Sum(r => r.Count)} rows; {survivors.Count} unnoticed.");
        Assert.True(mutants.Count > 300, $"Only {mutants.Count} changes.");
        Assert.True(survivors.Count == 0, $"{survivors.Count} of {mutants.Count} changes went unnoticed: " + string.Join("; ", survivors.Take(20)));
    }

    [SkippableFact]
    public void Changes_the_normalisation_allows_are_not_differences()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var (spec, contract, pages) = Fresh();
        var changed = 0;
        foreach (var (locator, entry) in ContractTexts.Places(spec))
        {
            var original = ContractTexts.Description(entry);
            var allowed = new[]
            {
                original.TrimEnd('.'),
                "  " + original.Replace(" ", " \t ", StringComparison.Ordinal) + "\n",
                original.Replace('\'', '\u2019'),
                char.ToLowerInvariant(original[0]) + original[1..],
            };
            foreach (var text in allowed.Where(t => t != original).Distinct(StringComparer.Ordinal))
            {
                Set(entry, text);
                var problems = ContractTexts.Problems(spec, DocsPages.Items, contract, pages).ToList();
                Assert.True(problems.Count == 0, $"{locator} as '{text}': " + string.Join("; ", problems));
                changed++;
            }

            Set(entry, original);
        }

        Assert.True(changed > 100, $"Only {changed} allowed changes tried.");
    }

    [SkippableFact]
    public void With_the_excuse_weakened_changes_go_unnoticed()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var (spec, contract, pages) = Fresh();
        var strict = RowsByPlace(spec, contract, pages, TextExcuse.ListedTextPlace);
        var mutants = Mutants(spec, strict.Keys).ToList();
        foreach (var weak in new[] { TextExcuse.AnyNamedDeparture, TextExcuse.ListedCodePlace })
        {
            // The weaker rule compares fewer rows: a change the real rule notices at a row goes unnoticed there.
            var survivors = Survivors(spec, contract, pages, mutants, strict, weak);
            var unnoticedAnywhere = survivors.Count(s => s.EndsWith("(at no row)", StringComparison.Ordinal));
            output.WriteLine($"{weak}: of {mutants.Count} changes, {unnoticedAnywhere} unnoticed at every row; {survivors.Count - unnoticedAnywhere} (change, row) pairs unnoticed.");
            foreach (var place in survivors.Where(s => s.EndsWith("(at no row)", StringComparison.Ordinal)).Select(s => s[..s.IndexOf(": ", StringComparison.Ordinal)]).Distinct())
            {
                output.WriteLine($"  unnoticed at every row: {place}");
            }
            Assert.True(unnoticedAnywhere > 0, $"{weak}: every change was still noticed somewhere.");
        }
    }

    [SkippableFact]
    public void The_spec_as_it_was_worded_before_the_check_is_reported()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var (spec, contract, pages) = Fresh();

        // 242 as the spec reworded it until 2026-11-26: all three Error Codes tables say otherwise.
        Set(ContractTexts.Entry(spec, "text:ResultCode/242")!, "Invoice amount is greater than allowed. Also returned to a refund request when the refund exceeds the invoice amount or the amount left after the previous refunds.");
        var problems = ContractTexts.Problems(spec, DocsPages.Items, contract, pages).ToList();
        foreach (var page in new[] { "API", "ERR", "MOBILE" })
        {
            Assert.Contains(problems, p => p.Contains($"[{page} | Error Codes | table | 242]", StringComparison.Ordinal));
        }

        // 1419's "paid" without its erratum: the docs say "payed".
        (spec, _, _) = Fresh();
        var withoutErratum = ContractTable.Parse(File.ReadAllLines(ContractTable.PathOfContract).Where(l => !l.StartsWith("| E-payed |", StringComparison.Ordinal)).ToList());
        problems = ContractTexts.Problems(spec, DocsPages.Items, withoutErratum, pages).ToList();
        Assert.Equal(3, problems.Count(p => p.Contains("| Error Codes | table | 1419]", StringComparison.Ordinal) && p.Contains("payed", StringComparison.Ordinal)));

        // The erratum binds both ways: the spec must then say the corrected word, not the docs' typo.
        Set(ContractTexts.Entry(spec, "text:ResultCode/1419")!, "Bill was already payed.");
        problems = ContractTexts.Problems(spec, DocsPages.Items, contract, pages).ToList();
        Assert.Equal(3, problems.Count(p => p.Contains("| Error Codes | table | 1419]", StringComparison.Ordinal)));

        // A description no docs text is compared with, and no DECISION lists, is reported.
        var uncovered = ContractTable.Parse(File.ReadAllLines(ContractTable.PathOfContract).Where(l => !l.StartsWith("| D-ownwords |", StringComparison.Ordinal)).ToList());
        (spec, _, _) = Fresh();
        Assert.Contains(ContractTexts.Problems(spec, DocsPages.Items, uncovered, pages), p => p.Contains("text:Currency/KZT", StringComparison.Ordinal) && p.Contains("no DECISION", StringComparison.Ordinal));
    }

    [Fact]
    public void The_normalisation_is_exactly_what_it_states()
    {
        Assert.Equal("This merchant's identifier (API ID) is blocked", DocText.Normalise("This merchant\u2019s identifier ([API ID](#auth)) is blocked"));
        Assert.Equal("Invoice with this bill_id already exists", DocText.Normalise("Invoice with this `bill_id` already exists"));
        Assert.Equal("QIWI Wallet user account temporarily blocked", DocText.Normalise("QIWI Wallet user account temporarily blocked<a name=\"fatal\"></a>"));
        Assert.Equal("Success", DocText.Normalise("Success\t "));
        Assert.Equal("A credit/debit card", DocText.Normalise("a credit/debit card."));
        Assert.Equal("Say \"x\" &", DocText.Normalise("say \u201Cx\u201D &amp;"));
        Assert.Equal("Two. Sentences", DocText.Normalise("Two.  Sentences.\n"));

        // Only one period, only the first letter, nothing inside.
        Assert.Equal("Ends.", DocText.Normalise("Ends.."));
        Assert.NotEqual(DocText.Normalise("Bill was already payed"), DocText.Normalise("Bill was already paid"));
        Assert.NotEqual(DocText.Normalise("Not Paid"), DocText.Normalise("Not paid"));
        Assert.NotEqual(DocText.Normalise("IP-addresses blocked"), DocText.Normalise("IP addresses blocked"));
    }

    [Fact]
    public void A_value_row_takes_its_text_from_the_pages_value_lists()
    {
        var page = "pay_source |string| Allowed values:<br>`qw` \u2013 QIWI Wallet account;<br> `mobile` \u2013 client\u2019s cell phone account;<br> `ssk` \u2013 payment by cash.<br> Other|N\n"
            + "pay_source |`mobile`  - the customer's MNO balance|String|Y\nIf the value is `card` the card is used.";
        ContractRow Row(string item) => new(1, "P", "S", "value", item, ["code:X/" + item.Trim('`')], string.Empty);
        IReadOnlyList<string> Of(string item) => DocText.Of(Row(item), null, _ => page);

        Assert.Equal(["QIWI Wallet account"], Of("`qw`"));
        Assert.Equal(["client\u2019s cell phone account", "the customer's MNO balance"], Of("`mobile`"));
        Assert.Equal(["payment by cash."], Of("`ssk`"));
        Assert.Empty(Of("`card`")); // named only in a sentence: no text to compare
        Assert.Empty(DocText.Of(Row("RUB, EUR"), null, _ => page));
    }

    private static (SpecDocument Spec, ContractTable Contract, Func<string, string> Pages) Fresh()
    {
        var cache = new Dictionary<string, string>(StringComparer.Ordinal);
        return (SpecDocument.Parse(File.ReadAllText(SpecDocument.Current.Path), SpecDocument.Current.Path), ContractTable.Load(),
            page => cache.TryGetValue(page, out var text) ? text : cache[page] = DocsPages.PageText(page));
    }

    /// <summary>The rows that compare each description, under an excuse rule.</summary>
    private static Dictionary<string, List<ContractRow>> RowsByPlace(SpecDocument spec, ContractTable contract, Func<string, string> pages, TextExcuse excuse)
        => ContractTexts.Checked(spec, DocsPages.Items, contract, pages, excuse)
            .GroupBy(c => c.Locator, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Row).Distinct().ToList(), StringComparer.Ordinal);

    /// <summary>Each description changed: every word dropped in turn, three seeded characters changed, a sentence added.</summary>
    private static IEnumerable<(string Name, string Locator, string Text)> Mutants(SpecDocument spec, IEnumerable<string> places)
    {
        var random = new Random(20261126);
        foreach (var locator in places.Order(StringComparer.Ordinal))
        {
            var original = ContractTexts.Description(ContractTexts.Entry(spec, locator)!);
            var words = original.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                yield return ($"{locator}: word {i} '{words[i]}' dropped", locator, string.Join(' ', words.Where((_, j) => j != i)));
            }

            var positions = Enumerable.Range(0, original.Length).Where(i => char.IsAsciiLetterOrDigit(original[i])).ToList();
            for (var n = 0; n < 3; n++)
            {
                var at = positions[random.Next(positions.Count)];
                var text = new StringBuilder(original);
                text[at] = Other(original[at], random);
                yield return ($"{locator}: character {at} '{original[at]}' -> '{text[at]}'", locator, text.ToString());
            }

            yield return ($"{locator}: a sentence added", locator, original.TrimEnd('.') + ". Try again later.");
        }
    }

    /// <summary>The changes not noticed at a row that the real rule compares (<paramref name="rows"/>): see <see cref="DescriptionMutants.Survivors"/>.</summary>
    private static List<string> Survivors(SpecDocument spec, ContractTable contract, Func<string, string> pages, List<(string Name, string Locator, string Text)> mutants, Dictionary<string, List<ContractRow>> rows, TextExcuse excuse)
        => DescriptionMutants.Survivors(mutants, locator => ContractTexts.Entry(spec, locator)!, ContractTexts.Description,
            () => ContractTexts.Problems(spec, DocsPages.Items, contract, pages, excuse), locator => rows[locator].ConvertAll(r => r.Key));
}
