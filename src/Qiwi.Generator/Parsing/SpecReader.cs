using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Emit;
using Qiwi.Generator.Input;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Parsing;

/// <summary>Reads one spec file into a <see cref="SpecModel"/> and its diagnostics. Never throws for a bad spec.</summary>
internal static class SpecReader
{
    private const string SchemaPrefix = "#/components/schemas/";

    public static ParseResult Read(SpecFile file, System.Threading.CancellationToken cancellationToken = default) => Read(file, reuseNodes: true, cancellationToken);

    /// <summary>
    /// Reads <paramref name="file"/>; with <paramref name="reuseNodes"/>, into this thread's <see cref="NodeArena"/>
    /// (no node allocated once the thread has read a spec as large), else into new nodes (the reference path the
    /// seeded differential test NodeArenaDifferentialTests holds the arena to). The model keeps no node.
    /// </summary>
    /// <remarks>
    /// <paramref name="cancellationToken"/> is looked at every stride of nodes loaded and once per schema, object, operation
    /// and webhook read (<see cref="Checkpoint"/>); a cancelled read throws, and leaves the thread's pools as a finished one does.
    /// </remarks>
    internal static ParseResult Read(SpecFile file, bool reuseNodes, System.Threading.CancellationToken cancellationToken = default)
    {
        if (!reuseNodes)
        {
            return Read(file, arena: null, cancellationToken);
        }

        var arena = NodeArena.Rent();
        try
        {
            return Read(file, arena, cancellationToken);
        }
        finally
        {
            NodeArena.Return(arena);
        }
    }

    private static ParseResult Read(SpecFile file, NodeArena? arena, System.Threading.CancellationToken cancellationToken)
    {
        Checkpoint.Pass(cancellationToken, "read");
        var loaded = new List<DiagnosticInfo>();
        var root = YamlLoader.Load(file.Path, file.Text, loaded, SpecLimits.For(file.Path, file.Options, loaded), arena, cancellationToken);
        if (root is null)
        {
            return new ParseResult(null, new(loaded));
        }

        if (root is not YamlMap map)
        {
            loaded.Add(NotOpenApi(file.Path, root.Span, "the document is not a map"));
            return new ParseResult(null, new(loaded));
        }

        var version = map.GetString("openapi");
        if (version is null || !version.StartsWith("3.0", System.StringComparison.Ordinal))
        {
            loaded.Add(NotOpenApi(file.Path, map.Contains("openapi") ? map["openapi"]!.Span : map.KeySpan("swagger"),
                version is null ? "it has no 'openapi: 3.0.x' (Swagger 2.0 is not supported)" : "'openapi: " + version + "' is not 3.0.x"));
            return new ParseResult(null, new(loaded));
        }

        var context = new ParseContext(file.Path, map, loaded, cancellationToken);
        try
        {
            var (model, places) = ReadModel(context, file);
            return new ParseResult(model, new(context.Diagnostics), places);
        }
        catch (System.Exception exception) when (!Checkpoint.IsCancellation(exception, cancellationToken))
        {
            // A bug: reported where the reader was, with what was found before it.
            context.Report(DiagnosticDescriptors.InternalError, context.Current, InternalError.Describe(exception));
            return new ParseResult(null, new(context.Diagnostics));
        }
    }

    private static (SpecModel Model, TypePlaces Places) ReadModel(ParseContext context, SpecFile file)
    {
        var options = ReadOptions(context, file.Options);
        var names = new NameRegistry(context, options.ClientName, options.Namespace, options.ClientSpan);
        var extensions = new ExtensionReader(context);
        var schemas = new SchemaReader(context, extensions, names);
        schemas.ReadComponents();
        var objects = schemas.Objects;

        var envelope = ReadEnvelope(context, schemas);
        var operations = new OperationReader(context, schemas, extensions, envelope, names, ClientNames.For(options.ClientName));
        operations.ReadPaths();
        operations.ReadWebhooks();
        var linked = OutcomeReadReader.Link(context, operations.Operations, objects);

        var model = new SpecModel(
            file.Path,
            options.Namespace,
            options.ClientName,
            options.Description,
            options.Public,
            envelope?.ResultCodeEnum,
            new(schemas.Enums.Values),
            new(objects),
            new(linked),
            new(operations.Redirects),
            new(operations.Webhooks),
            ClientNames.For(options.ClientName),
            new(operations.ClientParameters));
        var clientTypes = new List<string>(8);
        SourceEmitter.ClientTypes(model, clientTypes);
        foreach (var name in clientTypes)
        {
            names.Generates(name);
        }

        return (model with { TypeNames = names.TypeNames() }, new TypePlaces(file.Path, names.Places()));
    }

    private static DiagnosticInfo NotOpenApi(string path, SourceSpan span, string reason)
        => DiagnosticInfo.Create(DiagnosticDescriptors.NotOpenApi, path, span, reason);

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

    private static (string Namespace, string ClientName, string Description, bool Public, SourceSpan ClientSpan) ReadOptions(ParseContext context, SpecOptions options)
    {
        var ns = string.IsNullOrWhiteSpace(options.Namespace)
            ? (string.IsNullOrWhiteSpace(options.RootNamespace) ? "Qiwi.Generated" : ProjectNamespace.From(options.RootNamespace))
            : options.Namespace!.Trim();
        if (!IsValidNamespace(ns))
        {
            context.Report(DiagnosticDescriptors.InvalidOption, SourceSpan.Empty, "QiwiNamespace", ns, "it is not a valid C# namespace");
            ns = "Qiwi.Generated";
        }

        var client = context.Root.GetMap("x-qiwi-client");
        var clientName = options.ClientName ?? client?.GetString("name");
        // Where the name the client's types are named after is written (none when it is the QiwiClientName option).
        var clientSpan = options.ClientName is not null ? SourceSpan.Empty : client?["name"]?.Span ?? SourceSpan.Empty;
        if (clientName is null)
        {
            clientName = Naming.ToPascalCase(context.Root.GetMap("info")?.GetString("title") ?? "Api");
            clientSpan = context.Root.GetMap("info")?["title"]?.Span ?? SourceSpan.Empty;
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

        var description = client?.GetText("description") ?? context.Root.GetMap("info")?.GetText("description") ?? clientName + " client.";
        return (ns, clientName, description, visibility != "internal", clientSpan);
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
