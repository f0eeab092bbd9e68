using Qiwi.Generator.Model;

namespace Qiwi.Generator.Tests.Infrastructure;

internal static class OutputUnits
{
    /// <summary>Every unit of a split spec, group after group.</summary>
    public static List<OutputUnit> All(this OutputGroups groups)
        => groups.Enums.Concat(groups.Objects).Concat(groups.Client).Concat(groups.Webhooks).ToList();
}
