using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// Reads a conservative subset of YAML straight from the text into the same <see cref="YamlLoader.TreeBuilder"/>
/// the YamlDotNet path feeds, with the marks YamlDotNet's scanner gives (so every span, limit and diagnostic is the
/// same), and gives up (<see cref="TryLoad"/> returns false) at the first thing outside the subset, before the
/// caller sees anything. The subset: a block map or sequence as the root; block maps and sequences, indentless
/// sequences and <c>- key: value</c> entries; single-line plain, single-quoted and double-quoted (no escapes)
/// scalars; literal block scalars <c>|</c> (clip, indentation from the first line); flow sequences of scalars on
/// one line and <c>{}</c>; comments and blank lines. Given up on: anchors, aliases, tags, <c>?</c> keys, folded,
/// kept, stripped or indented block scalars, multi-line plain or quoted scalars, escapes, nested or multi-line
/// flow collections, directives and document markers, tabs, a carriage return not followed by a line feed, Unicode
/// line breaks, a byte order mark, control characters and surrogates, nesting deeper than <see cref="YamlLimits.MaxDepth"/>.
/// Lines may end with "\n" or "\r\n" (a checkout on Windows): <see cref="At"/> reads the '\r' of a "\r\n" as the line's
/// end, <see cref="NewLine"/> moves past both, and a literal block's lines end before either, so the values are the
/// same and the marks count both characters, as YamlDotNet's do. The seeded differential test
/// FastYamlReaderDifferentialTests holds it to the YamlDotNet path, with both line ends.
/// </summary>
internal sealed class FastYamlReader
{
    private static readonly char[] LineEnds = { '\r', '\n' };

    // What ends or questions a plain scalar or key on its line: a comment's '#' or a ':' (both checked where found).
    private static readonly char[] PlainStops = { '#', ':' };

    // What ends or questions a plain value: those, and the line's end (one search finds the first of the three).
    private static readonly char[] ValueStops = { '#', ':', '\n' };

    // How many characters of a plain value are looked at one by one before a vectorized search takes over.
    private const int ShortValue = 24;

    // What ends a quoted scalar on its line (or makes it one the reader gives up on).
    private static readonly char[] SingleQuotedStops = { '\'', '\r', '\n' };
    private static readonly char[] DoubleQuotedStops = { '"', '\\', '\r', '\n' };

    private readonly string _text;
    private readonly YamlLoader.TreeBuilder _builder;
    private readonly SlicePool _pool;
    private int _p;
    private int _line;
    private int _lineStart;
    private int _lineEnd = -1;
    private int _depth;
    private bool _stopped;
    private StringBuilder? _block;

    private FastYamlReader(string text, YamlLoader.TreeBuilder builder, SlicePool pool)
    {
        _text = text;
        _builder = builder;
        _pool = pool;
    }

    /// <summary>
    /// Loads <paramref name="text"/> when it keeps to the subset: the root (null when a limit was hit) and the
    /// diagnostics YamlDotNet's path would give. False, with nothing reported, when it does not.
    /// </summary>
    /// <remarks>With <paramref name="arena"/>, the nodes come from it; when the text leaves the subset, the arena is rewound.</remarks>
    public static bool TryLoad(string filePath, string text, out YamlNode? root, out List<DiagnosticInfo> diagnostics, SpecLimits? limits = null, NodeArena? arena = null, System.Threading.CancellationToken cancellationToken = default)
    {
        root = null;
        diagnostics = new List<DiagnosticInfo>();
        if (!OnlySafeCharacters(text))
        {
            return false;
        }

        var pool = SlicePool.Rent();
        var builder = new YamlLoader.TreeBuilder(filePath, diagnostics, limits ?? SpecLimits.Default, arena, cancellationToken);
        var reader = new FastYamlReader(text, builder, pool);
        try
        {
            reader.Document();
            root = builder.Finish();
            return true;
        }
        catch (BailOut)
        {
            diagnostics.Clear();
            arena?.Rewind();
            return false;
        }
        finally
        {
            SlicePool.Return(pool);
            builder.Release();
        }
    }

