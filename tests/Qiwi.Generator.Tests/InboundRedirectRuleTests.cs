using System.Globalization;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// An inbound redirect's parser (the URL the payer comes back to, made by anyone) applies its parameters' rules: a
/// value the spec's length, pattern or bounds refuse is a <see cref="FormatException"/> naming the parameter, as a
/// missing or unreadable one is; an optional parameter is checked only when present; nothing else escapes
/// <c>TryParse</c>. Seeded URLs over parameters of every kind the rules cover, against an oracle.
/// </summary>
public sealed class InboundRedirectRuleTests
{
    private static readonly string Spec = MiniSpec.Replace("components:\n", """
          /back:
            servers:
              - url: https://shop.example
            get:
              operationId: comeBack
              summary: The payer comes back.
              x-qiwi-redirect:
                kind: inbound
              parameters:
                - name: order
                  in: query
                  required: true
                  schema:
                    type: string
                    minLength: 2
                    maxLength: 5
                    pattern: '^[a-z0-9]+$'
                - name: note
                  in: query
                  required: false
                  schema:
                    type: string
                    maxLength: 3
                - name: count
                  in: query
                  required: false
                  schema:
                    type: integer
                    format: int32
                    minimum: 1
                    maximum: 9
                - name: big
                  in: query
                  required: true
                  schema:
                    type: integer
                    format: int64
                    maximum: 100
                    exclusiveMaximum: true
              responses:
                '200':
                  description: A page.
        components:

        """);

    private const string Probe = """
        namespace Demo;

        public static class Probe
        {
            public static string Parse(string url)
            {
                try
                {
                    var r = MiniRedirects.ParseComeBack(new global::System.Uri(url));
                    var ok = MiniRedirects.TryParseComeBack(new global::System.Uri(url), out var again) && again == r;
                    return "ok " + r.Order + "," + (r.Note ?? "null") + "," + (r.Count?.ToString(global::System.Globalization.CultureInfo.InvariantCulture) ?? "null") + "," + r.Big.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + (ok ? "" : " (TryParse disagrees)");
                }
                catch (global::System.FormatException exception)
                {
                    return MiniRedirects.TryParseComeBack(new global::System.Uri(url), out var none) || none is not null ? "TryParse disagrees" : "format " + exception.Message;
                }
            }
        }
        """;

    private static readonly string[] Orders = ["ab", "abcde", "a", "abcdef", "AB", "a-b", "x9"];
    private static readonly string[] Notes = ["", "abc", "abcd", "x y"];
    private static readonly string[] Counts = ["1", "9", "0", "10", "-3", "x", "99999999999"];
    private static readonly string[] Bigs = ["99", "100", "-5", "9223372036854775807", "92233720368547758070", "1.5"];

