using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;

namespace Qiwi.Generator.Emit;

/// <summary>
/// Splits a spec into one <see cref="OutputUnit"/> per file (each holding only what its emitter reads) and writes
/// one unit; the emitters only write, all decisions were made by the parser and here.
/// </summary>
internal static class SourceEmitter
{
    /// <summary>
    /// The files of one spec, in a stable order and in groups (enums, objects, client, webhooks): the driver compares
    /// each unit with the one at the same place in its previous run, so a schema added or removed moves only the
    /// units after it in its own group. The DI file, when the project references Qiwi.Extensions.DependencyInjection,
    /// is the client group's last, so that adding the reference moves nothing.
    /// </summary>
    public static OutputGroups Split(SpecModel spec, bool dependencyInjection = false)
    {
        var path = spec.FilePath;
        var names = spec.Names;
        var ns = spec.Namespace;
        var context = EmitContext.Of(spec);
        var patterns = PatternTable.For(spec);
        // Sized up front: this runs on every spec edit, and its units are what the driver keeps between runs.
        var enums = new OutputUnit[spec.Enums.Count];
        var objects = new List<OutputUnit>(spec.Objects.Count * 3);
        var client = new List<OutputUnit>(spec.Operations.Count + 9);
        var webhooks = new OutputUnit[spec.Webhooks.Count];
        ResultCodeEnum? resultCodes = null;

        for (var i = 0; i < enums.Length; i++)
        {
            var model = spec.Enums[i];
            enums[i] = new EnumUnit(path, model.HintName, context, model);
            if (model.Name == spec.ResultCodeEnum)
            {
                resultCodes = new ResultCodeEnum(model.Name, model.HasFatal);
            }
        }

        var forms = new FormScope(ns, spec.ClientName, spec.Public, names, EnumValuesOf(spec));
        var bareObjects = new ObjectModel[spec.Objects.Count];
        for (var i = 0; i < bareObjects.Length; i++)
        {
            var model = spec.Objects[i];
            var bare = bareObjects[i] = WithoutDocs(model);
            objects.Add(new ModelUnit(path, model.HintName, context, model));
            objects.Add(new SerializationUnit(path, model.SerializationHintName, context, bare));
            if (SerializationEmitter.IsFlat(model))
            {
                objects.Add(new FormReaderUnit(path, Naming.HintName(ns, model.Name, "FormReader"), forms, bare, patterns));
            }
        }

        if (HasClient(spec))
        {
            var hasBuilders = HasBuilders(spec);
            client.Add(new InterfaceUnit(path, Naming.HintName(ns, names.Interface), new OperationsScope(ns, spec.ClientName, spec.Public, names, spec.ClientDescription, spec.Operations, hasBuilders)));
            var scope = new ClientScope(ns, spec.ClientName, spec.Public, names, spec.ClientDescription, spec.Operations, hasBuilders, spec.ClientParameters, Payloads(spec, bareObjects));
            client.Add(new ClientUnit(path, Naming.HintName(ns, names.Client), scope, patterns));
            client.Add(new OptionsUnit(path, Naming.HintName(ns, names.Options), new OptionsScope(ns, spec.ClientName, spec.Public, names, spec.ClientParameters), patterns));
            client.Add(new ResultCodesUnit(path, Naming.HintName(ns, names.ResultCodes), context, resultCodes));
            var readers = new HashSet<string>();
            foreach (var operation in spec.Operations)
            {
                if (readers.Add(operation.Response.ReaderName))
                {
                    client.Add(new ResponseReaderUnit(path, operation.Response.ReaderHintName, context, operation.Response));
                }
            }
        }

        if (HasRedirects(spec))
        {
            client.Add(new RedirectsUnit(path, Naming.HintName(ns, names.Redirects), new RedirectsScope(ns, spec.ClientName, spec.Public, names, spec.Redirects), patterns));
        }

        client.Add(new PathChecksUnit(path, Naming.HintName(ns, names.PathChecks), new PathChecksScope(ns, spec.ClientName, spec.Public, names, forms.Enums, spec.Operations), patterns));
        if (!patterns.IsEmpty)
        {
            client.Add(new PatternsUnit(path, Naming.HintName(ns, names.Patterns), ns, patterns));
        }

        if (DependencyInjectionType(spec, dependencyInjection) is string extensions)
        {
            client.Add(new DependencyInjectionUnit(path, Naming.HintName(ns, extensions), context));
        }

        for (var i = 0; i < webhooks.Length; i++)
        {
            var webhook = spec.Webhooks[i];
            webhooks[i] = new WebhookUnit(path, webhook.HintName, WebhookScopeOf(spec, bareObjects, webhook), webhook);
        }

        return new OutputGroups(new(enums), Array(objects), Array(client), new(webhooks));
    }

