using Course.Core.Scripts;
using System.Globalization;
using Bunit;
using Course.Web.Components.Pages.Studio;
using Course.Web.Components.Pages.Studio.Editor;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Components;

/// <summary>The chapter editor's slides view: every edit is a button or a field, and each writes the script back.</summary>
public class SlidesViewTests : BunitContext
{
    // Slide 1: "Uno" (1.0s), "Dos" ('2s' as its author wrote it). Slide 2: "Tres" (a bare break). Slide 3: "Cuatro".
    private const string Script = "Uno <break time=\"1.0s\"/>\nDos <break time='2s' />\n\nTres <break/>\n\nCuatro";

    private readonly List<string> changes = [];

    public SlidesViewTests()
    {
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<SlidesView> RenderView(string text, string culture = "en")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return Render<SlidesView>(p => p
            .Add(c => c.Text, text)
            .Add(c => c.Language, "es")
            .Add(c => c.TextChanged, (ParsedScript changed) => changes.Add(changed.Text)));
    }

    /// <summary>
    /// The element reference of an element as first rendered: the browser keeps an element a re-render reuses,
    /// with its reference, while bUnit only prints a reference on the render that created the element.
    /// </summary>
    private static string FocusId(IRenderedComponent<SlidesView> cut, string selector) =>
        cut.Find(selector).GetAttribute("blazor:elementreference") is { Length: > 0 } id ? id : throw new InvalidOperationException(selector);

    private string FocusedId() => ((ElementReference)JSInterop.VerifyFocusAsyncInvoke().Arguments[0]!).Id;

    public static TheoryData<string, string> Buttons => new()
    {
        // the button's id → the script after clicking it
        { "slides-2-up", "Tres <break/>\n\nUno <break time=\"1.0s\"/>\nDos <break time='2s' />\n\nCuatro" },
        { "slides-2-down", "Uno <break time=\"1.0s\"/>\nDos <break time='2s' />\n\nCuatro\n\nTres <break/>" },
        { "slides-1-merge", "Uno <break time=\"1.0s\"/>\nDos <break time='2s' />\nTres <break/>\n\nCuatro" },
        { "slides-1-add", "Uno <break time=\"1.0s\"/>\nDos <break time='2s' />\n\nNew slide\n\nTres <break/>\n\nCuatro" },
        { "slides-2-delete", "Uno <break time=\"1.0s\"/>\nDos <break time='2s' />\n\nCuatro" },
        { "slides-1-2-split", "Uno <break time=\"1.0s\"/>\n\nDos <break time='2s' />\n\nTres <break/>\n\nCuatro" },
        { "slides-1-2-up", "Dos <break time='2s' />\nUno <break time=\"1.0s\"/>\n\nTres <break/>\n\nCuatro" },
        { "slides-1-1-down", "Dos <break time='2s' />\nUno <break time=\"1.0s\"/>\n\nTres <break/>\n\nCuatro" },
        // past the slide's edge: the last line goes to the start of the next slide
        { "slides-1-2-down", "Uno <break time=\"1.0s\"/>\n\nDos <break time='2s' />\nTres <break/>\n\nCuatro" },
        { "slides-1-1-add", "Uno <break time=\"1.0s\"/>\nNew line\nDos <break time='2s' />\n\nTres <break/>\n\nCuatro" },
        { "slides-1-1-delete", "Dos <break time='2s' />\n\nTres <break/>\n\nCuatro" },
        { "slides-1-1-remove-pause", "Uno\nDos <break time='2s' />\n\nTres <break/>\n\nCuatro" },
        { "slides-3-1-add-pause", "Uno <break time=\"1.0s\"/>\nDos <break time='2s' />\n\nTres <break/>\n\nCuatro <break time=\"0.5s\"/>" },
    };

    [Theory]
    [MemberData(nameof(Buttons))]
    public void Each_button_raises_TextChanged_with_the_edited_script(string button, string expected)
    {
        var cut = RenderView(Script);

        cut.Find($"button#{button}").Click();

        Assert.Equal([expected], changes);
    }

