using System.Xml.Linq;
using Course.Core.Scripts;

namespace Course.Core.Tests;

public class SsmlWriterTests
{
    private static readonly XNamespace Ssml = "http://www.w3.org/2001/10/synthesis";

    [Fact]
    public void Seed_chapter_becomes_a_valid_ssml_document_with_every_pause()
    {
        var script = ScriptParser.Parse(SeedChapter.Bytes()).GetScriptOrThrow();

        var document = XDocument.Parse(SsmlWriter.Write(script, "es"));

        var speak = document.Root!;
        Assert.Equal(Ssml + "speak", speak.Name);
        Assert.Equal("es", (string?)speak.Attribute(XNamespace.Xml + "lang"));
        Assert.Equal("1.0", (string?)speak.Attribute("version"));
        Assert.Equal(73, speak.Elements(Ssml + "p").Count());
        var breaks = speak.Descendants(Ssml + "break").ToList();
        Assert.Equal(211, breaks.Count);
        Assert.Equal(172_000, breaks.Sum(b => int.Parse(((string)b.Attribute("time")!).TrimEnd('m', 's'))));
    }

    [Fact]
    public void Lines_become_sentences_and_markdown_becomes_words()
    {
        var script = ScriptParser.Parse("Es **muy** <break time=\"1.5s\"/> fácil & claro <break strength=\"weak\"/>\n- Uno").GetScriptOrThrow();

        var document = XDocument.Parse(SsmlWriter.Write(script, "es-ES"));

        var sentences = document.Descendants(Ssml + "s").ToList();
        Assert.Equal(2, sentences.Count);
        Assert.Equal(
            """<s xmlns="http://www.w3.org/2001/10/synthesis">Es muy<break time="1500ms" /> fácil &amp; claro<break time="500ms" /></s>""",
            sentences[0].ToString(SaveOptions.DisableFormatting));
        Assert.Equal("Uno", sentences[1].Value);
    }
}
