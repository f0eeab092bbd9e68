using System.Text;
using System.Text.RegularExpressions;

namespace Qiwi.Generator.Fuzz;

/// <summary>The kinds of damage a careless or hostile edit does to a spec (issue 10's list).</summary>
public enum MutationKind
{
    DeleteLines,
    DuplicateLine,
    Reindent,
    SwapValues,
    ScalarToList,
    ScalarToMap,
    RefToMissing,
    RefCycle,
    RefToOddTarget,
    Truncate,
    RandomChars,
    DuplicateKey,
    Tab,
    UnicodeLineSeparator,
    AliasBomb,
    SelfAlias,
    DeepNesting,
    HugeString,
    NameCollision,
    DuplicateOperationId,
    InvalidNumber,
    PathBrace,
    Several,
}

/// <summary>One mutant: its seed, kind and text.</summary>
public sealed record Mutant(int Seed, MutationKind Kind, string Text);

/// <summary>
/// A seeded text mutator of a YAML spec: the same seed always gives the same mutant. The kind is
/// <c>seed % kinds</c>, so any range of consecutive seeds covers every kind evenly.
/// </summary>
public static class SpecMutator
{
    private static readonly MutationKind[] Kinds = Enum.GetValues<MutationKind>();
    // Unambiguous prefixes (" *(?:- +)?", not "\s*-?\s*"): a line indented 10,000 spaces deep must not backtrack quadratically.
    private static readonly Regex KeyValue = new(@"^( *(?:- +)?)([A-Za-z0-9_$'"".\/{}-]+): +(\S.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex Ref = new(@"\$ref: '([^']*)'", RegexOptions.CultureInvariant);

    /// <summary>The kind of mutation a seed makes.</summary>
    public static MutationKind KindOf(int seed) => Kinds[(int)((uint)seed % (uint)Kinds.Length)];

    public static Mutant Mutate(string spec, int seed)
    {
        var kind = KindOf(seed);
        var random = new Random(Scramble(seed));
        var text = kind == MutationKind.Several
            ? Several(spec, random)
            : Apply(spec, kind, random);
        return new Mutant(seed, kind, text);
    }

    /// <summary>Consecutive seeds give nearly the same first numbers from <see cref="Random"/>; mix them first.</summary>
    private static int Scramble(int seed)
    {
        var x = (uint)seed * 0x9E3779B9u;
        x ^= x >> 16;
        x *= 0x85EBCA6Bu;
        x ^= x >> 13;
        return (int)(x & 0x7FFFFFFF);
    }

    private static string Several(string spec, Random random)
    {
        var text = spec;
        for (var i = 0; i < 3; i++)
        {
            text = Apply(text, Kinds[random.Next(Kinds.Length - 1)], random);
        }

        return text;
    }

    private static string Apply(string spec, MutationKind kind, Random random)
    {
        var lines = spec.Split('\n').ToList();
        switch (kind)
        {
            case MutationKind.DeleteLines:
            {
                var at = random.Next(lines.Count);
                lines.RemoveRange(at, Math.Min(lines.Count - at, 1 + random.Next(3)));
                return Join(lines);
            }

            case MutationKind.DuplicateLine:
            {
                var at = random.Next(lines.Count);
                lines.Insert(at + random.Next(2), lines[at]);
                return Join(lines);
            }

            case MutationKind.Reindent:
            {
                var at = random.Next(lines.Count);
                var delta = new[] { -4, -2, -1, 1, 2, 4 }[random.Next(6)];
                var indent = lines[at].Length - lines[at].TrimStart(' ').Length;
                lines[at] = new string(' ', Math.Max(0, indent + delta)) + lines[at].TrimStart(' ');
                return Join(lines);
            }

            case MutationKind.SwapValues:
            {
                var pairs = Indexes(lines, l => KeyValue.IsMatch(l));
                if (pairs.Count < 2)
                {
                    return spec;
                }

                var a = pairs[random.Next(pairs.Count)];
                var b = pairs[random.Next(pairs.Count)];
                var ma = KeyValue.Match(lines[a]);
                var mb = KeyValue.Match(lines[b]);
                lines[a] = ma.Groups[1].Value + ma.Groups[2].Value + ": " + mb.Groups[3].Value;
                lines[b] = mb.Groups[1].Value + mb.Groups[2].Value + ": " + ma.Groups[3].Value;
                return Join(lines);
            }

            case MutationKind.ScalarToList:
            case MutationKind.ScalarToMap:
            {
                var pairs = Indexes(lines, l => KeyValue.IsMatch(l));
                var at = pairs[random.Next(pairs.Count)];
                var m = KeyValue.Match(lines[at]);
                var value = m.Groups[3].Value;
                lines[at] = m.Groups[1].Value + m.Groups[2].Value + ": " + (kind == MutationKind.ScalarToList ? "[" + value + "]" : "{x: " + value + "}");
                return Join(lines);
            }

            case MutationKind.RefToMissing:
                return ReplaceRef(spec, random, _ => "#/components/schemas/Missing" + random.Next(100));
            case MutationKind.RefToOddTarget:
            {
                string[] odd = { "#/paths", "#/info/title", "#/", "#", "", "http://example.com/x.yaml#/A", "#/components/schemas", "#/components/schemas/ResultCode/enum/0", "#/components/schemas/Bill/properties", "#/x-qiwi-envelope", "#/components/schemas/~1", "#/paths/~1api" };
                return ReplaceRef(spec, random, _ => odd[random.Next(odd.Length)]);
            }

            case MutationKind.RefCycle:
            {
                var shape = random.Next(4);
                var cycle = shape switch
                {
                    0 => "    CycA:\n      allOf:\n        - $ref: '#/components/schemas/CycA'\n",
                    1 => "    CycA:\n      allOf:\n        - $ref: '#/components/schemas/CycB'\n    CycB:\n      allOf:\n        - $ref: '#/components/schemas/CycA'\n",
                    2 => "    CycA:\n      $ref: '#/components/schemas/CycB'\n    CycB:\n      $ref: '#/components/schemas/CycA'\n",
                    _ => "    CycA:\n      description: loops\n      allOf:\n        - description: again\n          allOf:\n            - $ref: '#/components/schemas/CycA'\n",
                };
                var withCycle = InsertAfter(spec, "  schemas:\n", cycle);
                return ReplaceRef(withCycle, random, _ => "#/components/schemas/CycA");
            }

            case MutationKind.Truncate:
                return spec.Substring(0, random.Next(spec.Length));
            case MutationKind.RandomChars:
            {
                var chars = spec.ToCharArray();
                var count = 1 + random.Next(8);
                for (var i = 0; i < count; i++)
                {
                    chars[random.Next(chars.Length)] = RandomChar(random);
                }

                return new string(chars);
            }

            case MutationKind.DuplicateKey:
            {
                var pairs = Indexes(lines, l => KeyValue.IsMatch(l) && !l.TrimStart().StartsWith("-", StringComparison.Ordinal));
                var at = pairs[random.Next(pairs.Count)];
                var m = KeyValue.Match(lines[at]);
                lines.Insert(at + 1, m.Groups[1].Value + m.Groups[2].Value + ": duplicate");
                return Join(lines);
            }

            case MutationKind.Tab:
            {
                var indented = Indexes(lines, l => l.StartsWith("  ", StringComparison.Ordinal));
                var at = indented[random.Next(indented.Count)];
                lines[at] = "\t" + lines[at].Substring(2);
                return Join(lines);
            }

            case MutationKind.UnicodeLineSeparator:
            {
                string[] separators = { "\\L", "\\P", "\\N", "\\r", "\\x85", "\\u2028", "\\x01", "\\x7f", "\\ud800" };
                var targets = Indexes(lines, l => Regex.IsMatch(l, @"^ *(?:- +)?(summary|description|pattern|name|x-qiwi-name|value|title): +\S"));
                var at = targets[random.Next(targets.Count)];
                var m = KeyValue.Match(lines[at]);
                if (!m.Success)
                {
                    return spec;
                }

                var raw = m.Groups[3].Value.Trim('\'', '"').Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
                var cut = random.Next(raw.Length + 1);
                lines[at] = m.Groups[1].Value + m.Groups[2].Value + ": \"" + raw.Substring(0, cut) + separators[random.Next(separators.Length)] + raw.Substring(cut) + "\"";
                return Join(lines);
            }

            case MutationKind.AliasBomb:
            {
                var levels = 3 + random.Next(8);
                var bomb = new StringBuilder("x-bomb:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                for (var i = 1; i < levels; i++)
                {
                    bomb.Append("  l").Append(i).Append(": &l").Append(i).Append(" [")
                        .Append(string.Join(", ", Enumerable.Repeat("*l" + (i - 1), 10))).Append("]\n");
                }

                return spec + (spec.EndsWith('\n') ? string.Empty : "\n") + bomb;
            }

            case MutationKind.SelfAlias:
            {
                string[] shapes = { "x-self: &s [*s]\n", "x-self: &s {a: *s}\n", "x-self: &s\n  - a\n  - *s\n", "x-undefined: *nowhere\n" };
                return spec + (spec.EndsWith('\n') ? string.Empty : "\n") + shapes[random.Next(shapes.Length)];
            }

            case MutationKind.DeepNesting:
            {
                var depth = new[] { 50, 63, 64, 65, 100, 1_000, 100_000 }[random.Next(7)];
                var flow = random.Next(2) == 0;
                var deep = flow
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Range(0, Math.Min(depth, 5_000)).Select(i => "\n" + new string(' ', 2 * (i + 1)) + "k:"));
                return spec + (spec.EndsWith('\n') ? string.Empty : "\n") + "x-deep: " + deep + "\n";
            }

            case MutationKind.HugeString:
            {
                var size = new[] { 10_000, 1_000_000, 4_200_000 }[random.Next(3)];
                var targets = Indexes(lines, l => Regex.IsMatch(l, @"^ *(description|summary): +\S"));
                var at = targets[random.Next(targets.Count)];
                var indent = lines[at].Length - lines[at].TrimStart().Length;
                lines[at] = new string(' ', indent) + "description: " + new string('x', size);
                return Join(lines);
            }

            case MutationKind.NameCollision:
            {
                string[] schemas = { "QiwiPullClient", "IQiwiPullClient", "QiwiPullPatterns", "QiwiPullRedirects", "QiwiPullResultCodes", "BillEnvelopeReader", "BillNotificationWebhook", "bill", "BILL", "ResultCodeExtensions", "CheckoutReturnRedirect", "record" };
                string[] properties = { "missing", "to_json", "to_xml", "from_form", "equality_contract", "additional_properties", "status_wire", "status_wire_value", "reader", "_additional" };
                if (random.Next(2) == 0)
                {
                    return InsertAfter(spec, "  schemas:\n", "    " + schemas[random.Next(schemas.Length)] + ":\n      type: object\n      properties:\n        a:\n          type: string\n");
                }

                var propertyBlocks = Indexes(lines, l => l == "      properties:");
                var at = propertyBlocks[random.Next(propertyBlocks.Count)];
                lines.Insert(at + 1, "        " + properties[random.Next(properties.Length)] + ":\n          type: string");
                return Join(lines);
            }

            case MutationKind.DuplicateOperationId:
            {
                var ids = Indexes(lines, l => l.TrimStart().StartsWith("operationId:", StringComparison.Ordinal));
                var a = ids[random.Next(ids.Count)];
                var b = ids[random.Next(ids.Count)];
                lines[b] = lines[b].Substring(0, lines[b].IndexOf("operationId:", StringComparison.Ordinal)) + lines[a].TrimStart();
                return Join(lines);
            }

            case MutationKind.InvalidNumber:
            {
                string[] bad = { "abc", "NaN", "1e400", "1.", "0,5", ".5", "'10'", "[1]", "-", "1e-400", "79228162514264337593543950336" };
                var numbers = Indexes(lines, l => Regex.IsMatch(l, @"^ *(minimum|maximum|minLength|maxLength|scale|successCode): "));
                if (numbers.Count == 0)
                {
                    return spec;
                }

                var at = numbers[random.Next(numbers.Count)];
                lines[at] = lines[at].Substring(0, lines[at].IndexOf(':') + 1) + " " + bad[random.Next(bad.Length)];
                return Join(lines);
            }

            case MutationKind.PathBrace:
            {
                var paths = Indexes(lines, l => l.StartsWith("  /", StringComparison.Ordinal) && l.Contains('{', StringComparison.Ordinal));
                var at = paths[random.Next(paths.Count)];
                string[] edits = { "}", "{", "{}" };
                var edit = edits[random.Next(edits.Length)];
                var line = lines[at];
                var index = edit == "}" ? line.IndexOf('}', StringComparison.Ordinal) : line.IndexOf('{', StringComparison.Ordinal);
                lines[at] = edit switch
                {
                    "}" => line.Remove(index, 1),
                    "{" => line.Insert(index + 1, "{"),
                    _ => line.Insert(index, "{}"),
                };
                return Join(lines);
            }

            default:
                return spec;
        }
    }

    private static char RandomChar(Random random) => random.Next(6) switch
    {
        0 => (char)random.Next(0, 32),
        1 => "{}[]:,&*!|>'\"%@`#-?".ToCharArray()[random.Next(19)],
        2 => new[] { '\u0085', '\u2028', '\u2029', '\ufeff', '\ud800', '\udc00', '\u00a0' }[random.Next(7)],
        _ => (char)random.Next(32, 127),
    };

    private static string ReplaceRef(string spec, Random random, Func<string, string> target)
    {
        var matches = Ref.Matches(spec);
        if (matches.Count == 0)
        {
            return spec;
        }

        var match = matches[random.Next(matches.Count)];
        return spec.Substring(0, match.Groups[1].Index) + target(match.Groups[1].Value) + spec.Substring(match.Groups[1].Index + match.Groups[1].Length);
    }

    private static string InsertAfter(string spec, string marker, string insertion)
    {
        var index = spec.IndexOf(marker, StringComparison.Ordinal);
        return index < 0 ? spec + "\n" + insertion : spec.Insert(index + marker.Length, insertion);
    }

    private static List<int> Indexes(List<string> lines, Func<string, bool> predicate)
    {
        var result = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (predicate(lines[i]))
            {
                result.Add(i);
            }
        }

        return result.Count == 0 ? new List<int> { 0 } : result;
    }

    private static string Join(List<string> lines) => string.Join('\n', lines);
}
