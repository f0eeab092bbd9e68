using System.Net;
using System.Text;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>
/// The transport writes the form body straight to bytes; on seeded random fields (ASCII, Cyrillic, emoji, lone
/// surrogates, every reserved character) it is byte for byte what <see cref="QiwiUrlEncoding.Pairs"/> (built on
/// <see cref="Uri.EscapeDataString(string)"/>) gives in UTF-8.
/// </summary>
public sealed class FormBodyDifferentialTests
{
    private static readonly string[] Pieces = ["a", "Z", "0", "-", "_", ".", "~", " ", "+", "&", "=", "%", ":", "/", "?", "#", "\u00e9", "\u0436", "\u20bd", "\U0001F600", "\uD83D", "\uDE00", "\uFFFD", "\u007f", "\u0000"];

    [Fact]
    public async Task The_form_body_is_what_the_string_encoder_gives_on_seeded_random_fields()
    {
        var random = new Random(16_17);
        using var f = new PipelineFixture();
        for (var round = 0; round < 300; round++)
        {
            var fields = Enumerable.Range(0, random.Next(1, 6)).Select(_ => (Text(random), Text(random))).ToArray();
            f.Handler.Respond(HttpStatusCode.OK, """{"response":{"result_code":0,"bill":{"bill_id":"B"}}}""");

            await f.SendAsync(PipelineFixture.CreateBill("B", fields));

            var expected = QiwiUrlEncoding.Pairs(fields.Select(x => new KeyValuePair<string, string>(x.Item1, x.Item2)).ToList());
            Assert.Equal(expected, f.Handler.Requests[^1].Body);
        }
    }

    private static string Text(Random random) => string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => Pieces[random.Next(Pieces.Length)]));
}
