using Qiwi.Generator.Parsing;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The fast reader's one-search scans against the two-search code they replace, on seeded random lines built from
/// the characters that matter (':', '#', spaces, '\n', "\r\n", letters) at every start offset: the ':' ending a plain
/// key (a loop over the key's characters against the line's end, then a vectorized search of its stops) and the end
/// of a plain value (its first 24 characters one by one, then one search for '#', ':' or '\n', against the line's end,
/// then its stops), -1 where either gives up. Lines run from empty to past 1,000 characters, so the stops fall before,
/// at and after the 24th character; a loop that misses a comment's '#' fails here.
/// </summary>
public sealed class FastYamlReaderScanDifferentialTests
{
    [Fact]
    public void Key_colons_and_value_ends_are_where_the_line_end_and_stop_searches_put_them()
    {
        var random = new Random(4099);
        string[] pieces = { ":", "#", " ", " ", "a", "bc", "\n", "\r\n", ": ", " #", "-", "'", "\"", "key", new string('k', 990) };
        var found = 0;
        var given = 0;
        for (var round = 0; round < 1500; round++)
        {
            var builder = new System.Text.StringBuilder();
            var count = random.Next(0, 24);
            for (var i = 0; i < count; i++)
            {
                builder.Append(pieces[random.Next(round % 5 == 0 ? pieces.Length : pieces.Length - 1)]);
            }

            var text = builder.ToString();
            Assert.True(FastYamlReader.OnlySafeCharacters(text));
            for (var start = 0; start <= text.Length; start++)
            {
                var key = FastYamlReader.CompareKeyColon(text, start);
                Assert.True(key.Simple == key.Fast, "key colon at " + start + " of " + Show(text) + ": " + key.Fast + ", the reference " + key.Simple);
                var value = FastYamlReader.ComparePlainValueEnd(text, start);
                Assert.True(value.Simple == value.Fast, "value end at " + start + " of " + Show(text) + ": " + value.Fast + ", the reference " + value.Simple);
                found += key.Fast >= 0 ? 1 : 0;
                given += value.Fast < 0 ? 1 : 0;
            }
        }

        // Both answers are common: the comparison proves something either way.
        Assert.True(found > 1000, found + " key colons found");
        Assert.True(given > 1000, given + " values given up on");
    }

    private static string Show(string text) => "\"" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
