using System.Collections.Generic;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;

namespace Qiwi.Generator.Emit;

/// <summary>Writes every file for one spec; the emitters only write, all decisions were made by the parser.</summary>
internal static class SourceEmitter
{
    public static List<GeneratedSource> Emit(SpecModel spec, bool dependencyInjection = false)
    {
        var sources = new List<GeneratedSource>();
        var names = spec.Names;
        var ns = spec.Namespace;
        var patterns = new PatternTable(names.Patterns);
        EnumModel? resultCodes = null;

        foreach (var model in spec.Enums)
        {
            sources.Add(new(model.HintName, EnumEmitter.Emit(spec, model)));
            if (model.Name == spec.ResultCodeEnum)
            {
                resultCodes = model;
            }
        }

        foreach (var model in spec.Objects)
        {
            sources.Add(new(model.HintName, ModelEmitter.Emit(spec, model)));
            sources.Add(new(model.SerializationHintName, SerializationEmitter.Emit(spec, model)));
        }

        if (spec.Operations.Count > 0)
        {
            sources.Add(new(Naming.HintName(ns, names.Interface), ClientEmitter.EmitInterface(spec)));
            sources.Add(new(Naming.HintName(ns, names.Client), ClientEmitter.EmitClient(spec, patterns)));
            sources.Add(new(Naming.HintName(ns, names.Options), ClientOptionsEmitter.Emit(spec, patterns)));
            sources.Add(new(Naming.HintName(ns, names.ResultCodes), ResultCodeCatalogEmitter.Emit(spec, resultCodes)));
            if (dependencyInjection)
            {
                sources.Add(new(Naming.HintName(ns, names.ServiceCollectionExtensions), DependencyInjectionEmitter.Emit(spec)));
            }

            var readers = new HashSet<string>();
            foreach (var operation in spec.Operations)
            {
                if (readers.Add(operation.Response.ReaderName))
                {
                    sources.Add(new(operation.Response.ReaderHintName, ResponseReaderEmitter.Emit(spec, operation.Response)));
                }
            }
        }

        if (spec.Redirects.Count > 0)
        {
            sources.Add(new(Naming.HintName(ns, names.Redirects), RedirectEmitter.Emit(spec, patterns)));
        }

        // After the client and the redirects, so the pattern table keeps the names they gave.
        foreach (var model in spec.Objects)
        {
            if (SerializationEmitter.IsFlat(model))
            {
                sources.Add(new(Naming.HintName(ns, model.Name, "FormReader"), FormReaderEmitter.EmitReader(spec, model, patterns)));
            }
        }

        if (FormReaderEmitter.EmitPathChecks(spec, patterns) is string pathChecks)
        {
            sources.Add(new(Naming.HintName(ns, names.PathChecks), pathChecks));
        }

        foreach (var webhook in spec.Webhooks)
        {
            sources.Add(new(webhook.HintName, WebhookEmitter.Emit(spec, webhook)));
        }

        if (!patterns.IsEmpty)
        {
            sources.Add(new(Naming.HintName(ns, names.Patterns), patterns.Emit(ns)));
        }

        return sources;
    }
}
