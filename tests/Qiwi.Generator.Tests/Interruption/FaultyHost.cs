using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Generator.Tests.Interruption;

/// <summary>
/// The host objects a generator is given (the options provider, the options it hands out, the additional texts), each
/// call counted on one counter; armed with <see cref="FailAt"/>, the call of that number throws what <see cref="Fault"/>
/// makes (and <see cref="Before"/> runs first, to cancel the run as a host does). Each call is recorded with the
/// additional file it was about (null for the global options), so a test knows which spec a fault could cost.
/// </summary>
internal sealed class FaultyHost
{
    private readonly IReadOnlyDictionary<string, string> global;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> perFile;

    public FaultyHost(IReadOnlyDictionary<string, string> global, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> perFile, IEnumerable<(string Path, string Text)> files)
    {
        this.global = global;
        this.perFile = perFile;
        Provider = new OptionsProvider(this);
        Texts = files.Select(f => (AdditionalText)new Text(this, f.Path, f.Text)).ToArray();
    }

    public AnalyzerConfigOptionsProvider Provider { get; }

    public AdditionalText[] Texts { get; }

    /// <summary>What each call was about, in order: the file's path, or null for the global options.</summary>
    public List<(string Call, string? File)> Calls { get; } = new();

    public int FailAt { get; set; } = -1;

    public Func<Exception> Fault { get; set; } = () => new IOException("the host failed");

    public Action? Before { get; set; }

    /// <summary>Every later call of the same kind about the same file (or the global options) throws too: a host broken from then on.</summary>
    public bool Persistent { get; set; }

    private void Call(string call, string? file)
    {
        Calls.Add((call, file));
        var at = Calls.Count - 1;
        if (at == FailAt || (Persistent && FailAt >= 0 && at > FailAt && Calls[FailAt] == (call, file)))
        {
            Before?.Invoke();
            throw Fault();
        }
    }

    private sealed class OptionsProvider(FaultyHost host) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions
        {
            get
            {
                host.Call("GlobalOptions", null);
                return new Options(host, null, host.global);
            }
        }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree)
        {
            host.Call("GetOptions(tree)", null);
            return new Options(host, null, new Dictionary<string, string>());
        }

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        {
            var path = textFile is Text text ? text.Raw : textFile.Path;
            host.Call("GetOptions(text)", path);
            var metadata = new Dictionary<string, string>();
            if (host.perFile.TryGetValue(path, out var values))
            {
                foreach (var pair in values)
                {
                    metadata["build_metadata.AdditionalFiles." + pair.Key] = pair.Value;
                }
            }

            return new Options(host, path, metadata);
        }
    }

    private sealed class Options(FaultyHost host, string? file, IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            host.Call("TryGetValue(" + key + ")", file);
            var found = values.TryGetValue(key, out var text);
            value = text ?? string.Empty;
            return found;
        }
    }

    private sealed class Text(FaultyHost host, string path, string text) : AdditionalText
    {
        public string Raw => path;

        public override string Path
        {
            get
            {
                host.Call("Path", path);
                return path;
            }
        }

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            host.Call("GetText", path);
            return SourceText.From(text, Encoding.UTF8);
        }
    }
}
