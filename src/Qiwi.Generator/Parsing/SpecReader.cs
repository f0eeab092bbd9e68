using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Input;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Parsing;

/// <summary>Reads one spec file into a <see cref="SpecModel"/> and its diagnostics. Never throws for a bad spec.</summary>
internal static class SpecReader
{
    private const string SchemaPrefix = "#/components/schemas/";

    public static ParseResult Read(SpecFile file)
    {
        var root = YamlLoader.Load(file.Text, out var yamlError, out var errorSpan);
        if (root is null)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYaml, file.Path, errorSpan, yamlError ?? "unknown error");
            return new ParseResult(null, new(new[] { diagnostic }));
        }

        if (root is not YamlMap map)
        {
            return Fail(file.Path, root.Span, "the document is not a map");
        }

        var version = map.GetString("openapi");
        if (version is null || !version.StartsWith("3.0", System.StringComparison.Ordinal))
        {
            return Fail(file.Path, map.Contains("openapi") ? map["openapi"]!.Span : map.KeySpan("swagger"),
                version is null ? "it has no 'openapi: 3.0.x' (Swagger 2.0 is not supported)" : "'openapi: " + version + "' is not 3.0.x");
        }

        var context = new ParseContext(file.Path, map);
        var extensions = new ExtensionReader(context);
        var schemas = new SchemaReader(context, extensions);
        schemas.ReadComponents();
        var objects = schemas.Objects;

        var envelope = ReadEnvelope(context, schemas);
        var operations = new OperationReader(context, schemas, extensions, envelope);
        operations.ReadPaths();
        operations.ReadWebhooks();
        var linked = OutcomeReadReader.Link(context, operations.Operations, objects);

        var options = ReadOptions(context, file.Options);
        var enums = new List<EnumModel>(schemas.Enums.Values);
        CheckTypeNames(context, options.ClientName, enums, objects);

        var model = new SpecModel(
            file.Path,
            options.Namespace,
            options.ClientName,
            options.Description,
            options.Public,
            envelope?.ResultCodeEnum,
            new(enums),
            new(objects),
            new(linked),
            new(operations.Redirects),
            new(operations.Webhooks));
        return new ParseResult(model, new(context.Diagnostics));
    }

    private static ParseResult Fail(string path, SourceSpan span, string reason)
        => new(null, new(new[] { DiagnosticInfo.Create(DiagnosticDescriptors.NotOpenApi, path, span, reason) }));

    private static EnvelopeInfo? ReadEnvelope(ParseContext context, SchemaReader schemas)
    {
        if (context.Root["x-qiwi-envelope"] is not YamlNode node)
        {
            return null;
        }

        if (node is not YamlMap envelope
            || envelope.GetString("wrapper") is not string wrapper
            || envelope.GetString("resultCode") is not string resultCode)
        {
            context.Report(DiagnosticDescriptors.InvalidExtension, node.Span, "x-qiwi-envelope", "it needs 'wrapper' and 'resultCode' (see docs/spec-extensions.md)");
            return null;
        }

        string? resultCodeEnum = null;
        if (envelope.GetString("resultCodeSchema") is string pointer)
        {
            var name = pointer.StartsWith(SchemaPrefix, System.StringComparison.Ordinal) ? pointer.Substring(SchemaPrefix.Length) : null;
            if (name is null || context.FindPointer(pointer) is null)
            {
                context.Report(DiagnosticDescriptors.UnresolvedReference, envelope["resultCodeSchema"]!.Span, pointer, " (x-qiwi-envelope.resultCodeSchema)");
            }
            else if (!schemas.Enums.TryGetValue(name, out var codes) || !codes.IsInteger)
            {
                context.Report(DiagnosticDescriptors.ConflictingExtension, envelope["resultCodeSchema"]!.Span, "x-qiwi-envelope.resultCodeSchema", "'" + name + "' is not an integer enum schema");
            }
            else
            {
                resultCodeEnum = name;
            }
        }

        var successCode = envelope.GetInt("successCode");
        if (envelope.Contains("successCode") && successCode is null)
        {
            context.Report(DiagnosticDescriptors.InvalidExtension, envelope["successCode"]!.Span, "x-qiwi-envelope.successCode", "must be an integer");
        }

        return new EnvelopeInfo(wrapper, resultCode, envelope.GetString("description") ?? "description", successCode ?? 0, resultCodeEnum);
    }

    private static (string Namespace, string ClientName, string Description, bool Public) ReadOptions(ParseContext context, SpecOptions options)
    {
        var ns = string.IsNullOrWhiteSpace(options.Namespace) ? options.RootNamespace : options.Namespace!.Trim();
        if (string.IsNullOrWhiteSpace(ns))
        {
            ns = "Qiwi.Generated";
        }

        if (!IsValidNamespace(ns))
        {
            context.Report(DiagnosticDescriptors.InvalidOption, SourceSpan.Empty, "QiwiNamespace", ns, "it is not a valid C# namespace");
            ns = "Qiwi.Generated";
        }

        var client = context.Root.GetMap("x-qiwi-client");
        var clientName = options.ClientName ?? client?.GetString("name");
        if (clientName is null)
        {
            clientName = Naming.ToPascalCase(context.Root.GetMap("info")?.GetString("title") ?? "Api");
        }

        if (!Naming.IsValidIdentifier(clientName))
        {
            if (options.ClientName is not null)
            {
                context.Report(DiagnosticDescriptors.InvalidOption, SourceSpan.Empty, "QiwiClientName", clientName, "it is not a valid C# identifier");
            }
            else
            {
                context.Report(DiagnosticDescriptors.InvalidIdentifier, client?.KeySpan("name") ?? context.Root.KeySpan("info"), clientName, "the client name (x-qiwi-client.name or info.title)");
            }

            clientName = "Api";
        }

        var visibility = options.Visibility?.Trim().ToLowerInvariant();
        if (visibility is not (null or "" or "public" or "internal"))
        {
            context.Report(DiagnosticDescriptors.InvalidOption, SourceSpan.Empty, "QiwiVisibility", options.Visibility!, "use public or internal");
        }

        var description = client?.GetString("description") ?? context.Root.GetMap("info")?.GetString("description") ?? clientName + " client.";
        return (ns, clientName, description, visibility != "internal");
    }

    private static void CheckTypeNames(ParseContext context, string clientName, List<EnumModel> enums, IReadOnlyList<ObjectModel> objects)
    {
        var owners = new Dictionary<string, string>
        {
            ["I" + clientName + "Client"] = "the client interface",
            [clientName + "Client"] = "the client",
            [clientName + "Redirects"] = "the redirect builders",
            [clientName + "ResultCodes"] = "the result code catalog",
        };

        var schemas = context.Root.GetMap("components")?.GetMap("schemas");
        void Claim(string name, string owner)
        {
            if (owners.TryGetValue(name, out var other))
            {
                context.Report(DiagnosticDescriptors.DuplicateIdentifier, schemas?.KeySpan(owner) ?? SourceSpan.Empty, name, other, "the schema " + owner);
            }
            else
            {
                owners[name] = "the schema " + owner;
            }
        }

        foreach (var model in enums)
        {
            Claim(model.Name, model.Name);
            if (!model.IsOpen)
            {
                Claim(model.Name + "Extensions", model.Name);
            }
        }

        foreach (var model in objects)
        {
            Claim(model.Name, model.Name);
        }
    }

    private static bool IsValidNamespace(string ns)
    {
        foreach (var part in ns.Split('.'))
        {
            if (!Naming.IsValidIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }
}
