using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Qiwi.Generator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// Loads YAML text into <see cref="YamlNode"/>s that remember where they came from. YamlDotNet's
/// <see cref="Parser"/> is iterative, but its representation model recurses (a deep or self-aliased file
/// overflows the stack), so the tree is built here from the parser's events with an explicit stack,
/// checking <see cref="YamlLimits"/> before each node is added: depth costs heap, never stack, and an
/// alias bomb stops at the expanded-node limit instead of running out of memory.
/// </summary>
internal static class YamlLoader
{
    /// <summary>
    /// Loads the first document of <paramref name="text"/>: with <see cref="FastYamlReader"/> when the text keeps to its
    /// subset (the same tree, spans and diagnostics), else with YamlDotNet. Every problem goes to <paramref name="diagnostics"/>;
    /// returns null when nothing usable was read (a syntax error, a limit exceeded, an empty file).
    /// </summary>
    /// <remarks>With <paramref name="arena"/>, the nodes come from it (see <see cref="NodeArena"/>): the tree is valid until it is returned.</remarks>
    public static YamlNode? Load(string filePath, string text, List<DiagnosticInfo> diagnostics, SpecLimits? limits = null, NodeArena? arena = null, CancellationToken cancellationToken = default)
    {
        limits ??= SpecLimits.Default;
        if (text.Length > limits.MaxDocumentLength)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LimitExceeded, filePath, TextPositions.At(text, limits.MaxDocumentLength),
                "document size (" + limits.MaxDocumentLength + " characters; the file has " + text.Length + ")"));
            return null;
        }

        if (FastYamlReader.TryLoad(filePath, text, out var fastRoot, out var fastDiagnostics, limits, arena, cancellationToken))
        {
            diagnostics.AddRange(fastDiagnostics);
            return fastRoot;
        }

        return LoadWithYamlDotNet(filePath, text, diagnostics, limits, arena, cancellationToken);
    }

    /// <summary>Loads with YamlDotNet's parser: every YAML construct, every syntax error.</summary>
    internal static YamlNode? LoadWithYamlDotNet(string filePath, string text, List<DiagnosticInfo> diagnostics, SpecLimits? limits = null, NodeArena? arena = null, CancellationToken cancellationToken = default)
    {
        var parser = new Parser(new StringReader(text));
        var builder = new TreeBuilder(filePath, diagnostics, limits ?? SpecLimits.Default, arena, cancellationToken);
        try
        {
            return Build(parser, builder, text, filePath, diagnostics);
        }
        finally
        {
            builder.Release();
        }
    }

    private static YamlNode? Build(Parser parser, TreeBuilder builder, string text, string filePath, List<DiagnosticInfo> diagnostics)
    {
        while (true)
        {
            bool more;
            try
            {
                more = parser.MoveNext();
            }
            catch (YamlException exception)
            {
                var message = exception.InnerException is YamlException inner ? inner.Message : exception.Message;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYaml, filePath, Locate(text, exception.Start, exception.End, message), message));
                return null;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // YamlDotNet throws other exceptions on some malformed input (an unclosed flow sequence):
                // still a YAML error, reported where the parser had got to.
                var at = parser.Current is { } current ? Locate(text, current.Start, current.End, exception.Message) : SourceSpan.Empty;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYaml, filePath, at, exception.Message));
                return null;
            }

            if (!more || !builder.Accept(parser.Current!))
            {
                break;
            }
        }

        return builder.Finish();
    }

    internal static SourceSpan ToSpan(Mark start, Mark end) => ToSpan(TextMark.Of(start), TextMark.Of(end));

    internal static SourceSpan ToSpan(TextMark start, TextMark end)
        => new(
            Math.Max(0, start.Index),
            Math.Max(Math.Max(0, start.Index), end.Index),
            Math.Max(0, start.Line - 1),
            Math.Max(0, start.Column - 1),
            Math.Max(0, Math.Max(start.Line, end.Line) - 1),
            Math.Max(0, end.Column - 1));

    /// <summary>
    /// A place in the text as YamlDotNet's <see cref="Mark"/> gives it (index, line and column from 1), in ints: the fast
    /// reader makes two per token, without the range checks of <see cref="Mark"/>'s constructor and its longs.
    /// </summary>
    internal readonly struct TextMark
    {
        public readonly int Index;
        public readonly int Line;
        public readonly int Column;

        public TextMark(int index, int line, int column)
        {
            Index = index;
            Line = line;
            Column = column;
        }

        /// <summary>A YamlDotNet mark (its values are bounded by the text's length, an int).</summary>
        public static TextMark Of(Mark mark) => new((int)mark.Index, (int)mark.Line, (int)mark.Column);
    }

    /// <summary>
    /// The place of a YamlDotNet error. It reports a tab used as indentation at the start of the
    /// enclosing mapping (often line 1); the tab itself is the place to fix.
    /// </summary>
    private static SourceSpan Locate(string text, Mark start, Mark end, string message)
    {
        if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 && TextPositions.FindIndentationTab(text, (int)Math.Max(0, start.Index)) is int tab)
        {
            return TextPositions.At(text, tab, 1);
        }

        // Computed from the text: at the end of a truncated file YamlDotNet's mark can be a line past the last one.
        var offset = (int)Math.Min(Math.Max(0, start.Index), text.Length);
        return TextPositions.At(text, offset, (int)Math.Max(0, Math.Min(end.Index, text.Length) - offset));
    }

    /// <summary>
    /// Builds the tree from parser events; one frame per open map or sequence. Frames (and their lists) are
    /// reused level by level, so a node costs only itself and its exact-size array of children.
    /// </summary>
    internal sealed class TreeBuilder
    {
        private readonly string _filePath;
        private readonly List<DiagnosticInfo> _diagnostics;
        // Frames (and their lists, grown to the document's widest maps and sequences) are reused from load to load on a thread.
        private const int MaxKeptCapacity = 1024;

        [ThreadStatic]
        private static List<Frame>? _spareFrames;

        private readonly List<Frame> _frames;
        private readonly Dictionary<string, YamlNode> _anchors = new();
        private readonly Dictionary<string, Frame> _openAnchors = new();
        private readonly NodeArena? _arena;
        private readonly long _maxExpanded;
        private readonly CancellationToken _cancellation;
        private int _depth;
        private long _expanded;
        // Where Count looks further than its one comparison: the node limit, or the next checkpoint before it.
        private long _stop;
        private int _documents;

        /// <summary>Nodes loaded between two looks at the cancellation token (<see cref="Checkpoint"/>): about 70 looks in a 5 MB spec.</summary>
        internal const int CheckpointStride = 4096;

        public TreeBuilder(string filePath, List<DiagnosticInfo> diagnostics, SpecLimits limits, NodeArena? arena = null, CancellationToken cancellationToken = default)
        {
            _arena = arena;
            _filePath = filePath;
            _diagnostics = diagnostics;
            _maxExpanded = limits.MaxExpandedNodes;
            _cancellation = cancellationToken;
            _stop = Math.Min(_maxExpanded, CheckpointStride);
            _frames = _spareFrames ?? new List<Frame>();
            _spareFrames = null;
        }

        /// <summary>Empties the frames (they keep no node) and keeps them for this thread's next load; the builder is done.</summary>
        public void Release()
        {
            foreach (var frame in _frames)
            {
                if (!frame.Clear(MaxKeptCapacity))
                {
                    return; // grown by an unusual document: not kept
                }
            }

            _depth = 0;
            _spareFrames = _frames;
        }

        public YamlNode? Root { get; private set; }

        public bool Failed { get; private set; }

        /// <summary>The root, or null (and the reason reported) when loading failed or the file was empty.</summary>
        public YamlNode? Finish()
        {
            if (Failed)
            {
                return null;
            }

            if (Root is null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYaml, _filePath, SourceSpan.Empty, "the file is empty"));
            }

            return Root;
        }

        /// <summary>Takes a scalar without an anchor; false when loading is over (a limit was hit).</summary>
        public bool Scalar(string value, bool quoted, TextMark start, TextMark end)
        {
            var frame = _depth > 0 ? _frames[_depth - 1] : null;
            if (frame is { IsMap: true, HasKey: false })
            {
                // A key: what Add and Attach do with a scalar node, without the node (the key lives in the entry).
                if (!Count(1, start, end))
                {
                    return false;
                }

                frame.Size += 1;
                frame.HasKey = true;
                var span = ToSpan(start, end);
                frame.Key = new YamlKey(value, quoted, span);
                frame.KeyIsText = true;
                UnknownExtensions.Check(value, span, _filePath, _diagnostics);
                return true;
            }

            // A value: what Add and Attach do with a scalar (its size is 1), without their virtual calls and type tests.
            if (!Count(1, start, end))
            {
                return false;
            }

            var node = NewScalar(value, quoted, ToSpan(start, end));
            if (frame is null)
            {
                Root ??= node;
                return true;
            }

            frame.Size += 1;
            if (!frame.IsMap)
            {
                frame.Items.Add(node);
                return true;
            }

            return AttachValue(frame, node); // a map waiting for this value: its key was taken above
        }

        /// <summary>Opens a map or sequence without an anchor; false when loading is over.</summary>
        public bool Open(bool isMap, TextMark start) => Open(isMap, start, null);

        /// <summary>Closes the innermost open map or sequence; false when loading is over.</summary>
        public bool Close(TextMark end) => CloseFrame(end);

        /// <summary>Takes one event; false when loading is over (the first document ended, or a limit was hit).</summary>
        public bool Accept(ParsingEvent parsingEvent)
        {
            switch (parsingEvent)
            {
                case Scalar scalar:
                    var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                    if (Name(scalar.Anchor) is not string anchor)
                    {
                        return Scalar(scalar.Value ?? string.Empty, quoted, TextMark.Of(scalar.Start), TextMark.Of(scalar.End)); // a key becomes no node
                    }

                    var node = NewScalar(scalar.Value ?? string.Empty, quoted, ToSpan(scalar.Start, scalar.End));
                    _openAnchors.Remove(anchor);
                    _anchors[anchor] = node;
                    return Add(node, TextMark.Of(parsingEvent.Start), TextMark.Of(parsingEvent.End));
                case MappingStart start:
                    return Open(isMap: true, TextMark.Of(start.Start), Name(start.Anchor));
                case SequenceStart start:
                    return Open(isMap: false, TextMark.Of(start.Start), Name(start.Anchor));
                case MappingEnd or SequenceEnd:
                    return CloseFrame(TextMark.Of(parsingEvent.End));
                case DocumentStart:
                    _documents++;
                    return _documents == 1;
                case DocumentEnd:
                    return false;
                case AnchorAlias alias:
                    return Add(Dereference(alias), TextMark.Of(parsingEvent.Start), TextMark.Of(parsingEvent.End));
                default:
                    return true;
            }
        }

        private YamlScalar NewScalar(string value, bool quoted, SourceSpan span)
            => _arena is { } arena ? arena.Scalar(value, quoted, span) : new YamlScalar(value, quoted, span);

        private static string? Name(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

        private YamlNode Dereference(AnchorAlias alias)
        {
            var name = alias.Value.Value;
            var span = ToSpan(alias.Start, alias.End);
            if (_openAnchors.ContainsKey(name))
            {
                Report(DiagnosticDescriptors.Cycle, span, "The alias *" + name, "it is used inside the node &" + name + " it repeats");
            }
            else if (_anchors.TryGetValue(name, out var node))
            {
                return node;
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidYaml, span, "the alias *" + name + " has no anchor &" + name + " before it");
            }

            return new YamlScalar(string.Empty, quoted: false, span);
        }

        private bool Open(bool isMap, TextMark start, string? anchor)
        {
            if (_depth >= YamlLimits.MaxDepth)
            {
                return Fail(ToSpan(start, start), "nesting depth (" + YamlLimits.MaxDepth + " levels of maps and sequences)");
            }

            if (!Count(1, start, start))
            {
                return false;
            }

            if (_depth == _frames.Count)
            {
                _frames.Add(new Frame());
            }

            var frame = _frames[_depth++];
            frame.Reset(isMap, start, anchor);
            if (anchor is not null)
            {
                _anchors.Remove(anchor);
                _openAnchors[anchor] = frame;
            }

            return true;
        }

        private bool CloseFrame(TextMark end)
        {
            if (_depth == 0)
            {
                return true;
            }

            var frame = _frames[--_depth];
            var span = ToSpan(frame.Start, end);
            YamlNode node = _arena is { } arena
                ? frame.IsMap ? arena.Map(frame.Entries, span, frame.Size) : arena.Sequence(frame.Items, span, frame.Size)
                : frame.IsMap ? new YamlMap(frame.Entries.ToArray(), span, frame.Size) : new YamlSequence(frame.Items.ToArray(), span, frame.Size);
            if (frame.Anchor is string anchor && _openAnchors.TryGetValue(anchor, out var open) && open == frame)
            {
                _openAnchors.Remove(anchor);
                _anchors[anchor] = node;
            }

            return Attach(node);
        }

        /// <summary>Adds a scalar or an alias: it costs its expanded size (an alias repeats its whole node).</summary>
        private bool Add(YamlNode node, TextMark start, TextMark end) => Count(node.Size, start, end) && Attach(node);

        private bool Count(long nodes, TextMark start, TextMark end)
        {
            _expanded += nodes;
            return _expanded <= _stop || Stop(start, end);
        }

        /// <summary>Past the node limit (loading fails), or at a checkpoint (throws when the run is cancelled).</summary>
        private bool Stop(TextMark start, TextMark end)
        {
            if (_expanded > _maxExpanded)
            {
                return Fail(ToSpan(start, end), "expanded nodes (" + _maxExpanded + " nodes, counting every node an alias repeats)");
            }

            Checkpoint.Pass(_cancellation, "nodes");
            _stop = Math.Min(_maxExpanded, _expanded + CheckpointStride);
            return true;
        }

        private bool Attach(YamlNode node)
        {
            if (_depth == 0)
            {
                Root ??= node;
                return true;
            }

            var parent = _frames[_depth - 1];
            parent.Size += node.Size;
            if (!parent.IsMap)
            {
                parent.Items.Add(node);
                return true;
            }

            if (!parent.HasKey)
            {
                parent.HasKey = true;
                parent.KeyIsText = node is YamlScalar;
                if (node is YamlScalar scalar)
                {
                    parent.Key = new YamlKey(scalar.Value, scalar.Quoted, scalar.Span);
                    UnknownExtensions.Check(scalar.Value, scalar.Span, _filePath, _diagnostics);
                }
                else
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, node.Span, "A map or sequence used as a key", "keys must be plain text");
                }

                return true;
            }

            return AttachValue(parent, node);
        }

        /// <summary>Adds <paramref name="node"/> as the value of <paramref name="parent"/>'s pending key (a repeated key is reported and its entry dropped).</summary>
        private bool AttachValue(Frame parent, YamlNode node)
        {
            parent.HasKey = false;
            if (!parent.KeyIsText)
            {
                return true;
            }

            if (!parent.AddKey(parent.Key.Value))
            {
                Report(DiagnosticDescriptors.InvalidYaml, parent.Key.Span, "the key '" + parent.Key.Value + "' is repeated in this map (the first one is used)");
                return true;
            }

            parent.Entries.Add(new YamlEntry(parent.Key, node));
            return true;
        }

        private bool Fail(SourceSpan at, string limit)
        {
            Failed = true;
            Report(DiagnosticDescriptors.LimitExceeded, at, limit);
            return false;
        }

        private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SourceSpan span, params string[] arguments)
            => _diagnostics.Add(DiagnosticInfo.Create(descriptor, _filePath, span, arguments));
    }

    /// <summary>One open map or sequence; reused for the next one at its level once it is closed.</summary>
    private sealed class Frame
    {
        private readonly string?[] _firstKeys = new string?[YamlMap.SmallMap]; // the keys of Entries while it is small
        private HashSet<string>? _keys;

        public bool IsMap { get; private set; }

        public TextMark Start { get; private set; }

        public string? Anchor { get; private set; }

        public long Size { get; set; }

        public List<YamlNode> Items { get; } = new();

        public List<YamlEntry> Entries { get; } = new();

        public bool HasKey { get; set; }

        // The pending key (fields, not properties: no copies of the struct on the way into the entry).
        public YamlKey Key;

        /// <summary>Whether the pending key is text (a map or sequence as a key is reported and its entry dropped).</summary>
        public bool KeyIsText;

        /// <summary>Drops every reference the frame holds; false when its lists are larger than <paramref name="maxCapacity"/>.</summary>
        public bool Clear(int maxCapacity)
        {
            if (_keys is { Count: > 0 } keys && keys.Count > maxCapacity)
            {
                _keys = null; // a set cannot shrink: a large one is dropped
            }

            Reset(IsMap, default, null);
            Array.Clear(_firstKeys, 0, _firstKeys.Length);
            return Items.Capacity <= maxCapacity && Entries.Capacity <= maxCapacity;
        }

        public void Reset(bool isMap, TextMark start, string? anchor)
        {
            IsMap = isMap;
            Start = start;
            Anchor = anchor;
            Size = 1;
            Items.Clear();
            Entries.Clear();
            _keys?.Clear();
            HasKey = false;
            Key = default;
            KeyIsText = false;
        }

        /// <summary>
        /// False when the map already has the key. A small map compares its keys in order; past
        /// <see cref="YamlMap.SmallMap"/> keys a set keeps a large map linear.
        /// </summary>
        public bool AddKey(string key)
        {
            if (_keys is { Count: > 0 })
            {
                return _keys.Add(key);
            }

            var count = Entries.Count; // at most SmallMap here: past it the set answers
            for (var i = 0; i < count; i++)
            {
                if (string.Equals(_firstKeys[i], key, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            if (count >= YamlMap.SmallMap)
            {
                _keys ??= new HashSet<string>(StringComparer.Ordinal);
                foreach (var first in _firstKeys)
                {
                    _keys.Add(first!);
                }

                _keys.Add(key);
            }
            else
            {
                _firstKeys[count] = key;
            }

            return true;
        }
    }
}
