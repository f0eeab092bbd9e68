using System.Globalization;
using Qiwi.Runtime;

namespace Qiwi.Tests.Shared;

/// <summary>
/// Seeded client settings, each drawn good or with a slip of configuration text (a trailing <c>\n</c> or <c>\r\n</c>, a
/// tab, a NUL, a leading space, a bare number read as days, an undefined enum number, names joined by a comma), each
/// with the text a configuration holds and the value code would set for it (what <c>Bind</c> makes of the text), and the
/// exact failures expected when the setting came from text and when it was set in code. A failure carries its rank in
/// <see cref="QiwiClientOptions.GetErrors"/>: unreadable text first, then the settings' checks in their order, then the
/// slips of text; so the expected list of a configuration is its slots' failures ordered by rank.
/// </summary>
internal static class SettingTextSlips
{
    public const string ApiIdSlip = "ApiId must not contain white space or control characters (a space or line break copied with it, or the end of a secret file?).";
    public const string ApiPasswordSlip = "ApiPassword must not contain control characters or start or end with white space (a line break at the end of a secret file, or a space copied with it?); its value is not shown.";
    public const string MediaTypeUndefined = "MediaType must be Json or Xml.";
    public const string MediaTypeUnreadable = "MediaType must be one of Json, Xml; the configured text is not (it is not shown).";
    public const string MaxDelayBelowBase = "Retry.MaxDelay must not be negative, and must be at least Retry.BaseDelay.";

    public static string Days(string setting, TimeSpan value)
        => string.Create(CultureInfo.InvariantCulture, $"{setting} is {value:c}, a day or more: configuration reads a bare number as days (write 00:00:30 for 30 seconds).");

    /// <summary>One expected failure: its rank in the list, the setting, the message.</summary>
    public sealed record Failure(int Rank, string Option, string Message);

    /// <summary>
    /// One slot's draw: its configuration keys and texts (null: absent), what code (or <c>Bind</c>) sets for them, the
    /// failures from text, from code, and those start-up reports (every setting checked as text, whatever set it) when the
    /// options read the text and when <c>Bind</c> or code set the values, and the secrets it holds.
    /// </summary>
    public sealed record Choice(string Name, (string Key, string? Text)[] Texts, Action<QiwiClientOptions> Code, Failure[] FromText, Failure[] FromCode, Failure[] AtStartup, Failure[] AtStartupSet, string[] Secrets);

    /// <summary>A drawn configuration: its choices (one a slot).</summary>
    public sealed record Drawn(IReadOnlyList<Choice> Choices)
    {
        public IEnumerable<(string Key, string Text)> Texts => Choices.SelectMany(c => c.Texts).Where(t => t.Text is not null).Select(t => (t.Key, t.Text!));

        public IReadOnlyList<Failure> FromText => Order(Choices.SelectMany(c => c.FromText));

        public IReadOnlyList<Failure> FromCode => Order(Choices.SelectMany(c => c.FromCode));

        public IReadOnlyList<Failure> AtStartup => Order(Choices.SelectMany(c => c.AtStartup));

        public IReadOnlyList<Failure> AtStartupSet => Order(Choices.SelectMany(c => c.AtStartupSet));

        public IEnumerable<string> Secrets => Choices.SelectMany(c => c.Secrets);

        /// <summary>Options set in code to what the texts stand for (the settings absent from the texts keep their defaults).</summary>
        public void SetInCode(QiwiClientOptions options)
        {
            foreach (var choice in Choices)
            {
                choice.Code(options);
            }
        }

        public override string ToString() => string.Join(", ", Choices.Select(c => c.Name));

        private static List<Failure> Order(IEnumerable<Failure> failures) => failures.OrderBy(f => f.Rank).ToList();
    }

    // Ranks: unreadable text (the read's order), the settings' checks (AddErrors' order), the slips of text (GetErrors' order).
    private const int UnreadableMediaType = 4;
    private const int CheckApiId = 12, CheckApiPassword = 13, CheckMediaType = 14, CheckMaxDelay = 18;
    private const int SlipApiId = 31, SlipApiPassword = 32, SlipTimeout = 33, SlipBaseDelay = 34, SlipMaxDelay = 35;

    private static Failure F(int rank, string option, string message) => new(rank, option, message);

