using System.Text;
using Qiwi.Generator.Input;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The merge of a path item's parameters with an operation's (<c>OperationReader</c>: a list scan for a few
/// parameters, a dictionary past 16) against the simple reference the OpenAPI rules give: an ordered map keyed by
/// (in, name), filled with the path item's parameters and then the operation's, where a later declaration of a key
/// replaces the earlier one in its place (an operation's overrides the path item's; a repeat within one list, which
/// OpenAPI forbids and the reader tolerates, keeps the last) and a new key goes last. Seeded random specs: two
/// operations sharing one path item, 0 to 28 declarations a list drawn from 8 names and 3 locations (so repeats,
/// overrides, one name in several locations, and lists on both sides of 16), some through <c>$ref</c> to
/// <c>components/parameters</c>, some unsupported (<c>in: cookie</c>, skipped by both). Every declaration has its
/// own <c>x-qiwi-name</c> and description, so the model's list shows which declaration won each key.
/// </summary>
public sealed class ParameterMergeDifferentialTests
{
    private static readonly string[] Names = ["a", "b", "item_id", "X-Trace", "page_size", "c1", "d", "e"];
    private static readonly string[] Locations = ["path", "query", "header"];
    private static readonly string[] Methods = ["get", "delete"];

    // The operations answer as MiniSpec's getItem does.
    private static readonly string Response = Between(MiniSpec.Text.Replace("\r\n", "\n", StringComparison.Ordinal), "      responses:\n", "components:\n");

    [Fact]
    public void Merged_parameters_are_the_reference_maps()
    {
        var random = new Random(16_2026);
        var longLists = 0;
        for (var round = 0; round < 300; round++)
        {
            var declarations = new List<Declaration>();

            // The template names every name, each declared in the path first on the path item (a later declaration of the
            // key replaces it in place), so every operation's path parameters match the template (else QIWI0012).
            var pathLevel = Names.Select((name, tag) => new Declaration(tag, name, "path", true, false)).ToList();
            declarations.AddRange(pathLevel);
            pathLevel.AddRange(Draw(random, declarations));
            var operationLevel = Methods.Select(_ => Draw(random, declarations)).ToList();
            var text = Spec(pathLevel, operationLevel, declarations);

            var result = SpecReader.Read(new SpecFile(GeneratorHarness.SpecPath, text, new SpecOptions(null, null, null, "Demo")));
            var model = result.Model;
            Assert.True(model is not null, string.Join("\n", result.Diagnostics) + "\n" + text);
            for (var m = 0; m < Methods.Length; m++)
            {
                var expected = Reference(pathLevel.Concat(operationLevel[m])).Select(Describe).ToList();
                var operation = model.Operations.SingleOrDefault(o => o.OperationId == Methods[m] + "Item");
                Assert.True(operation is not null, "no " + Methods[m] + "Item: " + string.Join("\n", result.Diagnostics) + "\n" + text);
                var actual = operation.Parameters.Select(Describe).ToList();
                Assert.True(expected.SequenceEqual(actual), "round " + round + ", " + Methods[m] + ":\nexpected " + string.Join(", ", expected) + "\nactual   " + string.Join(", ", actual) + "\n" + text);
                longLists += expected.Count > 16 ? 1 : 0;
            }
        }

        Assert.True(longLists > 20, "only " + longLists + " merges past 16 parameters (the dictionary path)");
    }

    /// <summary>The reference: an ordered map by (in, name), later declarations replacing earlier ones in place.</summary>
    private static List<Declaration> Reference(IEnumerable<Declaration> inOrder)
    {
        var order = new List<(string In, string Name)>();
        var byKey = new Dictionary<(string In, string Name), Declaration>();
        foreach (var declaration in inOrder.Where(d => d.In != "cookie"))
        {
            var key = (declaration.In, declaration.Name);
            if (!byKey.ContainsKey(key))
            {
                order.Add(key);
            }

            byKey[key] = declaration;
        }

        return order.ConvertAll(key => byKey[key]);
    }

    private static string Describe(Declaration d) => d.In + " " + d.Name + " P" + d.Tag + (d.In == "path" || d.Required ? " required" : "");

    private static string Describe(ParameterModel p)
        => p.Location.ToString().ToLowerInvariant() + " " + p.WireName + " " + p.Name + (p.Required ? " required" : "") + (p.Description == "D" + p.Name.Substring(1) ? "" : " (description " + p.Description + ")");

    /// <summary>A list of declarations: new ones, or (now and then) one already drawn, the same declaration again.</summary>
    private static List<Declaration> Draw(Random random, List<Declaration> all)
    {
        var count = random.Next(4) switch { 0 => 0, 1 => random.Next(1, 6), 2 => random.Next(6, 17), _ => random.Next(17, 29) };
        var list = new List<Declaration>();
        for (var i = 0; i < count; i++)
        {
            if (all.Count > 0 && random.Next(8) == 0)
            {
                list.Add(all[random.Next(all.Count)]);
                continue;
            }

            var declaration = new Declaration(
                all.Count,
                Names[random.Next(Names.Length)],
                random.Next(20) == 0 ? "cookie" : Locations[random.Next(Locations.Length)],
                random.Next(2) == 0,
                random.Next(3) == 0);
            all.Add(declaration);
            list.Add(declaration);
        }

        return list;
    }

    private static string Spec(List<Declaration> pathLevel, List<List<Declaration>> operationLevel, List<Declaration> all)
    {
        var paths = new StringBuilder("paths:\n  /items/{" + string.Join("}/{", Names) + "}:\n");
        AppendList(paths, "    ", pathLevel);
        for (var m = 0; m < Methods.Length; m++)
        {
            paths.Append("    ").Append(Methods[m]).Append(":\n      operationId: ").Append(Methods[m]).Append("Item\n");
            AppendList(paths, "      ", operationLevel[m]);
            paths.Append(Response);
        }

        var components = new StringBuilder("components:\n  parameters:\n");
        foreach (var declaration in all.Where(d => d.ByReference))
        {
            components.Append("    P").Append(declaration.Tag).Append(":\n");
            AppendFields(components, "      ", declaration);
        }

        components.Append("    Unused:\n      name: unused\n      in: query\n      schema:\n        type: string\n  schemas:\n");
        var text = MiniSpec.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf("paths:\n", StringComparison.Ordinal);
        var end = text.IndexOf("components:\n  schemas:\n", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start);
        return text.Substring(0, start) + paths + components + text.Substring(end + "components:\n  schemas:\n".Length);
    }

    private static string Between(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        var end = text.IndexOf(to, start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start);
        return text.Substring(start, end - start);
    }

    private static void AppendList(StringBuilder text, string indent, List<Declaration> list)
    {
        if (list.Count == 0)
        {
            return;
        }

        text.Append(indent).Append("parameters:\n");
        foreach (var declaration in list)
        {
            if (declaration.ByReference)
            {
                text.Append(indent).Append("  - $ref: '#/components/parameters/P").Append(declaration.Tag).Append("'\n");
                continue;
            }

            text.Append(indent).Append("  -\n");
            AppendFields(text, indent + "    ", declaration);
        }
    }

    private static void AppendFields(StringBuilder text, string indent, Declaration d)
    {
        text.Append(indent).Append("name: ").Append(d.Name).Append('\n')
            .Append(indent).Append("in: ").Append(d.In).Append('\n')
            .Append(indent).Append("required: ").Append(d.Required ? "true" : "false").Append('\n')
            .Append(indent).Append("x-qiwi-name: P").Append(d.Tag).Append('\n')
            .Append(indent).Append("description: D").Append(d.Tag).Append('\n')
            .Append(indent).Append("schema:\n").Append(indent).Append("  type: string\n");
    }

    private sealed record Declaration(int Tag, string Name, string In, bool Required, bool ByReference);
}