    /// <summary>
    /// Printable characters, '\n' and "\r\n" only: no tab, lone '\r', Unicode line break, byte order mark, control
    /// character or surrogate. Blocks of <see cref="Vector{T}"/> characters that are all printable ASCII or '\n' (nearly
    /// all of a spec) are passed at once; any other block, and the tail, go through <see cref="OnlySafeCharactersSimple"/>'s
    /// test character by character (the seeded differential test SafeCharactersDifferentialTests holds the two together).
    /// </summary>
    internal static bool OnlySafeCharacters(string text)
    {
        var span = text.AsSpan();
        for (var i = PlainBlocks.Skip(span, 0); i < text.Length; i = PlainBlocks.Skip(span, i))
        {
            var end = Math.Min(i + PlainBlocks.Width, text.Length);
            if (!Safe(text, i, end))
            {
                return false;
            }

            i = end;
        }

        return true;
    }

    /// <summary>The reference: every character tested on its own.</summary>
    internal static bool OnlySafeCharactersSimple(string text) => Safe(text, 0, text.Length);

    private static bool Safe(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c is >= ' ' and <= '~' or '\n')
            {
                continue;
            }

            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            if (c < '\u00a0' || c is '\u2028' or '\u2029' or '\ufeff' or >= '\ufffe' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    private void Document()
    {
        _lineStart = 0;
        var indent = LineContent();
        if (indent < 0)
        {
            throw new BailOut(); // empty: YamlDotNet reports it
        }

        var next = IsEntry() ? Sequence(indent, indentless: false) : Map(indent);
        if (next >= 0)
        {
            throw new BailOut();
        }
    }

    /// <summary>A block map whose first key is at <see cref="_p"/> (column <paramref name="column"/>); returns the indentation of the line after it (-1 at the end).</summary>
    private int Map(int column)
    {
        Open(isMap: true);
        while (true)
        {
            Key();
            var empty = MarkAt(_p);
            SkipSpaces();
            var next = Value(column, empty, inMap: true);
            if (next == column)
            {
                if (IsEntry())
                {
                    throw new BailOut();
                }

                continue;
            }

            return End(column, next);
        }
    }

    /// <summary>A block sequence whose first '-' is at <see cref="_p"/>; an indentless one ends at its map's next key.</summary>
    private int Sequence(int column, bool indentless)
    {
        Open(isMap: false);
        while (true)
        {
            _p++; // the '-'
            var empty = MarkAt(_p);
            SkipSpaces();
            var next = Value(column, empty, inMap: false);
            if (next == column)
            {
                if (IsEntry())
                {
                    continue;
                }

                if (!indentless)
                {
                    throw new BailOut();
                }
            }

            return End(column, next);
        }
    }

    /// <summary>Closes the collection at <paramref name="column"/> where the next token starts (or where YamlDotNet puts the end of the stream).</summary>
    private int End(int column, int next)
    {
        if (next > column)
        {
            throw new BailOut();
        }

        Close(next < 0 ? EndOfStream(column) : MarkAt(_p));
        return next;
    }

    /// <summary>
    /// The value after a key's ':' or a '-' (at <see cref="_p"/>, spaces skipped). <paramref name="indent"/> is the
    /// scanner's indentation (the enclosing collection's column); <paramref name="empty"/> is where an empty value is.
    /// </summary>
    private int Value(int indent, YamlLoader.TextMark empty, bool inMap)
    {
        var c = At(_p);
        switch (c)
        {
            case '\n' or '\0' or '#':
                return Nested(indent, empty, inMap);
            case '|':
                return Literal(indent);
            case '[':
                FlowSequence();
                return AfterScalar(indent);
            case '{':
                EmptyFlowMap();
                return AfterScalar(indent);
            case '\'' or '"':
                if (!inMap && IsKeyAhead())
                {
                    return Map(Column(_p));
                }

                Quoted();
                return AfterScalar(indent);
            default:
                if (!CanStartPlain(_p))
                {
                    throw new BailOut();
                }

                if (!inMap && IsKeyAhead())
                {
                    return Map(Column(_p));
                }

                PlainValue();
                return AfterScalar(indent);
        }
    }

    /// <summary>Nothing more on the line: a nested collection on the next lines, an indentless sequence, or an empty scalar.</summary>
    private int Nested(int indent, YamlLoader.TextMark empty, bool inMap)
    {
        EndLine();
        var next = LineContent();
        if (next > indent)
        {
            if (IsEntry())
            {
                return Sequence(next, indentless: false);
            }

            return Map(next);
        }

        if (next == indent && inMap && IsEntry())
        {
            return Sequence(next, indentless: true);
        }

        Scalar(string.Empty, quoted: false, empty, empty);
        return next;
    }

    /// <summary>After a one-line value: the rest of the line, and a next line that does not continue it.</summary>
    private int AfterScalar(int indent)
    {
        EndLine();
        var next = LineContent();
        if (next > indent)
        {
            throw new BailOut(); // a multi-line plain scalar, or an indentation error
        }

        return next;
    }

    /// <summary>A key and its ':' (left after the ':').</summary>
    private void Key()
    {
        var start = _p;
        if (At(start) is '\'' or '"')
        {
            Quoted();
            SkipSpaces();
            if (_p - start > 1000 || !IsValueIndicator(_p))
            {
                throw new BailOut(); // YamlDotNet's simple keys end at 1024 characters
            }
        }
        else
        {
            if (!CanStartPlain(start) || At(start) == '-')
            {
                throw new BailOut();
            }

            var colon = KeyColon(start);
            var end = TrimEnd(start, colon);
            Scalar(Slice(start, end - start), quoted: false, MarkAt(start), MarkAt(end));
            _p = colon; // a value indicator: KeyColon returns no other ':'
        }

        _p++;
    }

    /// <summary>True when a plain or quoted key and its ':' start at <see cref="_p"/> (a <c>- key: value</c> entry).</summary>
    private bool IsKeyAhead()
    {
        var i = _p;
        var c = At(i);
        if (c is '\'' or '"')
        {
            i++;
            while (At(i) != c)
            {
                if (At(i) is '\n' or '\0')
                {
                    return false;
                }

                i++;
            }

            i++;
            if (c == '\'' && At(i) == '\'')
            {
                throw new BailOut(); // an escaped quote: not worth telling apart here
            }

            while (At(i) == ' ')
            {
                i++;
            }

            return IsValueIndicator(i);
        }

        var lineEnd = LineEnd(i);
        for (var hit = NextStop(i, lineEnd); hit >= 0; hit = NextStop(hit + 1, lineEnd))
        {
            if (IsValueIndicator(hit))
            {
                return true;
            }

            if (_text[hit] == '#' && At(hit - 1) == ' ')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The ':' ending the plain key at <paramref name="start"/>.</summary>
    /// <remarks>
    /// Only '#' and ':' can end the key: the first ':' before a value, within 1,000 characters (YamlDotNet's simple keys
    /// end at 1,024), before a comment and before the line's end ('\r' comes only before '\n'). Keys are short: a loop
    /// over their characters costs less than a vectorized search of the line's end and another of its stops.
    /// <see cref="KeyColonSimple"/> is the reference (FastYamlReaderScanDifferentialTests).
    /// </remarks>
    private int KeyColon(int start)
    {
        var text = _text;
        var limit = Math.Min(text.Length, start + 1000);
        for (var i = start; i < limit; i++)
        {
            switch (text[i])
            {
                case ':':
                    if (IsValueIndicator(i))
                    {
                        return i;
                    }

                    break;
                case '#':
                    if (At(i - 1) == ' ')
                    {
                        throw new BailOut();
                    }

                    break;
                case '\n' or '\r':
                    throw new BailOut();
            }
        }

        throw new BailOut();
    }

    /// <summary>The reference for <see cref="KeyColon"/>: the line's end, then its stops (-1 where that throws).</summary>
    internal int KeyColonSimple(int start)
    {
        var limit = Math.Min(LineEnd(start), start + 1000);
        for (var hit = NextStop(start, limit); hit >= 0; hit = NextStop(hit + 1, limit))
        {
            if (_text[hit] == '#' && At(hit - 1) == ' ')
            {
                break;
            }

            if (IsValueIndicator(hit))
            {
                return hit;
            }
        }

        return -1;
    }

    /// <summary>The index of the line end ("\n", or the '\r' of "\r\n") at or after <paramref name="from"/>, or the text's length.</summary>
    /// <remarks>
    /// The key, its value and a comment after them all ask for the same line's end: it is searched for once per line
    /// and kept (<see cref="_lineEnd"/>, valid while <paramref name="from"/> is between <see cref="_lineStart"/> and it;
    /// the reader crosses a line end only through <see cref="NewLine"/>, which moves <see cref="_lineStart"/> past it).
    /// </remarks>
    private int LineEnd(int from)
    {
        if (from >= _lineStart && from <= _lineEnd)
        {
            return _lineEnd;
        }

        var i = from < _text.Length ? _text.IndexOf('\n', from) : -1;
        var end = i < 0 ? _text.Length : i > from && _text[i - 1] == '\r' ? i - 1 : i;
        if (from >= _lineStart)
        {
            _lineEnd = end;
        }

        return end;
    }

    /// <summary>The next '#' or ':' in [<paramref name="from"/>, <paramref name="limit"/>), or -1 (a vectorized search: most characters are neither).</summary>
    private int NextStop(int from, int limit) => from >= limit ? -1 : _text.IndexOfAny(PlainStops, from, limit - from);

    private bool IsValueIndicator(int i) => At(i) == ':' && At(i + 1) is ' ' or '\n' or '\0';

    /// <summary>A plain scalar ending at the line's end or a comment; a ': ' in it is an error YamlDotNet reports.</summary>
    private void PlainValue()
    {
        var start = _p;
        var end = TrimEnd(start, PlainValueEnd(start));
        Scalar(Slice(start, end - start), quoted: false, MarkAt(start), MarkAt(end));
        _p = end;
    }

    /// <summary>
    /// Where the plain value at <paramref name="start"/> ends (before trailing spaces are trimmed): at a comment or the
    /// line's end ("\n", or the '\r' of "\r\n"); a value indicator in it is given up on. Most values are short
    /// (<c>string</c>, <c>object</c>, a name): their first <see cref="ShortValue"/> characters are looked at one by one,
    /// which costs less than setting up a vectorized search; a longer value (a description) is searched from there for
    /// the first '#', ':' or '\n' (most have none of the first two). <see cref="PlainValueEndSimple"/> is the reference.
    /// </summary>
    private int PlainValueEnd(int start)
    {
        var text = _text;
        var scanned = Math.Min(text.Length, start + ShortValue);
        for (var i = start; i < scanned; i++)
        {
            if (text[i] is '\n' or '#' or ':')
            {
                var end = PlainValueStop(start, i);
                if (end >= 0)
                {
                    return end;
                }
            }
        }

        for (var from = scanned; ; )
        {
            var hit = from < text.Length ? text.IndexOfAny(ValueStops, from) : -1;
            if (hit < 0)
            {
                return text.Length;
            }

            var end = PlainValueStop(start, hit);
            if (end >= 0)
            {
                return end;
            }

            from = hit + 1;
        }
    }

    /// <summary>At a '#', ':' or '\n' (<paramref name="hit"/>) of the plain value at <paramref name="start"/>: where the value ends, or -1 when it goes on.</summary>
    private int PlainValueStop(int start, int hit)
    {
        switch (_text[hit])
        {
            case '\n':
                return hit > start && _text[hit - 1] == '\r' ? hit - 1 : hit;
            case '#':
                return At(hit - 1) == ' ' ? hit : -1;
            default:
                if (IsValueIndicator(hit))
                {
                    throw new BailOut();
                }

                return -1;
        }
    }

    /// <summary>The reference for <see cref="PlainValueEnd"/>: the line's end, then its stops (-1 where that throws).</summary>
    internal int PlainValueEndSimple(int start)
    {
        var lineEnd = LineEnd(start);
        var i = lineEnd;
        for (var hit = NextStop(start, lineEnd); hit >= 0; hit = NextStop(hit + 1, lineEnd))
        {
            if (_text[hit] == '#' && At(hit - 1) == ' ')
            {
                i = hit;
                break;
            }

            if (IsValueIndicator(hit))
            {
                return -1;
            }
        }

        return i;
    }

    /// <summary>A single- or double-quoted scalar on one line (no escapes in double quotes).</summary>
    private void Quoted()
    {
        var start = _p;
        var quote = _text[start];
        var i = start + 1;
        StringBuilder? unescaped = null;
        var from = i;
        var stops = quote == '"' ? DoubleQuotedStops : SingleQuotedStops;
        while (true)
        {
            // The next quote, line end or (in double quotes) backslash; the end of the text, a line end or an escape is given up on.
            i = i < _text.Length ? _text.IndexOfAny(stops, i) : -1;
            if (i < 0 || _text[i] != quote)
            {
                throw new BailOut();
            }

            if (quote == '\'' && At(i + 1) == '\'')
            {
                unescaped ??= new StringBuilder();
                unescaped.Append(_text, from, i + 1 - from);
                i += 2;
                from = i;
                continue;
            }

            break;
        }

        string value;
        if (unescaped is null)
        {
            value = Slice(start + 1, i - start - 1);
        }
        else
        {
            value = unescaped.Append(_text, from, i - from).ToString();
        }

        _p = i + 1;
        Scalar(value, quoted: true, MarkAt(start), MarkAt(_p));
    }

    /// <summary>A flow sequence of plain and quoted scalars on one line, without a trailing comma.</summary>
    private void FlowSequence()
    {
        Open(isMap: false);
        _p++;
        SkipSpaces();
        if (At(_p) != ']')
        {
            while (true)
            {
                var c = At(_p);
                if (c is '\'' or '"')
                {
                    Quoted();
                }
                else
                {
                    FlowPlain();
                }

                SkipSpaces();
                if (At(_p) == ']')
                {
                    break;
                }

                if (At(_p) != ',')
                {
                    throw new BailOut();
                }

                _p++;
                SkipSpaces();
                if (At(_p) == ']')
                {
                    throw new BailOut();
                }
            }
        }

        Close(MarkAt(_p)); // YamlDotNet's ']' token starts and ends at the ']'
        _p++;
    }

    /// <summary>A plain scalar inside a flow sequence: letters, digits and a few safe characters, single spaces between words.</summary>
    private void FlowPlain()
    {
        var start = _p;
        if (!IsWordStart(At(start)))
        {
            throw new BailOut();
        }

        var i = start;
        while (IsFlowSafe(At(i)))
        {
            i++;
        }

        if (At(i) is not (',' or ']'))
        {
            throw new BailOut();
        }

        var end = TrimEnd(start, i);
        Scalar(Slice(start, end - start), quoted: false, MarkAt(start), MarkAt(end));
        _p = i;
    }

    private static bool IsWordStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static bool IsFlowSafe(char c) => IsWordStart(c) || c is ' ' or '.' or '-' or '/' or '+' or '$';

    /// <summary>An empty flow map <c>{}</c>.</summary>
    private void EmptyFlowMap()
    {
        Open(isMap: true);
        _p++;
        SkipSpaces();
        if (At(_p) != '}')
        {
            throw new BailOut();
        }

        Close(MarkAt(_p)); // YamlDotNet's '}' token starts and ends at the '}'
        _p++;
    }

    /// <summary>
    /// A literal block scalar <c>|</c> (clip): lines at the first line's indentation, which must exceed the
    /// enclosing collection's column; it ends at the first less indented non-empty line.
    /// </summary>
    private int Literal(int indent)
    {
        var start = MarkAt(_p);
        _p++;
        if (At(_p) is not (' ' or '\n'))
        {
            throw new BailOut(); // a chomping or indentation indicator, a comment without a space, or the end
        }

        EndLine();
        if (_p >= _text.Length)
        {
            throw new BailOut();
        }

        var content = CountSpaces(_p);
        if (content <= indent || At(_p + content) is '\n' or '\0')
        {
            throw new BailOut(); // an empty first line or an empty scalar: YamlDotNet's finer rules
        }

        // The literal block's text is built in this thread's scratch builder, the one the emitters use (a huge one is not
        // kept past the next Take); it is fetched once per load, not once per block (a thread-static read each).
        var block = _block is null ? _block = Scratch.Take() : _block.Clear();
        var breaks = 0;
        var lastBroke = false;
        YamlLoader.TextMark end;
        while (true)
        {
            // At the start of a line.
            var spaces = CountSpaces(_p);
            var c = At(_p + spaces);
            if (c is '\n' or '\0')
            {
                if (spaces >= content)
                {
                    throw new BailOut(); // a blank line with extra spaces is content
                }

                if (c == '\0')
                {
                    end = MarkAt(_p);
                    break;
                }

                breaks++;
                NewLine(_p + spaces);
                continue;
            }

            if (spaces < content)
            {
                end = MarkAt(_p);
                break;
            }

            if (lastBroke)
            {
                block.Append('\n');
            }

            block.Append('\n', breaks);
            breaks = 0;
            var from = _p + content;
            var stop = _text.IndexOfAny(LineEnds, from);
            if (stop < 0)
            {
                block.Append(_text, from, _text.Length - from);
                _p = _text.Length;
                lastBroke = false;
                end = MarkAt(_p);
                break;
            }

            block.Append(_text, from, stop - from);
            lastBroke = true;
            NewLine(stop);
        }

        if (lastBroke)
        {
            block.Append('\n');
        }

        Scalar(block.ToString(), quoted: true, start, end);
        return LineContent();
    }

    /// <summary>
    /// The rest of the line after a token: spaces, then a comment (after a space) or the line's end; leaves
    /// <see cref="_p"/> at the next line's start (or the end of the text).
    /// </summary>
    private void EndLine()
    {
        var i = _p;
        while (At(i) == ' ')
        {
            i++;
        }

        if (At(i) == '#')
        {
            if (i > _lineStart && At(i - 1) != ' ')
            {
                throw new BailOut(); // not a comment: YamlDotNet reads it as text or an error
            }

            i = LineEnd(i);
        }

        if (At(i) == '\n')
        {
            NewLine(i);
        }
        else if (At(i) == '\0')
        {
            _p = i;
        }
        else
        {
            throw new BailOut();
        }
    }

    /// <summary>
    /// From the start of a line, skips blank and comment lines: <see cref="_p"/> at the next line's first
    /// character and its indentation returned, or -1 at the end of the text.
    /// </summary>
    private int LineContent()
    {
        while (true)
        {
            var spaces = CountSpaces(_p);
            var i = _p + spaces;
            var c = At(i);
            if (c == '\0')
            {
                _p = i;
                return -1;
            }

            if (c == '#')
            {
                i = LineEnd(i);

                if (At(i) == '\0')
                {
                    _p = i;
                    return -1;
                }

                NewLine(i);
                continue;
            }

            if (c == '\n')
            {
                NewLine(i);
                continue;
            }

            if (spaces == 0 && (string.CompareOrdinal(_text, i, "---", 0, 3) == 0 || string.CompareOrdinal(_text, i, "...", 0, 3) == 0))
            {
                throw new BailOut(); // a document marker (or text starting like one)
            }

            _p = i;
            return spaces;
        }
    }

    /// <summary>Moves past the line end ("\n" or "\r\n") at <paramref name="at"/>.</summary>
    private void NewLine(int at)
    {
        _p = at + (_text[at] == '\r' ? 2 : 1);
        _line++;
        _lineStart = _p;
    }

    /// <summary>Where YamlDotNet closes a collection at <paramref name="column"/> at the end of the text.</summary>
    private YamlLoader.TextMark EndOfStream(int column)
    {
        var offset = _text.Length - _lineStart;
        if (column > offset || offset == 0)
        {
            return new YamlLoader.TextMark(_text.Length, _line + 1, offset + 1);
        }

        return new YamlLoader.TextMark(_text.Length, _line + 2, 1);
    }

    /// <summary>True at a '-' followed by a space or the line's end.</summary>
    private bool IsEntry() => At(_p) == '-' && At(_p + 1) is ' ' or '\n' or '\0';

    /// <summary>A plain scalar may start here in block context (no indicator, or '-' before a letter or digit).</summary>
    private bool CanStartPlain(int i)
    {
        var c = At(i);
        if (c == '-')
        {
            return IsWordStart(At(i + 1));
        }

        return c is not ('\0' or '\n' or ' ' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`');
    }

    private int TrimEnd(int start, int end)
    {
        while (end > start && _text[end - 1] == ' ')
        {
            end--;
        }

        return end;
    }

    private int CountSpaces(int from)
    {
        var text = _text;
        var i = from;
        while ((uint)i < (uint)text.Length && text[i] == ' ')
        {
            i++;
        }

        return i - from;
    }

    private void SkipSpaces() => _p += CountSpaces(_p);

    private int Column(int i) => i - _lineStart;

    private string Slice(int start, int length) => _pool.Get(_text, start, length);

    /// <summary>The character at <paramref name="i"/>, '\0' past the end, and '\n' for the '\r' of a "\r\n" (the only '\r' let in).</summary>
    private char At(int i)
    {
        if ((uint)i >= (uint)_text.Length)
        {
            return '\0';
        }

        var c = _text[i];
        return c == '\r' ? '\n' : c;
    }

    private YamlLoader.TextMark MarkAt(int i) => new(i, _line + 1, i - _lineStart + 1);

    private void Open(bool isMap)
    {
        if (++_depth > YamlLimits.MaxDepth)
        {
            throw new BailOut(); // YamlDotNet's path reports the limit
        }

        if (!_stopped && !_builder.Open(isMap, MarkAt(_p)))
        {
            _stopped = true;
        }
    }

    private void Close(YamlLoader.TextMark end)
    {
        _depth--;
        if (!_stopped && !_builder.Close(end))
        {
            _stopped = true;
        }
    }

    private void Scalar(string value, bool quoted, YamlLoader.TextMark start, YamlLoader.TextMark end)
    {
        if (!_stopped && !_builder.Scalar(value, quoted, start, end))
        {
            _stopped = true;
        }
    }

    /// <summary>
    /// For the seeded differential test FastYamlReaderScanDifferentialTests: <see cref="KeyColon"/> and
    /// <see cref="PlainValueEnd"/> at <paramref name="start"/> of <paramref name="text"/> (which passes
    /// <see cref="OnlySafeCharacters"/>), -1 where they give up, with their references' answers.
    /// </summary>
    internal static (int Fast, int Simple) CompareKeyColon(string text, int start)
        => (OrGiveUp(() => Scanner(text).KeyColon(start)), Scanner(text).KeyColonSimple(start));

    /// <summary>See <see cref="CompareKeyColon"/>.</summary>
    internal static (int Fast, int Simple) ComparePlainValueEnd(string text, int start)
        => (OrGiveUp(() => Scanner(text).PlainValueEnd(start)), Scanner(text).PlainValueEndSimple(start));

    /// <summary>What <paramref name="scan"/> finds, or -1 when it gives up (tests only).</summary>
    private static int OrGiveUp(Func<int> scan)
    {
        try
        {
            return scan();
        }
        catch (BailOut)
        {
            return -1;
        }
    }

    // A reader that only scans (no tree is built).
    private static FastYamlReader Scanner(string text) => new(text, null!, null!);

    /// <summary>Thrown the moment the text leaves the subset (a fresh one each time: loads run concurrently); caught by <see cref="TryLoad"/>.</summary>
    private sealed class BailOut : Exception
    {
    }
}