    /// <summary>A choice whose failures are the same from text, from code and at start-up.</summary>
    private static Choice Same(string name, (string, string?)[] texts, Action<QiwiClientOptions> code, Failure[] failures, params string[] secrets)
        => new(name, texts, code, failures, failures, failures, failures, secrets);

    private static Choice ApiId(string name, string text, params Failure[] failures)
        => Same(name, [("ApiId", text)], o => o.ApiId = text, failures);

    private static Choice Password(string name, Func<string, string> spoil, Random random, bool slip)
    {
        var secret = "pw-" + random.Next().ToString("x", CultureInfo.InvariantCulture) + "-секрет";
        var text = spoil(secret);
        return Same(name, [("ApiPassword", text)], o => o.ApiPassword = text, slip ? [F(SlipApiPassword, "ApiPassword", ApiPasswordSlip)] : [], secret, text);
    }

    /// <summary>A duration read from text and set in code: from text a day or more is a slip; in code it is kept; start-up refuses it either way.</summary>
    private static Choice Timeout(string? text)
    {
        if (text is null)
        {
            return Same("Timeout absent", [("Timeout", null)], _ => { }, []);
        }

        var value = TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        Failure[] slip = value >= TimeSpan.FromDays(1) ? [F(SlipTimeout, "Timeout", Days("Timeout", value))] : [];
        return new("Timeout " + text, [("Timeout", text)], o => o.Timeout = value, slip, [], slip, slip, []);
    }

    private static Choice Delays(string? baseText, string? maxText)
    {
        var baseDelay = baseText is null ? TimeSpan.FromMilliseconds(500) : TimeSpan.Parse(baseText, CultureInfo.InvariantCulture);
        var maxDelay = maxText is null ? TimeSpan.FromSeconds(8) : TimeSpan.Parse(maxText, CultureInfo.InvariantCulture);
        var checks = maxDelay < baseDelay ? new[] { F(CheckMaxDelay, "Retry.MaxDelay", MaxDelayBelowBase) } : [];
        var slips = new List<Failure>();
        if (baseText is not null && baseDelay >= TimeSpan.FromDays(1))
        {
            slips.Add(F(SlipBaseDelay, "Retry.BaseDelay", Days("Retry.BaseDelay", baseDelay)));
        }

        if (maxText is not null && maxDelay >= TimeSpan.FromDays(1))
        {
            slips.Add(F(SlipMaxDelay, "Retry.MaxDelay", Days("Retry.MaxDelay", maxDelay)));
        }

        return new($"Retry delays {baseText ?? "-"}/{maxText ?? "-"}", [("Retry:BaseDelay", baseText), ("Retry:MaxDelay", maxText)],
            o => (o.Retry.BaseDelay, o.Retry.MaxDelay) = (baseDelay, maxDelay), [.. checks, .. slips], checks, [.. checks, .. slips], [.. checks, .. slips], []);
    }

    private static Choice MediaType(string? text, QiwiMediaType? code, params Failure[] failures)
        => Same("MediaType " + text, [("MediaType", text)], o => o.MediaType = code ?? o.MediaType, failures);

    private delegate Choice Draw(Random random);

    private sealed record Slot(Draw[] Good, Draw[] Slips);

