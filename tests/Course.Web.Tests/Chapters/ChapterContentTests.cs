using Course.Core.Authoring;
using Course.Core.Scripts;
using Course.Web.Chapters;
using Course.Web.Data;

namespace Course.Web.Tests.Chapters;

/// <summary>The conversions between slide rows, script text and keyed slides, without a database.</summary>
public sealed class ChapterContentTests
{
    private const string Text = "Uno <break time=\"1s\"/>\n\nDos **negrita** <break time=\"500ms\"/> y más\n\nTres <break time=\"2s\"/>";

    private static ChapterScript Parse(string text) => ScriptParser.Parse(text).GetScriptOrThrow();

    [Fact]
    public void Rows_written_back_as_text_are_the_text_they_came_from()
    {
        var rows = ChapterContent.ToSlides(Parse(Text));

        Assert.Equal(ScriptWriter.Write(Parse(Text), includeMetadata: false), ChapterContent.ToText(rows));
        Assert.Equal([1, 2, 3], rows.Select(r => r.Position));
        Assert.Equal(3, rows.Select(r => r.Key).Distinct().Count());
    }

    [Fact]
    public void No_rows_are_no_text()
    {
        Assert.Equal("", ChapterContent.ToText([]));
    }

    [Fact]
    public void Published_rows_take_the_keys_of_the_slides_they_continue_and_new_ones_get_fresh_keys()
    {
        var before = ChapterContent.ToSlides(Parse(Text));
        var keyed = ChapterContent.ToKeyed(before);

        var after = ChapterContent.ToSlides(Parse("Cero <break time=\"1s\"/>\n\n" + Text), keyed);

        Assert.Equal(before.Select(r => r.Key), after.Skip(1).Select(r => r.Key));
        Assert.DoesNotContain(after[0].Key, before.Select(r => r.Key));
    }

    [Fact]
    public void A_draft_that_does_not_parse_keeps_the_keys_it_had_and_one_that_does_follows_them()
    {
        IReadOnlyList<KeyedSlide> keyed = [new("k1", "Uno <break time=\"1s\"/>"), new("k2", "Dos <break time=\"1s\"/>")];

        Assert.Same(keyed, ChapterContent.KeyedAfter(keyed, "Uno <break time=\"uno\"/>"));
        var followed = ChapterContent.KeyedAfter(keyed, "Dos <break time=\"1s\"/>\n\nUno <break time=\"1s\"/>");
        Assert.Equal(["k2", "k1"], followed.Select(k => k.Key));
    }

    [Fact]
    public void Keys_survive_their_JSON_and_number_both_ways()
    {
        IReadOnlyList<KeyedSlide> keyed = [new("k1", "a"), new("k2", "b")];

        var read = ChapterContent.ReadKeys(ChapterContent.WriteKeys(keyed));

        Assert.Equal(keyed, read);
        Assert.Null(ChapterContent.ReadKeys(null));
        Assert.Equal("k2", ChapterContent.KeysByNumber(keyed)[2]);
        Assert.Equal(1, ChapterContent.NumbersByKey(keyed)["k1"]);
    }

    [Theory]
    [InlineData("Nuevo título", "en", "Otra", "Nuevo título|en|Otra", null)]
    [InlineData(null, null, null, "Antes|es|", null)]
    [InlineData(null, "es ES", null, "Antes|es|", "language: 'es ES' is not a language tag such as es, en or es-ES")]
    public void Published_front_matter_becomes_the_chapters_details_unless_a_rule_refuses_it(
        string? title, string? language, string? description, string expected, string? problem)
    {
        var chapter = new Chapter { Slug = "c", Title = "Antes", Language = "es" };

        var refused = ChapterContent.ApplyMetadata(chapter, new ScriptMetadata(title, language, null, description));

        Assert.Equal(problem, refused?.ToString());
        Assert.Equal(expected, $"{chapter.Title}|{chapter.Language}|{chapter.Description}");
    }
}
