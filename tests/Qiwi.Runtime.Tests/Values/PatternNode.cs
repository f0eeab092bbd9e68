using System.Text;

namespace Qiwi.Runtime.Tests.Values;

/// <summary>
/// A regular expression of the constructs specs use, made at random, written as .NET pattern text, and matched by
/// an oracle: <see cref="Ends"/> is the set of positions a part can end at from a start (the meaning of these
/// constructs, with no engine's strategy in it: greedy and lazy quantifiers end at the same positions). Matching is
/// culture-invariant; <c>(?i:...)</c> makes a part case-insensitive; <c>^</c>, <c>$</c>, <c>\z</c>, <c>\Z</c> and
/// <c>\b</c> have their .NET meanings without RegexOptions.Multiline.
/// </summary>
internal abstract record PatternNode
{
    /// <summary>The ends reachable from <paramref name="start"/> in <paramref name="text"/>.</summary>
    public abstract HashSet<int> Ends(string text, int start, bool ignoreCase);

    public bool MatchesAnywhere(string text)
    {
        for (var start = 0; start <= text.Length; start++)
        {
            if (Ends(text, start, false).Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    public static PatternNode Random(Random random)
    {
        var parts = new List<PatternNode>();
        if (random.Next(3) > 0)
        {
            parts.Add(new Anchor("^"));
        }

        parts.Add(Sequence(random, 3));
        switch (random.Next(5))
        {
            case 0: parts.Add(new Anchor("$")); break;
            case 1: parts.Add(new Anchor("\\z")); break;
            case 2: parts.Add(new Anchor("\\Z")); break;
        }

        return new Seq(parts);
    }

    private static PatternNode Sequence(Random random, int depth)
    {
        var parts = new List<PatternNode>();
        for (int i = 0, count = random.Next(1, 4); i < count; i++)
        {
            parts.Add(Quantified(random, depth));
        }

        return new Seq(parts);
    }

    private static PatternNode Quantified(Random random, int depth)
    {
        var atom = Atom(random, depth);
        var lazy = random.Next(4) == 0;
        return random.Next(10) switch
        {
            0 => new Repeat(atom, 0, null, "*", lazy),
            1 => new Repeat(atom, 1, null, "+", lazy),
            2 => new Repeat(atom, 0, 1, "?", lazy),
            3 => Counted(atom, random.Next(0, 3), random.Next(0, 3), lazy, exact: true),
            4 => Counted(atom, random.Next(0, 2), random.Next(2, 4), lazy, exact: false),
            5 => new Repeat(atom, random.Next(0, 3), null, null, lazy),
            _ => atom,
        };
    }

    private static Repeat Counted(PatternNode atom, int min, int max, bool lazy, bool exact)
        => exact ? new Repeat(atom, min, min, null, lazy) : new Repeat(atom, min, max, null, lazy);

    private static PatternNode Atom(Random random, int depth) => random.Next(depth > 0 ? 14 : 10) switch
    {
        0 => new Literal('a', "a"),
        1 => new Literal('b', "b"),
        2 => new Literal('1', "1"),
        3 => new CharSet(".", c => c != '\n'),
        4 => new CharSet("\\d", char.IsDigit),
        5 => new CharSet("\\w", c => char.IsLetterOrDigit(c) || c == '_'),
        6 => new CharSet("\\s", char.IsWhiteSpace),
        7 => random.Next(2) == 0 ? new CharClass("[a-b1]", "ab1", false) : new CharClass("[^a.]", "a.", true),
        8 => new Literal('-', "\\-"),
        9 => random.Next(2) == 0 ? new Anchor("\\b") : new Literal('.', "\\."),
        10 => new Group("(", Sequence(random, depth - 1), ")"),
        11 => new Group("(?:", new Alt(Sequence(random, depth - 1), Sequence(random, depth - 1)), ")"),
        12 => new CaseInsensitive(Sequence(random, depth - 1)),
        _ => new Group("(", new Alt(Sequence(random, depth - 1), new Seq([])), ")"),
    };

    private static HashSet<int> One(string text, int start, bool matches)
        => start < text.Length && matches ? [start + 1] : [];

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    private sealed record Literal(char Char, string Text) : PatternNode
    {
        public override HashSet<int> Ends(string text, int start, bool ignoreCase)
            => One(text, start, start < text.Length && (ignoreCase ? char.ToLowerInvariant(text[start]) == char.ToLowerInvariant(Char) : text[start] == Char));

        public override string ToString() => Text;
    }

    /// <summary>A class no case folding changes (<c>.</c>, <c>\d</c>, <c>\w</c>, <c>\s</c>).</summary>
    private sealed record CharSet(string Text, Func<char, bool> Contains) : PatternNode
    {
        public override HashSet<int> Ends(string text, int start, bool ignoreCase) => One(text, start, start < text.Length && Contains(text[start]));

        public override string ToString() => Text;
    }

    /// <summary>A bracket class; case-insensitive, it holds the case twins of its characters too (negated: excludes them).</summary>
    private sealed record CharClass(string Text, string Chars, bool Negated) : PatternNode
    {
        public override HashSet<int> Ends(string text, int start, bool ignoreCase)
        {
            if (start >= text.Length)
            {
                return [];
            }

            var c = text[start];
            var inSet = Chars.Contains(c, StringComparison.Ordinal)
                || (ignoreCase && (Chars.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal) || Chars.Contains(char.ToUpperInvariant(c), StringComparison.Ordinal)));
            return One(text, start, inSet != Negated);
        }

        public override string ToString() => Text;
    }

    private sealed record Anchor(string Text) : PatternNode
    {
        public override HashSet<int> Ends(string text, int start, bool ignoreCase)
        {
            var holds = Text switch
            {
                "^" => start == 0,
                "\\z" => start == text.Length,
                "$" or "\\Z" => start == text.Length || (start == text.Length - 1 && text[start] == '\n'),
                _ => (start > 0 && IsWord(text[start - 1])) != (start < text.Length && IsWord(text[start])),
            };
            return holds ? [start] : [];
        }

        public override string ToString() => Text;
    }

    private sealed record Seq(IReadOnlyList<PatternNode> Parts) : PatternNode
    {
        public override HashSet<int> Ends(string text, int start, bool ignoreCase)
        {
            HashSet<int> positions = [start];
            foreach (var part in Parts)
            {
                var next = new HashSet<int>();
                foreach (var position in positions)
                {
                    next.UnionWith(part.Ends(text, position, ignoreCase));
                }

                positions = next;
            }

            return positions;
        }

        public override string ToString() => string.Concat(Parts);
    }

    private sealed record Alt(PatternNode Left, PatternNode Right) : PatternNode
    {
        public override HashSet<int> Ends(string text, int start, bool ignoreCase)
        {
            var ends = Left.Ends(text, start, ignoreCase);
            ends.UnionWith(Right.Ends(text, start, ignoreCase));
            return ends;
        }

        public override string ToString() => Left + "|" + Right;
    }

    private sealed record Group(string Open, PatternNode Body, string Close) : PatternNode
    {
        public override HashSet<int> Ends(string text, int start, bool ignoreCase) => Body.Ends(text, start, ignoreCase);

        public override string ToString() => Open + Body + Close;
    }

    private sealed record CaseInsensitive(PatternNode Body) : PatternNode
    {
        public override HashSet<int> Ends(string text, int start, bool ignoreCase) => Body.Ends(text, start, true);

        public override string ToString() => "(?i:" + Body + ")";
    }

    /// <summary>
    /// <paramref name="Min"/> to <paramref name="Max"/> (null: no limit) iterations, written as <paramref name="Symbol"/>
    /// or as braces, lazy or not (the ends are the same either way).
    /// </summary>
    private sealed record Repeat(PatternNode Body, int Min, int? Max, string? Symbol, bool Lazy) : PatternNode
    {
        public override HashSet<int> Ends(string text, int start, bool ignoreCase)
        {
            HashSet<int> current = [start];
            for (var i = 0; i < Min; i++)
            {
                current = Step(current, text, ignoreCase);
            }

            var ends = new HashSet<int>(current);
            for (var count = Min; Max is null || count < Max; count++)
            {
                current = Step(current, text, ignoreCase);
                current.ExceptWith(ends);
                if (current.Count == 0)
                {
                    break;
                }

                ends.UnionWith(current);
            }

            return ends;
        }

        private HashSet<int> Step(HashSet<int> from, string text, bool ignoreCase)
        {
            var next = new HashSet<int>();
            foreach (var position in from)
            {
                next.UnionWith(Body.Ends(text, position, ignoreCase));
            }

            return next;
        }

        public override string ToString()
        {
            var body = Body.ToString()!;
            var quantifier = Symbol ?? (Max == Min ? "{" + Min + "}" : "{" + Min + "," + (Max?.ToString() ?? string.Empty) + "}");
            return body + quantifier + (Lazy ? "?" : string.Empty);
        }
    }
}
