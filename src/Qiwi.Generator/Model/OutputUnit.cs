using System.Collections.Generic;
using Qiwi.Generator.Emit;

namespace Qiwi.Generator.Model;

/// <summary>
/// One generated file and exactly what its emitter reads. The parsed spec is split into these (one per file),
/// so a spec edit re-emits only the files whose unit changed; the others stay cached.
/// </summary>
/// <param name="FilePath">The spec file, where an internal error while emitting is reported.</param>
internal abstract record OutputUnit(string FilePath, string HintName);

/// <summary>The units of one spec by group; each group is compared with its previous run on its own.</summary>
internal sealed record OutputGroups(
    EquatableArray<OutputUnit> Enums,
    EquatableArray<OutputUnit> Objects,
    EquatableArray<OutputUnit> Client,
    EquatableArray<OutputUnit> Webhooks)
{
    /// <summary>Every unit, group after group: the order the generator registers the groups in.</summary>
    public List<OutputUnit> All()
    {
        var units = new List<OutputUnit>(Enums.Count + Objects.Count + Client.Count + Webhooks.Count);
        units.AddRange(Enums.AsArray());
        units.AddRange(Objects.AsArray());
        units.AddRange(Client.AsArray());
        units.AddRange(Webhooks.AsArray());
        return units;
    }
}

internal sealed record EnumUnit(string FilePath, string HintName, EmitContext Spec, EnumModel Model) : OutputUnit(FilePath, HintName);

internal sealed record ModelUnit(string FilePath, string HintName, EmitContext Spec, ObjectModel Model) : OutputUnit(FilePath, HintName);

internal sealed record SerializationUnit(string FilePath, string HintName, EmitContext Spec, ObjectModel Model) : OutputUnit(FilePath, HintName);

internal sealed record InterfaceUnit(string FilePath, string HintName, OperationsScope Spec) : OutputUnit(FilePath, HintName);

internal sealed record ClientUnit(string FilePath, string HintName, ClientScope Spec, PatternTable Patterns) : OutputUnit(FilePath, HintName);

internal sealed record OptionsUnit(string FilePath, string HintName, OptionsScope Spec, PatternTable Patterns) : OutputUnit(FilePath, HintName);

internal sealed record ResultCodesUnit(string FilePath, string HintName, EmitContext Spec, ResultCodeEnum? Codes) : OutputUnit(FilePath, HintName);

internal sealed record DependencyInjectionUnit(string FilePath, string HintName, EmitContext Spec) : OutputUnit(FilePath, HintName);

internal sealed record ResponseReaderUnit(string FilePath, string HintName, EmitContext Spec, ResponseModel Response) : OutputUnit(FilePath, HintName);

internal sealed record RedirectsUnit(string FilePath, string HintName, RedirectsScope Spec, PatternTable Patterns) : OutputUnit(FilePath, HintName);

internal sealed record FormReaderUnit(string FilePath, string HintName, FormScope Spec, ObjectModel Model, PatternTable Patterns) : OutputUnit(FilePath, HintName);

/// <summary>Emits nothing when no operation has a rule on a string path parameter.</summary>
internal sealed record PathChecksUnit(string FilePath, string HintName, PathChecksScope Spec, PatternTable Patterns) : OutputUnit(FilePath, HintName);

internal sealed record WebhookUnit(string FilePath, string HintName, WebhookScope Spec, WebhookModel Webhook) : OutputUnit(FilePath, HintName);

internal sealed record PatternsUnit(string FilePath, string HintName, string Namespace, PatternTable Patterns) : OutputUnit(FilePath, HintName);
