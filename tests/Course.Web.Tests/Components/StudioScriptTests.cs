using Course.Web.Components.Pages.Studio;
using Course.Web.Components.Pages.Studio.Editor;

namespace Course.Web.Tests.Components;

/// <summary>The editor's text copy kept in step by edits, and what it learns from parsing the script.</summary>
public class StudioScriptTests
{
    [Fact]
    public void An_edit_replaces_a_range_and_must_end_at_the_length_the_browser_has()
    {
        var buffer = new ScriptBuffer("Hola mundo");

        Assert.Equal(EditOutcome.Complete, buffer.Apply(0, 1, 5, 5, "amigos", true, 11));
        Assert.Equal("Hola amigos", buffer.Text);
        Assert.Equal(1, buffer.Version);

        Assert.Equal(EditOutcome.OutOfStep, buffer.Apply(0, 2, 0, 0, "¡", true, 99));
        Assert.Equal(EditOutcome.OutOfStep, buffer.Apply(0, 3, 40, 1, "x", true, 12));
    }

    [Fact]
    public void A_long_edit_arrives_in_pieces_and_counts_only_when_complete()
    {
        var buffer = new ScriptBuffer("ab");

        Assert.Equal(EditOutcome.Partial, buffer.Apply(0, 7, 1, 0, "XX", false, 6));
        Assert.True(buffer.IsPending);
        Assert.Equal(0, buffer.Version);
        Assert.Equal(EditOutcome.Complete, buffer.Apply(0, 7, 3, 0, "YY", true, 6));

        Assert.Equal("aXXYYb", buffer.Text);
        Assert.False(buffer.IsPending);
        Assert.Equal(7, buffer.Version);
    }

    [Fact]
    public void A_whole_text_resync_replaces_everything_and_an_edit_from_before_a_server_replace_is_ignored()
    {
        var buffer = new ScriptBuffer("old\r\ntext");
        Assert.Equal("old\ntext", buffer.Text); // as a textarea holds it

        Assert.Equal(EditOutcome.Complete, buffer.Apply(0, 1, 0, -1, "fresh", true, 5));
        buffer.Replace("from the slides view", 2);

        Assert.Equal(EditOutcome.Stale, buffer.Apply(0, 3, 0, 0, "x", true, 21));
        Assert.Equal("from the slides view", buffer.Text);
        Assert.Equal(1, buffer.Epoch);
    }

    [Fact]
    public void Slides_are_found_by_their_lines_after_front_matter_with_their_durations()
    {
        const string text = "---\ntitle: Tokens\nlanguage: en\n---\n\nOne two three <break time=\"1s\"/>\n- Four <break time=\"0.5s\"/>\n  \t\n\nFive <break time=\"2s\"/>\n";

        var analysis = ScriptAnalysis.Of(text, "course", "chapter", "Fallback", "es");

        Assert.True(analysis.Succeeded);
        Assert.Equal([(6, 7), (10, 10)], analysis.Slides.Select(s => (s.FirstLine, s.LastLine)));
        Assert.Equal(1200 + 1000 + 1200 + 500, analysis.Slides[0].DurationMilliseconds);
        Assert.Equal(analysis.Slides.Sum(s => s.DurationMilliseconds), analysis.TotalMilliseconds);
        Assert.Equal("Tokens", analysis.Preview!.Chapter.Title);
        Assert.Equal("en", analysis.Preview.Chapter.Language);
        Assert.Equal(2, analysis.Preview.Slides.Count);
        Assert.Equal("<strong>x</strong>", ScriptAnalysis.Of("**x**", "c", "c", "t", "en").Preview!.Slides[0].Segments[0].Html);

        Assert.Equal(1, analysis.SlideAtLine(1)); // front matter: the first slide
        Assert.Equal(1, analysis.SlideAtLine(7));
        Assert.Equal(2, analysis.SlideAtLine(8)); // a blank line: the slide that follows
        Assert.Equal(2, analysis.SlideAtLine(40));
    }

    [Fact]
    public void A_script_with_errors_has_no_preview_but_keeps_its_slides_lines_and_every_error()
    {
        var analysis = ScriptAnalysis.Of("Fine <break time=\"1s\"/>\n\nBad <break time=\"abc\"/>\nWorse <b>", "c", "c", "t", "en");

        Assert.False(analysis.Succeeded);
        Assert.Null(analysis.Preview);
        Assert.Equal([(3, 18), (4, 7)], analysis.Errors.Select(e => (e.Line, e.Column)));
        Assert.Equal([(1, 1), (3, 4)], analysis.Slides.Select(s => (s.FirstLine, s.LastLine)));
        Assert.Equal(2, analysis.SlideAtLine(4));
    }

    [Fact]
    public void With_a_notice_for_broken_slides_a_script_with_errors_still_previews_its_good_ones()
    {
        var analysis = ScriptAnalysis.Of("Fine <break time=\"1s\"/>\n\nBad <break time=\"abc\"/>\n\nAlso fine", "c", "c", "t", "en", "BROKEN");

        Assert.False(analysis.Succeeded);
        Assert.Equal(["Fine", "BROKEN", "Also fine"], analysis.Preview!.Slides.Select(s => s.Segments[0].PlainText));
        Assert.Equal(1000, analysis.Preview.Slides[0].Segments[0].PauseMilliseconds);
        Assert.Equal(3, analysis.SlideAtLine(5));
    }
}