    [Fact]
    public void The_spec_compiles_without_warnings()
    {
        var harness = GeneratorHarness.ForSpec(Spec);
        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Empty(harness.Output!.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }

    /// <summary>Inbound parameters of every other kind with every rule it can have: the parser compiles without a warning and reads a URL of them.</summary>
    [Fact]
    public void Parameters_of_every_kind_with_their_rules_compile_and_are_read()
    {
        // Four more parameters before 'note', at the parameters' indentation.
        var extra = string.Concat(
            "        - name: price\n",
            "          in: query\n",
            "          required: false\n",
            "          schema:\n",
            "            type: number\n",
            "            minimum: 0\n",
            "            exclusiveMinimum: true\n",
            "            maximum: 100\n",
            "        - name: flag\n",
            "          in: query\n",
            "          required: false\n",
            "          schema:\n",
            "            type: boolean\n",
            "        - name: due\n",
            "          in: query\n",
            "          required: false\n",
            "          schema:\n",
            "            type: string\n",
            "            x-qiwi-datetime:\n",
            "              offset: '+03:00'\n",
            "              format: yyyy-MM-ddTHH:mm:ss\n",
            "              maxDaysAhead: 45\n",
            "              allowPast: false\n",
            "        - name: code\n",
            "          in: query\n",
            "          required: false\n",
            "          schema:\n",
            "            $ref: '#/components/schemas/Code'\n");
        var spec = Spec.Replace("        - name: note\n", extra + "        - name: note\n", StringComparison.Ordinal);
        Assert.NotEqual(Spec, spec);
        const string probe = """
            namespace Demo;

            public static class Probe
            {
                public static string Parse(string url)
                {
                    try
                    {
                        var r = MiniRedirects.ParseComeBack(new global::System.Uri(url));
                        return "ok " + r.Price?.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + "," + r.Flag + "," + r.Code + "," + (r.Due is null ? "null" : "due");
                    }
                    catch (global::System.FormatException exception)
                    {
                        return "format " + exception.Message;
                    }
                }
            }
            """;
        var harness = GeneratorHarness.ForSpec(spec);
        Assert.Empty(harness.Run().Diagnostics);
        Assert.Empty(harness.Output!.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        var assembly = GeneratedAssembly.Load(spec, probe);
        var future = DateTimeOffset.UtcNow.AddDays(3).ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

        Assert.Equal("ok 99.5,True,Busy,due", assembly.Call("Demo.Probe", "Parse", $"https://shop.example/back?order=ab&big=1&price=99.5&flag=true&code=1&due={future}"));
        Assert.StartsWith("format 'price' must be greater than 0", (string)assembly.Call("Demo.Probe", "Parse", "https://shop.example/back?order=ab&big=1&price=0")!, StringComparison.Ordinal);
        Assert.StartsWith("format 'price' must be at most 100", (string)assembly.Call("Demo.Probe", "Parse", "https://shop.example/back?order=ab&big=1&price=100.01")!, StringComparison.Ordinal);
        Assert.StartsWith("format 'flag' cannot be read", (string)assembly.Call("Demo.Probe", "Parse", "https://shop.example/back?order=ab&big=1&flag=yes")!, StringComparison.Ordinal);
        Assert.StartsWith("format 'code' cannot be read", (string)assembly.Call("Demo.Probe", "Parse", "https://shop.example/back?order=ab&big=1&code=99999999999")!, StringComparison.Ordinal);
        Assert.StartsWith("format 'due' must not be in the past", (string)assembly.Call("Demo.Probe", "Parse", "https://shop.example/back?order=ab&big=1&due=2020-01-01T00:00:00")!, StringComparison.Ordinal);
        Assert.StartsWith("format 'due' cannot be read", (string)assembly.Call("Demo.Probe", "Parse", "https://shop.example/back?order=ab&big=1&due=soon")!, StringComparison.Ordinal);
    }

    [Fact]
    public void Seeded_return_urls_are_read_or_refused_as_the_rules_say()
    {
        var assembly = GeneratedAssembly.Load(Spec, Probe);
        var random = new Random(7301);
        var failures = new List<string>();
        for (var i = 0; i < 600; i++)
        {
            var order = random.Next(8) == 0 ? null : Orders[random.Next(Orders.Length)];
            var note = random.Next(2) == 0 ? null : Notes[random.Next(Notes.Length)];
            var count = random.Next(2) == 0 ? null : Counts[random.Next(Counts.Length)];
            var big = random.Next(8) == 0 ? null : Bigs[random.Next(Bigs.Length)];
            var query = string.Join("&", new[] { ("order", order), ("note", note), ("count", count), ("big", big) }
                .Where(p => p.Item2 is not null).OrderBy(_ => random.Next()).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
            var url = "https://shop.example/back?a=1&" + query;
            var expected = Expected(order, note, count, big);
            var actual = (string)assembly.Call("Demo.Probe", "Parse", url)!;
            if (!(expected.StartsWith("ok ", StringComparison.Ordinal) ? actual == expected : actual.StartsWith("format ", StringComparison.Ordinal) && actual.Contains(expected, StringComparison.Ordinal)))
            {
                failures.Add($"{url}: {actual}; expected {expected}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of 600 wrong, the first:\n" + string.Join("\n", failures.Take(10)));
    }

    /// <summary>"ok ..." with the values, or the text the FormatException's message must hold.</summary>
    private static string Expected(string? order, string? note, string? count, string? big)
    {
        if (order is null)
        {
            return "'order'";
        }

        // Read in the spec's order: a missing or unreadable value stops the reading where it is met.
        int? countValue = null;
        if (count is not null)
        {
            if (!int.TryParse(count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var c))
            {
                return "'count' cannot be read";
            }

            countValue = c;
        }

        if (big is null)
        {
            return "'big'";
        }

        if (!long.TryParse(big, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bigValue))
        {
            return "'big' cannot be read";
        }

        if (order.Length is < 2 or > 5 || !order.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9')))
        {
            return "'order'";
        }

        if (note is { Length: > 3 })
        {
            return "'note'";
        }

        if (countValue is < 1 or > 9)
        {
            return "'count'";
        }

        if (bigValue >= 100)
        {
            return "'big'";
        }

        return "ok " + order + "," + (note ?? "null") + "," + (countValue?.ToString(CultureInfo.InvariantCulture) ?? "null") + "," + bigValue.ToString(CultureInfo.InvariantCulture);
    }
}