    private static readonly Slot[] Slots =
    [
        new( // ApiId
            [_ => ApiId("ApiId good", "23441234")],
            [_ => ApiId("ApiId \\n", "23441234\n", F(SlipApiId, "ApiId", ApiIdSlip)), _ => ApiId("ApiId \\r\\n", "23441234\r\n", F(SlipApiId, "ApiId", ApiIdSlip)),
             _ => ApiId("ApiId tab", "\t23441234", F(SlipApiId, "ApiId", ApiIdSlip)), _ => ApiId("ApiId leading space", " 23441234", F(SlipApiId, "ApiId", ApiIdSlip)),
             _ => ApiId("ApiId NUL", "2344\u00001234", F(SlipApiId, "ApiId", ApiIdSlip)), _ => ApiId("ApiId inner space", "2344 1234", F(SlipApiId, "ApiId", ApiIdSlip)),
             _ => ApiId("ApiId no-break space", "\u00A023441234", F(SlipApiId, "ApiId", ApiIdSlip)),
             _ => ApiId("ApiId space and colon", " 2344:1", F(CheckApiId, "ApiId", "ApiId must not contain ':' (it is the Basic authorization user name)."), F(SlipApiId, "ApiId", ApiIdSlip)),
             // White space only: missing, which says it all; start-up (every setting as text) has always named the slip too.
             _ => new("ApiId white space only", [("ApiId", "  \t")], o => o.ApiId = "  \t", [F(CheckApiId, "ApiId", "ApiId is required.")], [F(CheckApiId, "ApiId", "ApiId is required.")],
                 [F(CheckApiId, "ApiId", "ApiId is required."), F(SlipApiId, "ApiId", ApiIdSlip)], [F(CheckApiId, "ApiId", "ApiId is required."), F(SlipApiId, "ApiId", ApiIdSlip)], [])]),
        new( // ApiPassword: the slips are in the secret itself
            [r => Password("password good", s => s, r, slip: false), r => Password("password inner space", s => s[..3] + " " + s[3..], r, slip: false)],
            [r => Password("password \\n", s => s + "\n", r, slip: true), r => Password("password \\r\\n", s => s + "\r\n", r, slip: true),
             r => Password("password tab", s => s + "\t", r, slip: true), r => Password("password leading space", s => " " + s, r, slip: true),
             r => Password("password NUL", s => s[..1] + "\u0000" + s[1..], r, slip: true), r => Password("password inner line break", s => s[..2] + "\n" + s[2..], r, slip: true),
             r => Password("password line separator", s => s + "\u2028", r, slip: true)]),
        new( // Timeout
            [_ => Timeout(null), _ => Timeout("00:00:30"), _ => Timeout("00:05:00"), _ => Timeout("23:59:59.999")],
            [_ => Timeout("30"), _ => Timeout("1"), _ => Timeout("1.00:00:00"), _ => Timeout("10675199.02:48:05.4775807")]),
        new( // Retry.BaseDelay and Retry.MaxDelay, checked against each other
            [_ => Delays(null, null), _ => Delays("00:00:00.2", "00:00:02"), _ => Delays("00:00:01", null)],
            [_ => Delays("1", "8"), _ => Delays(null, "8"), _ => Delays("00:00:01", "2"), _ => Delays("2", "1")]),
        new( // MediaType
            [_ => MediaType(null, null), _ => MediaType("Json", QiwiMediaType.Json), _ => MediaType("xml", QiwiMediaType.Xml), _ => MediaType("1", QiwiMediaType.Xml)],
            [_ => MediaType("7", (QiwiMediaType)7, F(CheckMediaType, "MediaType", MediaTypeUndefined)), _ => MediaType("2", (QiwiMediaType)2, F(CheckMediaType, "MediaType", MediaTypeUndefined)),
             _ => MediaType("-1", (QiwiMediaType)(-1), F(CheckMediaType, "MediaType", MediaTypeUndefined)),
             // Bind (and .NET) read names joined by a comma as the values OR-ed: Xml, a valid setting. The reader refuses the text.
             _ => new("MediaType Json,Xml", [("MediaType", "Json,Xml")], o => o.MediaType = QiwiMediaType.Xml, [F(UnreadableMediaType, "MediaType", MediaTypeUnreadable)], [], [F(UnreadableMediaType, "MediaType", MediaTypeUnreadable)], [], []),
             _ => new("MediaType xml, json", [("MediaType", "xml, json")], o => o.MediaType = QiwiMediaType.Xml, [F(UnreadableMediaType, "MediaType", MediaTypeUnreadable)], [], [F(UnreadableMediaType, "MediaType", MediaTypeUnreadable)], [], [])]),
    ];

    /// <summary>How many slots a configuration has.</summary>
    public static int SlotCount => Slots.Length;

    /// <summary>Every choice's name, good or slip, so a test can show it drew each.</summary>
    public static int ChoiceCount => Slots.Sum(s => s.Good.Length + s.Slips.Length);

    /// <summary>A configuration with <paramref name="slips"/> slots drawn with a slip (at random) and the others good.</summary>
    public static Drawn Make(Random random, int slips)
    {
        var spoiled = Enumerable.Range(0, Slots.Length).OrderBy(_ => random.Next()).Take(slips).ToHashSet();
        var choices = new List<Choice>();
        for (var i = 0; i < Slots.Length; i++)
        {
            var draws = spoiled.Contains(i) ? Slots[i].Slips : Slots[i].Good;
            choices.Add(draws[random.Next(draws.Length)](random));
        }

        return new Drawn(choices);
    }
}
