using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.Interruption;

/// <summary>
/// Every call the generator makes into the host's objects (options provider, options, additional texts) made to throw,
/// one call at a time, in a project with the real spec and a second spec: the run never fails as a whole (no CS8785, no
/// exception out of the driver), a spec that loses its files is told why at its file (QIWI9999), no other spec loses
/// anything or sees its files change, and a host that works again gets what a fresh run gives. A fault that cancels
/// the driver's own token is a cancellation, not a diagnostic.
/// </summary>
public sealed class HostFaultSweepTests
{
    private const string Real = "/project/qiwi-pull.yaml";
    private const string Mini = "/project/qiwi-mini.yaml";

    public static TheoryData<string, bool> Kinds => new()
    {
        { "io", false }, { "invalid", false }, { "canceled", false }, { "task-canceled", false },
        { "io", true }, { "canceled", true },
    };

    /// <param name="persistent">False: only the one call throws. True: from that call on, every call about the same file (or every global call) throws.</param>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_fault_at_any_host_call_costs_at_most_the_spec_it_was_about(string kind, bool persistent)
    {
        var (cleanResult, calls) = Clean();
        var clean = Files(cleanResult);
        Assert.Contains(clean, f => f.Spec == Real);
        Assert.Contains(clean, f => f.Spec == Mini);
        Assert.True(calls.Count > 10, "the clean run made " + calls.Count + " host calls");
        Assert.Contains(calls, c => c.Call == "GlobalOptions");
        Assert.Contains(calls, c => c.Call == "Path");
        Assert.Contains(calls, c => c.Call == "GetText");
        Assert.Contains(calls, c => c.Call == "GetOptions(text)");

        var failures = new List<string>();
        for (var i = 0; i < calls.Count; i++)
        {
            var host = Host();
            host.FailAt = i;
            host.Fault = () => Fault(kind);
            host.Persistent = persistent;
            var (driver, compilation) = Driver(host);
            GeneratorRunResult result;
            try
            {
                driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _);
                result = driver.GetRunResult().Results.Single();
            }
            catch (Exception exception)
            {
                failures.Add(i + " " + calls[i] + ": the driver threw " + exception.GetType().Name);
                continue;
            }

            // A host whose Path throws from then on leaves no file to say it at: the spec's QIWI9999 is at no file.
            var pathless = persistent && calls[i].Call == "Path";
            var problem = Check(result, driver, clean, calls[i].File, pathless);
            if (problem is null)
            {
                // The host works again (new objects, as after an edit): the same driver gives what a fresh run gives.
                var again = Host();
                driver = driver.WithUpdatedAnalyzerConfigOptions(again.Provider);
                for (var t = 0; t < host.Texts.Length; t++)
                {
                    driver = driver.ReplaceAdditionalText(host.Texts[t], again.Texts[t]);
                }

                driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _);
                if (RunFingerprint.Of(driver.GetRunResult().Results.Single()) != RunFingerprint.Of(cleanResult))
                {
                    problem = "the next clean run differs from a fresh one";
                }
            }

            if (problem is not null)
            {
                failures.Add(i + " " + calls[i] + ": " + problem);
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " of " + calls.Count + " host calls, throwing " + kind + (persistent ? " from then on" : " once") + ":\n" + string.Join("\n", failures));
    }

    [Fact]
    public void A_host_that_cancels_the_run_at_any_call_cancels_it()
    {
        var (cleanResult, calls) = Clean();
        var failures = new List<string>();
        for (var i = 0; i < calls.Count; i++)
        {
            using var cancellation = new CancellationTokenSource();
            var host = Host();
            host.FailAt = i;
            host.Before = cancellation.Cancel;
            host.Fault = () => new OperationCanceledException(cancellation.Token);
            var (driver, compilation) = Driver(host);
            try
            {
                driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _, cancellation.Token);
                failures.Add(i + " " + calls[i] + ": the run was not cancelled");
            }
            catch (OperationCanceledException)
            {
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Null when the faulted run keeps the promises, else what it broke.</summary>
    private static string? Check(GeneratorRunResult result, GeneratorDriver driver, List<(string Spec, string Hint, string Text)> clean, string? faulted, bool pathless = false)
    {
        if (result.Exception is not null || driver.GetRunResult().Diagnostics.Any(d => d.Id == "CS8785"))
        {
            return "CS8785 (" + result.Exception?.GetType().Name + ")";
        }

        var files = Files(result);
        foreach (var file in files)
        {
            if (!clean.Contains(file))
            {
                return "the file " + file.Hint + " is not the clean run's";
            }
        }

        foreach (var spec in new[] { Real, Mini })
        {
            var expected = clean.Where(f => f.Spec == spec).ToList();
            var kept = files.Count(f => f.Spec == spec);
            var at = pathless && spec == faulted ? string.Empty : spec;
            var internalErrors = result.Diagnostics.Where(d => d.Id == "QIWI9999" && d.Location.GetLineSpan().Path == at).ToList();
            if (kept == expected.Count && internalErrors.Count == 0)
            {
                continue;
            }

            if (spec != faulted && faulted is not null)
            {
                return spec + " was hurt by a fault about " + faulted;
            }

            if (kept != 0 || internalErrors.Count != 1)
            {
                return spec + " kept " + kept + " of " + expected.Count + " files with " + internalErrors.Count + " QIWI9999 at it";
            }
        }

        return null;
    }

    private static (GeneratorRunResult Result, List<(string Call, string? File)> Calls) Clean()
    {
        var host = Host();
        var (driver, compilation) = Driver(host);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _);
        var result = driver.GetRunResult().Results.Single();
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return (result, host.Calls.ToList());
    }

    private static List<(string Spec, string Hint, string Text)> Files(GeneratorRunResult result)
        => result.GeneratedSources
            .Select(s => (Regex.IsMatch(s.SourceText.ToString(), @"^namespace Mini\b", RegexOptions.Multiline) ? Mini : Real, s.HintName, s.SourceText.ToString()))
            .ToList();

    private static FaultyHost Host() => new(
        new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "Demo",
            ["build_property.ProjectDir"] = "/project/",
            ["build_property.QiwiGeneratorProps"] = "true",
        },
        new Dictionary<string, IReadOnlyDictionary<string, string>> { [Mini] = new Dictionary<string, string> { ["QiwiNamespace"] = "Mini" } },
        new[] { (Real, GeneratorHarness.RealSpec), (Mini, MiniSpec.Text), ("/project/notes.txt", "not a spec") });

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) Driver(FaultyHost host)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse);
        var compilation = GeneratorHarness.Consumer(parse);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new QiwiGenerator().AsSourceGenerator() }, host.Texts, parse, host.Provider);
        return (driver, compilation);
    }

    private static Exception Fault(string kind) => kind switch
    {
        "invalid" => new InvalidOperationException("the workspace changed"),
        "canceled" => new OperationCanceledException("the host's own read was cancelled"),
        "task-canceled" => new TaskCanceledException("the host's own read timed out"),
        _ => new IOException("the .editorconfig could not be read"),
    };
}
