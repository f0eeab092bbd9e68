using System.Collections.Generic;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>Writes every file for one spec; the emitters only write, all decisions were made by the parser.</summary>
internal static class SourceEmitter
{
    public static List<GeneratedSource> Emit(SpecModel spec, bool dependencyInjection = false)
    {
        var sources = new List<GeneratedSource>();
        var prefix = spec.Namespace + ".";
        var patterns = new PatternTable(spec.ClientName + "Patterns");
        EnumModel? resultCodes = null;

        foreach (var model in spec.Enums)
        {
            sources.Add(new(prefix + model.Name + ".g.cs", EnumEmitter.Emit(spec, model)));
            if (model.Name == spec.ResultCodeEnum)
            {
                resultCodes = model;
            }
        }

        var objects = new Dictionary<string, ObjectModel>();
        foreach (var model in spec.Objects)
        {
            objects[model.Name] = model;
            sources.Add(new(prefix + model.Name + ".g.cs", ModelEmitter.Emit(spec, model)));
            sources.Add(new(prefix + model.Name + ".Serialization.g.cs", SerializationEmitter.Emit(spec, model)));
        }

        if (spec.Operations.Count > 0)
        {
            sources.Add(new(prefix + "I" + spec.ClientName + "Client.g.cs", ClientEmitter.EmitInterface(spec)));
            sources.Add(new(prefix + spec.ClientName + "Client.g.cs", ClientEmitter.EmitClient(spec, patterns)));
            sources.Add(new(prefix + spec.ClientName + "ResultCodes.g.cs", ResultCodeCatalogEmitter.Emit(spec, resultCodes)));
            if (dependencyInjection)
            {
                sources.Add(new(prefix + spec.ClientName + "ServiceCollectionExtensions.g.cs", DependencyInjectionEmitter.Emit(spec)));
            }

            var readers = new HashSet<string>();
            foreach (var operation in spec.Operations)
            {
                var response = operation.Response;
                if (readers.Add(response.JsonEnvelopeType))
                {
                    var wrapperRequired = objects.TryGetValue(response.JsonEnvelopeType, out var envelope) && IsRequired(envelope, response.WrapperProperty);
                    sources.Add(new(prefix + ResponseReaderEmitter.ReaderName(response) + ".g.cs", ResponseReaderEmitter.Emit(spec, response, wrapperRequired)));
                }
            }
        }

        if (spec.Redirects.Count > 0)
        {
            sources.Add(new(prefix + spec.ClientName + "Redirects.g.cs", RedirectEmitter.Emit(spec, patterns)));
        }

        // After the client and the redirects, so the pattern table keeps the names they gave.
        foreach (var model in spec.Objects)
        {
            if (SerializationEmitter.IsFlat(model))
            {
                sources.Add(new(prefix + model.Name + ".FormReader.g.cs", FormReaderEmitter.EmitReader(spec, model, patterns)));
            }
        }

        if (FormReaderEmitter.EmitPathChecks(spec, patterns) is string pathChecks)
        {
            sources.Add(new(prefix + spec.ClientName + "PathChecks.g.cs", pathChecks));
        }

        foreach (var webhook in spec.Webhooks)
        {
            sources.Add(new(prefix + webhook.Name + "Webhook.g.cs", WebhookEmitter.Emit(spec, webhook)));
        }

        if (!patterns.IsEmpty)
        {
            sources.Add(new(prefix + patterns.ClassName + ".g.cs", patterns.Emit(spec.Namespace)));
        }

        return sources;
    }

    private static bool IsRequired(ObjectModel model, string propertyName)
    {
        foreach (var property in model.Properties)
        {
            if (property.Name == propertyName)
            {
                return property.Required;
            }
        }

        return false;
    }
}
