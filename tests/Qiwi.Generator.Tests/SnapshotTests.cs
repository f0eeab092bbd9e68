using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>Every file generated from spec/qiwi-pull.yaml is compared with its reviewed snapshot.</summary>
public sealed class SnapshotTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Generated = new(() =>
    {
        var result = GeneratorHarness.ForSpec(GeneratorHarness.RealSpec, rootNamespace: "Qiwi.Snapshots").Run();
        Assert.Empty(result.Diagnostics);
        return result.GeneratedSources.ToDictionary(s => NameOf(s.HintName), s => s.SourceText.ToString());
    });

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in Generated.Value.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Generated_file_matches_its_snapshot(string name) => Snapshot.Verify(name, Generated.Value[name]);

    [Fact]
    public void Every_snapshot_belongs_to_a_generated_file()
    {
        Assert.True(Generated.Value.Count >= 40, $"Only {Generated.Value.Count} files were generated.");
        var stale = Directory.GetFiles(RepositoryPaths.SnapshotDirectory, "*.verified.cs")
            .Select(path => Path.GetFileName(path)[..^".verified.cs".Length])
            .Where(name => !Generated.Value.ContainsKey(name))
            .ToList();
        Assert.True(stale.Count == 0, "Snapshots without a generated file (delete them): " + string.Join(", ", stale));
    }

    private static string NameOf(string hintName) => hintName.EndsWith(".g.cs", StringComparison.Ordinal) ? hintName[..^".g.cs".Length] : hintName;
}
