using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Qiwi.Generator.Input;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// The spec's text as the compiler hands it over: an additional file past about 40K characters is loaded as a chunked
/// text, whose own <c>ToString</c> copies it twice. <see cref="SpecTextContent"/> must give the very characters with
/// one copy (seeded texts of every length around its chunk and the compiler's threshold, any characters, loaded both
/// ways), the string itself back from a string-backed text, and the same generated files as a string-backed spec.
/// </summary>
public sealed class SpecTextContentTests
{
    [Fact]
    public void A_chunked_text_gives_its_very_characters_at_every_length_around_the_chunk_and_the_threshold()
    {
        var random = new Random(16_4040);
        var lengths = new List<int> { 0, 1, 2, 4095, 4096, 4097, 8191, 8192, 8193 };
        foreach (var around in new[] { 40 * 1024, 64 * 1024, 100_000 })
        {
            for (var d = -3; d <= 3; d++)
            {
                lengths.Add(around + d);
            }
        }

        for (var i = 0; i < 20; i++)
        {
            lengths.Add(random.Next(0, 120_000));
        }

        foreach (var length in lengths)
        {
            var chars = new char[length];
            for (var k = 0; k < length; k++)
            {
                // Mostly ASCII, with line feeds and Cyrillic (two bytes in UTF-8).
                chars[k] = random.Next(20) switch
                {
                    0 => (char)random.Next(0x410, 0x450),
                    1 => '\n',
                    _ => (char)random.Next(' ', '~' + 1),
                };
            }

            var expected = new string(chars);
            var loaded = Load(expected);
            Assert.Equal(expected.Length, loaded.Length);
            Assert.True(expected == SpecTextContent.Of(loaded), $"length {length}, loaded as {loaded.GetType().Name}");
            Assert.True(expected == SpecTextContent.Copy(SourceText.From(expected), length), $"length {length}, copied from one string");
        }
    }

    [Fact]
    public void A_string_backed_text_hands_back_its_string()
    {
        var text = GeneratorHarness.RealSpec;
        Assert.Same(text, SpecTextContent.Of(SourceText.From(text)));
    }

    [Fact]
    public void The_spec_loaded_as_the_compiler_loads_it_costs_one_copy_not_two()
    {
        var text = GeneratorHarness.RealSpec;
        var loaded = Load(text);
        Assert.NotEqual("StringText", loaded.GetType().Name);   // else this test measures nothing

        var ownCopy = Allocated(() => SpecTextContent.Of(loaded));
        var hostCopy = Allocated(() => loaded.ToString());

        // One string of the text (2 bytes a character) and a 4K-character chunk; the host's copy is about twice that.
        Assert.True(ownCopy <= 2L * text.Length + 16 * 1024, $"{ownCopy} bytes for {text.Length} characters");
        Assert.True(hostCopy >= 3L * text.Length, $"the host's own copy took {hostCopy} bytes: if it now takes one copy, Of can call it");
    }

    [Fact]
    public void The_generator_makes_the_same_files_from_the_spec_loaded_as_the_compiler_loads_it()
    {
        var text = GeneratorHarness.RealSpec;
        var fromString = GeneratorHarness.ForSpec(text).Run();
        var fromFile = new GeneratorHarness(new[] { new LoadedText(GeneratorHarness.SpecPath, Load(text)) }).Run();

        Assert.Empty(fromFile.Diagnostics);
        Assert.Equal(
            fromString.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            fromFile.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    /// <summary>The text as the compiler loads an additional file: decoded from a stream.</summary>
    private static SourceText Load(string text)
    {
        using var stream = new MemoryStream(new UTF8Encoding(false).GetBytes(text));
        return SourceText.From(stream, Encoding.UTF8, SourceHashAlgorithm.Sha256, throwIfBinaryDetected: false, canBeEmbedded: true);
    }

    private static long Allocated(Func<string> make)
    {
        make();   // JIT and any first-call work
        var before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(make());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private sealed class LoadedText(string path, SourceText text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}
