using System.Reflection;
using Course.Core.Authoring;
using Course.Core.Scripts;
using CsCheck;

namespace Course.Core.Tests.Authoring;

/// <summary>Markdown round trips over the same generated scripts as <see cref="ScriptRoundTripProperties"/>.</summary>
public class MarkdownRoundTripProperties
{
    // The script generators are private to ScriptRoundTripProperties; read them rather than copy them,
    // so both properties always cover the same scripts.
    private static readonly Gen<string> Canonical = ((Gen<string>)typeof(ScriptRoundTripProperties)
        .GetField("Canonical", BindingFlags.NonPublic | BindingFlags.Static)!
        .GetValue(null)!)
        .Where(source => source.Split('\n').All(WritableAsMarkdown));

    /// <summary>
    /// The lines the writer refuses, as the generated words can make them: a script line opening with
    /// ``` or made of *** or ___ is text there, but a code fence or a slide break in Markdown.
    /// </summary>
    private static bool WritableAsMarkdown(string line) =>
        !line.StartsWith("```", StringComparison.Ordinal) && !(line.Length >= 3 && (line.Trim('*').Length == 0 || line.Trim('_').Length == 0));

    private static readonly Gen<ScriptMetadata> Metadata = Gen.Select(
        Gen.OneOf<string?>(null, "Tokens", "Tokens: lo básico", "¿Qué es un #token?", "C# ##"),
        Gen.OneOf<string?>(null, "es", "en-GB"),
        Gen.OneOf<string?>(null, "tokens", "capitulo-2"),
        Gen.OneOf<string?>(null, "Qué es un token", "Una frase: con dos puntos"))
        .Select(t => new ScriptMetadata(t.Item1, t.Item2, t.Item3, t.Item4));

    [Fact]
    public void Reading_the_written_Markdown_gives_the_same_chapter()
    {
        Gen.Select(Canonical, Metadata).Sample(t =>
        {
            var (source, metadata) = t;
            var script = ScriptParser.Parse(source).GetScriptOrThrow() with { Metadata = metadata };

            var markdown = MarkdownChapterWriter.Write(script);
            var read = MarkdownChapterReader.Read(markdown).GetScriptOrThrow();

            Assert.Equal(metadata, read.Metadata);
            Assert.Equal(MarkdownChapterWriterTests.Segments(script), MarkdownChapterWriterTests.Segments(read));
            Assert.Equal(ScriptWriter.Write(script), ScriptWriter.Write(read));
        }, iter: 500);
    }

    [Fact]
    public void Writing_what_was_read_is_a_fixed_point()
    {
        Canonical.Sample(source =>
        {
            var once = MarkdownChapterWriter.Write(ScriptParser.Parse(source).GetScriptOrThrow());
            var twice = MarkdownChapterWriter.Write(MarkdownChapterReader.Read(once).GetScriptOrThrow());

            Assert.Equal(once, twice);
        }, iter: 300);
    }
}