    private static EquatableArray<OutputUnit> Array(List<OutputUnit> units) => new(units.ToArray());

    /// <summary>
    /// The types named after the client that <see cref="Split"/> makes files of, but for the dependency injection
    /// extensions (<see cref="DependencyInjectionType"/>, which hang on the project's references, not the spec): the
    /// interface, class, options and result codes when the spec has operations, the redirect builders when it has
    /// redirects, the path checks when a path parameter has a rule, the pattern table when a checked value has a pattern. The registry reserves
    /// all of them whatever the spec holds; the parser marks these as generated (NameRegistry.Generates).
    /// </summary>
    public static void ClientTypes(SpecModel spec, List<string> into)
    {
        var names = spec.Names;
        if (HasClient(spec))
        {
            into.Add(names.Interface);
            into.Add(names.Client);
            into.Add(names.Options);
            into.Add(names.ResultCodes);
        }

        if (HasRedirects(spec))
        {
            into.Add(names.Redirects);
        }

        if (FormReaderEmitter.HasPathChecks(spec.Operations))
        {
            into.Add(names.PathChecks);
        }

        if (PatternTable.HasAny(spec))
        {
            into.Add(names.Patterns);
        }
    }

    /// <summary>The dependency injection extensions' class when the project references the package and the spec has a client to register, else null.</summary>
    public static string? DependencyInjectionType(SpecModel spec, bool dependencyInjection)
        => dependencyInjection && HasClient(spec) ? spec.Names.ServiceCollectionExtensions : null;

    /// <summary>True when the spec has operations: the client's interface, class, options, result codes and response readers.</summary>
    private static bool HasClient(SpecModel spec) => spec.Operations.Count > 0;

    /// <summary>True when the spec has redirects (outbound or inbound): the redirect builders' class.</summary>
    private static bool HasRedirects(SpecModel spec) => spec.Redirects.Count > 0;

    /// <summary>
    /// Every file of one spec at once, in the driver's order, outside the incremental pipeline (for the benchmarks,
    /// which compare reading and generating with NSwag's). An emitter failure throws here.
    /// </summary>
    public static List<GeneratedSource> EmitAll(SpecModel spec, bool dependencyInjection = false)
    {
        var units = Split(spec, dependencyInjection).All();
        var sources = new List<GeneratedSource>(units.Count);
        foreach (var unit in units)
        {
            if (Emit(unit) is string text)
            {
                sources.Add(new GeneratedSource(unit.HintName, text));
            }
        }

        return sources;
    }