    public static TheoryData<string, string, string> Fields => new()
    {
        // the field's id, the value entered → the script after it
        { "slides-1-1-seconds", "1.5", "Uno <break time=\"1.5s\"/>\nDos <break time='2s' />\n\nTres <break/>\n\nCuatro" },
        { "slides-1-2-slider", "0.3", "Uno <break time=\"1.0s\"/>\nDos <break time=\"0.3s\"/>\n\nTres <break/>\n\nCuatro" },
        { "slides-1-1-strength", "strong", "Uno <break strength=\"strong\"/>\nDos <break time='2s' />\n\nTres <break/>\n\nCuatro" },
        { "slides-2-1-strength", "x-weak", "Uno <break time=\"1.0s\"/>\nDos <break time='2s' />\n\nTres <break strength=\"x-weak\"/>\n\nCuatro" },
        // a bare break is medium; asking for an exact time keeps its length
        { "slides-2-1-strength", "time", "Uno <break time=\"1.0s\"/>\nDos <break time='2s' />\n\nTres <break time=\"0.75s\"/>\n\nCuatro" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Pause_fields_rewrite_only_their_segments_break(string field, string value, string expected)
    {
        var cut = RenderView(Script);

        cut.Find($"#{field}").Change(value);

        Assert.Equal([expected], changes);
    }

    [Fact]
    public void A_pause_field_given_its_own_value_changes_nothing()
    {
        var cut = RenderView(Script);

        cut.Find("#slides-1-2-seconds").Change("2");
        cut.Find("#slides-2-1-strength").Change("medium");

        Assert.Empty(changes);
        Assert.Equal("medium", cut.Find("#slides-2-1-strength option[selected]").GetAttribute("value"));
        Assert.Equal("time", cut.Find("#slides-1-2-strength option[selected]").GetAttribute("value"));
    }

    [Theory]
    [InlineData("2,5")]
    [InlineData("2.5")]
    [InlineData(" 2,5 s")]
    public void A_pause_in_seconds_takes_a_decimal_comma_or_point(string typed)
    {
        var cut = RenderView(Script, culture: "es");

        cut.Find("#slides-1-1-seconds").Change(typed);

        Assert.Equal(["Uno <break time=\"2.5s\"/>\nDos <break time='2s' />\n\nTres <break/>\n\nCuatro"], changes);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("79228162514264337593543950335")] // decimal.MaxValue: times 1000 it overflowed
    [InlineData("999999999999999999999999999999")]
    [InlineData("0.0000000000000000000000000000000000001e")]
    public void A_pause_out_of_range_is_explained_and_not_written(string typed)
    {
        var cut = RenderView(Script);

        cut.Find("#slides-1-1-seconds").Change(typed);

        Assert.Empty(changes);
        Assert.Equal("true", cut.Find("#slides-1-1-seconds").GetAttribute("aria-invalid"));
        Assert.Contains("from 0 to 10", cut.Find("#slides-1-1-pause-problem").TextContent);
    }

    [Fact]
    public void Typing_in_a_segment_rewrites_its_text_and_keeps_its_break()
    {
        var cut = RenderView(Script);

        cut.Find("#slides-1-2-text").Input("Dos y **más**");

        Assert.Equal(["Uno <break time=\"1.0s\"/>\nDos y **más** <break time='2s' />\n\nTres <break/>\n\nCuatro"], changes);
    }

    [Theory]
    [InlineData("Hola <b>", "can't go in a script: Unknown tag <b>")]
    [InlineData("Hola <break/> adiós", "pause field")]
    [InlineData("Hola\nadiós", "one line")]
    [InlineData("", "Write some text")]
    public void Text_the_script_cannot_hold_is_explained_at_its_field_and_not_written(string typed, string message)
    {
        var cut = RenderView(Script);

        cut.Find("#slides-3-1-text").Input(typed);

        Assert.Empty(changes);
        var field = cut.Find("#slides-3-1-text");
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal("slides-3-1-problem", field.GetAttribute("aria-describedby"));
        Assert.Contains(message, cut.Find("#slides-3-1-problem").TextContent);
        Assert.Equal(typed, field.GetAttribute("value"));
    }

    [Fact]
    public void Script_errors_are_said_in_the_interface_language()
    {
        var cut = RenderView("Uno <break time=\"abc\"/>", culture: "es");

        var error = cut.Find(".slides-view__errors li span[lang], .slides-view__errors li span:not(.slides-view__where)");
        Assert.Equal("El tiempo de pausa “abc” no es un número con unidad: escribe, por ejemplo, 1.5s o 500ms.", error.TextContent);
        Assert.Null(error.GetAttribute("lang")); // translated: in the page's language, not marked as English
    }

    [Fact]
    public void Front_matter_value_errors_are_said_in_the_interface_language_too()
    {
        var cut = RenderView("---\nlanguage: español\n---\nUno <break time=\"1s\"/>", culture: "es");

        var error = cut.Find(".slides-view__errors li span:not(.slides-view__where)");
        Assert.Equal("“español” no es una etiqueta de idioma como es, en o es-ES.", error.TextContent);
    }

    [Fact]
    public void Every_script_error_code_is_written_in_english_and_in_spanish()
    {
        var localizer = Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var code in Enum.GetValues<Course.Core.Scripts.ScriptErrorCode>())
            {
                CultureInfo.CurrentUICulture = new CultureInfo("en");
                var english = localizer["ScriptErr" + code];
                CultureInfo.CurrentUICulture = new CultureInfo("es");
                var spanish = localizer["ScriptErr" + code];
                Assert.False(english.ResourceNotFound, $"no English text for {code}");
                Assert.NotEqual(english.Value, spanish.Value); // Spanish falls back to English when missing
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void A_script_with_errors_shows_them_and_no_slides()
    {
        var cut = RenderView("Uno <b>\nDos <break time=\"abc\"/>\n\nTres <break time=\"12s\"/>");

        Assert.Contains("needs a script without errors", cut.Markup);
        Assert.Equal(
            ["1:5 Unknown tag <b>: only <break .../> is allowed (write \\< to show a literal “<”).",
             "2:18 The break time “abc” is not a number with a unit: write e.g. 1.5s or 500ms.",
             "4:19 The break time “12s” is over the maximum of 10 s."],
            cut.FindAll(".slides-view__errors li").Select(li => li.TextContent));
        Assert.Empty(cut.FindAll(".slide-card"));
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void Only_the_first_errors_are_listed()
    {
        var cut = RenderView(string.Join("\n", Enumerable.Range(1, 8).Select(i => $"Línea <x{i}>")));

        Assert.Equal(5, cut.FindAll(".slides-view__errors li").Count);
        Assert.Contains("and 3 more", cut.Find(".slides-view__more").TextContent);
    }

    [Fact]
    public void Slides_are_numbered_cards_with_their_duration_and_segments_in_the_chapters_language()
    {
        var cut = RenderView(Script);

        Assert.Equal(["Slide 1 of 3", "Slide 2 of 3", "Slide 3 of 3"], cut.FindAll(".slide-card__title").Select(h => h.TextContent));
        // "Uno" and "Dos" read for the 1.2 s minimum each, then pause 1 s and 2 s.
        Assert.Equal("Duration: 5.4 s", cut.FindAll(".slide-card__duration")[0].TextContent);
        Assert.All(cut.FindAll("textarea"), t => Assert.Equal("es", t.GetAttribute("lang")));
        Assert.Equal(["Uno", "Dos", "Tres", "Cuatro"], cut.FindAll("textarea").Select(t => t.GetAttribute("value")));
        Assert.Equal("No pause", cut.Find(".slide-card:last-child .pause__none").TextContent);
    }

    [Fact]
    public void Every_control_has_an_accessible_name_and_a_unique_id()
    {
        var cut = RenderView(Script);

        // Icon buttons are named by aria-label; the "more" menus' items by their words.
        static string AccessibleName(AngleSharp.Dom.IElement e) => e.GetAttribute("aria-label") ?? e.TextContent.Trim();
        var buttons = cut.FindAll("button, summary");
        Assert.All(buttons, b => Assert.False(string.IsNullOrWhiteSpace(AccessibleName(b)), b.OuterHtml));
        Assert.All(cut.FindAll("button"), b => Assert.Equal("button", b.GetAttribute("type")));
        Assert.All(cut.FindAll("textarea, input, select"), c => Assert.False(string.IsNullOrWhiteSpace(c.GetAttribute("aria-label")), c.OuterHtml));
        var ids = cut.FindAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        string Name(string id) => AccessibleName(cut.Find($"#{id}"));
        Assert.Equal("Move slide 3 up", Name("slides-3-up"));
        Assert.Equal("Merge slide 1 with slide 2", Name("slides-1-merge"));
        Assert.Equal("Move segment 2 of slide 1 up", Name("slides-1-2-up"));
        Assert.Equal("Start a new slide at segment 2 of slide 1", Name("slides-1-2-split"));
        Assert.Equal("More for slide 2: add, merge, delete", Name("slides-2-more"));
        Assert.Equal("Text of segment 1 of slide 2", Name("slides-2-1-text"));
        Assert.Equal("Add a pause after segment 1 of slide 3", Name("slides-3-1-add-pause"));
    }

    [Fact]
    public void Impossible_operations_are_disabled()
    {
        var cut = RenderView("Solo");

        Assert.True(cut.Find("#slides-1-up").HasAttribute("disabled"));
        Assert.True(cut.Find("#slides-1-down").HasAttribute("disabled"));
        Assert.True(cut.Find("#slides-1-merge").HasAttribute("disabled"));
        Assert.True(cut.Find("#slides-1-delete").HasAttribute("disabled"));
        Assert.True(cut.Find("#slides-1-1-delete").HasAttribute("disabled"));
        Assert.True(cut.Find("#slides-1-1-split").HasAttribute("disabled"));
        Assert.False(cut.Find("#slides-1-add").HasAttribute("disabled"));
    }

    [Fact]
    public void A_line_moves_into_the_slide_before_but_never_leaves_a_slide_empty_or_the_chapter()
    {
        var cut = RenderView("Uno\n\nDos\nTres\n\nCuatro");

        Assert.True(cut.Find("#slides-1-1-up").HasAttribute("disabled"));   // the first slide's first line: nowhere above
        Assert.True(cut.Find("#slides-1-1-down").HasAttribute("disabled")); // a slide's only line: merge instead
        Assert.True(cut.Find("#slides-3-1-down").HasAttribute("disabled"));

        cut.Find("#slides-2-1-up").Click();

        Assert.Equal(["Uno\nDos\n\nTres\n\nCuatro"], changes);
        Assert.Equal("Segment 1 of slide 2 moved to the end of slide 1.", cut.Find(".slides-view__status").TextContent);
    }

    [Fact]
    public void A_silent_segment_cannot_lose_its_pause()
    {
        var cut = RenderView("Uno\n<break time=\"3s\"/>");

        Assert.True(cut.Find("#slides-1-2-remove-pause").HasAttribute("disabled"));
        Assert.Contains("silent", cut.FindAll(".segment-row")[1].TextContent);
    }

    [Fact]
    public void After_a_move_the_status_says_so_and_focus_follows_the_moved_slide()
    {
        var cut = RenderView(Script);
        var target = FocusId(cut, "#slides-2-up");

        cut.Find("#slides-3-up").Click();

        Assert.Equal("Slide 3 moved up; it is now slide 2.", cut.Find("[role=status]").TextContent);
        Assert.Equal("polite", cut.Find("[role=status]").GetAttribute("aria-live"));
        Assert.Equal(target, FocusedId());
        Assert.Equal("Cuatro", cut.Find("#slides-2-1-text").GetAttribute("value"));
    }

    [Fact]
    public void Moving_to_the_top_focuses_the_button_that_can_still_move_it()
    {
        var cut = RenderView(Script);
        var target = FocusId(cut, "#slides-1-1-down");

        cut.Find("#slides-1-2-up").Click();

        Assert.Equal("Segment 2 of slide 1 moved up; it is now segment 1.", cut.Find("[role=status]").TextContent);
        Assert.Equal(target, FocusedId());
    }

    [Theory]
    [InlineData("slides-1-add", "#slides-2-1-text", "Slide 2 added.")]
    [InlineData("slides-1-1-add", "#slides-1-2-text", "Segment 2 added to slide 1.")]
    [InlineData("slides-1-2-split", "#slides-2-heading", "Slide 1 split: from segment 2 on it is now slide 2.")]
    public void A_new_slide_or_segment_gets_the_focus_at_its_place(string button, string focused, string announced)
    {
        var cut = RenderView(Script);
        var target = FocusId(cut, focused);

        cut.Find($"#{button}").Click();

        Assert.Equal(announced, cut.Find("[role=status]").TextContent);
        Assert.Equal(target, FocusedId());
    }

    [Fact]
    public void Deleting_moves_the_focus_to_what_took_its_place()
    {
        var cut = RenderView(Script);
        var heading = FocusId(cut, "#slides-2-heading");

        cut.Find("#slides-2-delete").Click();

        Assert.Equal("Slide 2 deleted.", cut.Find("[role=status]").TextContent);
        Assert.Equal(heading, FocusedId());
        Assert.Equal("Cuatro", cut.Find("#slides-2-1-text").GetAttribute("value"));
    }

    [Fact]
    public void Adding_and_removing_a_pause_move_the_focus_between_its_controls()
    {
        var cut = RenderView(Script);

        cut.Find("#slides-3-1-add-pause").Click();
        JSInterop.VerifyFocusAsyncInvoke().Arguments[0].ShouldBeElementReferenceTo(cut.Find("#slides-3-1-seconds"));
        Assert.Equal("Pause after segment 1 of slide 3: 0.5 s.", cut.Find("[role=status]").TextContent);

        cut.Find("#slides-3-1-remove-pause").Click();
        JSInterop.VerifyFocusAsyncInvoke(2)[1].Arguments[0].ShouldBeElementReferenceTo(cut.Find("#slides-3-1-add-pause"));
        Assert.Equal("Pause after segment 1 of slide 3 removed.", cut.Find("[role=status]").TextContent);
        Assert.Equal(Script, changes[^1]);
    }

    [Fact]
    public void Operations_build_on_each_other_and_moving_back_restores_the_script_byte_for_byte()
    {
        var cut = RenderView(Script);

        cut.Find("#slides-1-down").Click();
        cut.Find("#slides-2-up").Click();
        cut.Find("#slides-1-1-down").Click();
        cut.Find("#slides-1-2-up").Click();

        Assert.Equal(4, changes.Count);
        Assert.Equal(Script, changes[^1]);
    }

    [Fact]
    public void Front_matter_is_kept_and_a_script_without_it_gets_none()
    {
        const string withFrontMatter = "---\ntitle: Capítulo\nlanguage: es\n---\n\nA\n\nB";
        var cut = RenderView(withFrontMatter);

        cut.Find("#slides-2-up").Click();

        Assert.Equal("---\ntitle: Capítulo\nlanguage: es\n---\n\nB\n\nA", changes.Single());
    }

    [Fact]
    public void A_new_text_from_outside_replaces_the_slides()
    {
        var cut = RenderView(Script);
        cut.Find("#slides-1-1-text").Input("Uno <b>");

        cut.Render(p => p.Add(c => c.Text, "Cinco\n\nSeis"));

        Assert.Equal(["Slide 1 of 2", "Slide 2 of 2"], cut.FindAll(".slide-card__title").Select(h => h.TextContent));
        Assert.Equal("Cinco", cut.Find("#slides-1-1-text").GetAttribute("value"));
        Assert.Empty(cut.FindAll(".segment-row__problem"));
    }

    [Fact]
    public void Segments_that_continue_a_line_are_marked_and_stay_on_it()
    {
        var cut = RenderView("Uno <break time=\"1s\"/> dos <break/>\nTres");

        Assert.Contains("segment-row--continues", cut.FindAll(".segment-row")[1].ClassName);
        cut.Find("#slides-1-3-up").Click();

        Assert.Equal(["Uno <break time=\"1s\"/> Tres\ndos <break/>"], changes);
    }

    [Fact]
    public void The_view_speaks_spanish()
    {
        var cut = RenderView(Script, "es");

        Assert.Equal("Diapositiva 1 de 3", cut.Find(".slide-card__title").TextContent);
        Assert.Equal("Subir la diapositiva 2", cut.Find("#slides-2-up").GetAttribute("aria-label"));
        Assert.Equal("Duración: 5,4 s", cut.FindAll(".slide-card__duration")[0].TextContent);
    }
}