    /// <summary>
    /// The text of one file (null when it has nothing to hold), or, when its emitter fails (a bug), a QIWI9999 at
    /// the start of the spec naming the exception and the stack: that file is missing, the others are not affected.
    /// </summary>
    public static (SourceText? Text, DiagnosticInfo? Error) TryEmit(OutputUnit unit, System.Threading.CancellationToken cancellationToken = default)
    {
        try
        {
            Checkpoint.Pass(cancellationToken, "file");
            return (Write(unit, cancellationToken)?.ToSourceText(), null);
        }
        catch (System.Exception exception) when (!Checkpoint.IsCancellation(exception, cancellationToken))
        {
            // The model holds no positions (so that a line shift re-emits nothing), so the diagnostic is at the file's start.
            return (null, DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, unit.FilePath, SourceSpan.Empty, InternalError.Describe(exception)));
        }
    }

    /// <summary>The text of one file, or null when the file has nothing to hold.</summary>
    public static string? Emit(OutputUnit unit) => Write(unit)?.ToString();

    /// <summary>One file written (its writer, to be finished as a string or as the driver's text), or null when it has nothing to hold.</summary>
    private static CodeWriter? Write(OutputUnit unit, System.Threading.CancellationToken cancellationToken = default) => unit switch
    {
        EnumUnit u => EnumEmitter.Emit(u.Spec, u.Model),
        ModelUnit u => ModelEmitter.Emit(u.Spec, u.Model),
        SerializationUnit u => SerializationEmitter.Emit(u.Spec, u.Model),
        InterfaceUnit u => ClientEmitter.EmitInterface(u.Spec, cancellationToken),
        ClientUnit u => ClientEmitter.EmitClient(u.Spec, u.Patterns, cancellationToken),
        OptionsUnit u => ClientOptionsEmitter.Emit(u.Spec, u.Patterns),
        ResultCodesUnit u => ResultCodeCatalogEmitter.Emit(u.Spec, u.Codes),
        DependencyInjectionUnit u => DependencyInjectionEmitter.Emit(u.Spec),
        ResponseReaderUnit u => ResponseReaderEmitter.Emit(u.Spec, u.Response),
        RedirectsUnit u => RedirectEmitter.Emit(u.Spec, u.Patterns),
        FormReaderUnit u => FormReaderEmitter.EmitReader(u.Spec, u.Model, u.Patterns),
        PathChecksUnit u => FormReaderEmitter.EmitPathChecks(u.Spec, u.Patterns),
        WebhookUnit u => WebhookEmitter.Emit(u.Spec, u.Webhook),
        PatternsUnit u => u.Patterns.Emit(u.Namespace),
        _ => throw new System.ArgumentException("No emitter for " + unit.GetType().Name + ".", nameof(unit)),
    };

    /// <summary>True when the spec has outbound redirects, so the client offers its <c>Redirects</c> builders.</summary>
    private static bool HasBuilders(SpecModel spec)
    {
        foreach (var redirect in spec.Redirects)
        {
            if (redirect.Kind == RedirectKind.Outbound)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The model without its descriptions, for the files that do not write them (serialization, form reader, the
    /// client's success checks, a webhook's descriptor): a doc edit leaves their units equal. A test emits each of
    /// these units from the full model too and expects the same text.
    /// </summary>
    private static ObjectModel WithoutDocs(ObjectModel model)
    {
        // A property without a description is taken as it is (equal to its copy), and so is a model with no description at all.
        PropertyModel[]? properties = null;
        for (var i = 0; i < model.Properties.Count; i++)
        {
            if (model.Properties[i].Description is null)
            {
                continue;
            }

            properties ??= new PropertyModel[model.Properties.Count];
            properties[i] = model.Properties[i] with { Description = null };
        }

        if (properties is null)
        {
            return model.Description.Length == 0 ? model : model with { Description = string.Empty };
        }

        for (var i = 0; i < properties.Length; i++)
        {
            properties[i] ??= model.Properties[i];
        }

        return model with { Description = string.Empty, Properties = new EquatableArray<PropertyModel>(properties) };
    }

    private static EnumModel WithoutDocs(EnumModel model)
    {
        var members = new EnumMemberModel[model.Members.Count];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = model.Members[i] with { Description = string.Empty };
        }

        return model with { Description = string.Empty, Members = new EquatableArray<EnumMemberModel>(members) };
    }

    /// <summary>The objects an operation returns (without docs: <paramref name="bareObjects"/>): the client checks their fields on success.</summary>
    private static EquatableArray<ObjectModel> Payloads(SpecModel spec, ObjectModel[] bareObjects)
    {
        var payloads = new List<ObjectModel>();
        foreach (var model in bareObjects)
        {
            foreach (var operation in spec.Operations)
            {
                if (operation.Response.PayloadType == model.Name)
                {
                    payloads.Add(model);
                    break;
                }
            }
        }

        return new EquatableArray<ObjectModel>(payloads.ToArray());
    }

    private static EquatableArray<EnumValues> EnumValuesOf(SpecModel spec)
    {
        var enums = new EnumValues[spec.Enums.Count];
        for (var i = 0; i < enums.Length; i++)
        {
            var members = spec.Enums[i].Members;
            var values = new EnumWireValue[members.Count];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = new EnumWireValue(members[j].WireValue);
            }

            enums[i] = new EnumValues(spec.Enums[i].Name, new EquatableArray<EnumWireValue>(values));
        }

        return new EquatableArray<EnumValues>(enums);
    }

    /// <summary>The webhook's reply model and the enum of its properties' types: what its descriptor reads.</summary>
    private static WebhookScope WebhookScopeOf(SpecModel spec, ObjectModel[] bareObjects, WebhookModel webhook)
    {
        var objects = new List<ObjectModel>();
        var enums = new List<EnumModel>();
        foreach (var model in bareObjects)
        {
            if (model.Name == webhook.ReplyType)
            {
                objects.Add(model);
            }
        }

        foreach (var model in spec.Enums)
        {
            foreach (var reply in objects)
            {
                if (reply.Properties.Count > 0 && reply.Properties[0].Type.TypeName == model.Name)
                {
                    enums.Add(WithoutDocs(model));
                    break;
                }
            }
        }

        return new WebhookScope(spec.Namespace, spec.ClientName, spec.Public, spec.Names, new EquatableArray<ObjectModel>(objects.ToArray()), new EquatableArray<EnumModel>(enums.ToArray()));
    }
}
