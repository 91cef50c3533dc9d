using System.Globalization;
using System.Text.RegularExpressions;
using Course.Core.Authoring;
using Course.Core.Rendering;
using Course.Core.Scripts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// The chapter editor's slides view: the script's slides as cards, each segment's text and pause editable,
/// and buttons to move, add, delete, split and merge slides and segments. Every edit is made on the parsed
/// script with <see cref="ScriptEdits"/> and written back with <see cref="ScriptWriter"/>, so the breaks an
/// author wrote and did not touch keep their exact markup. A script with errors is not shown: those are
/// fixed in the script view.
/// </summary>
public sealed partial class SlidesView : ComponentBase
{
    /// <summary>How many of a script's errors are listed when it cannot be shown.</summary>
    internal const int ErrorsShown = 5;

    /// <summary>The pause given to a segment that had none.</summary>
    internal const int NewPauseMilliseconds = 500;

    private const string TimeOption = "time";

    private readonly Dictionary<string, ElementReference> elements = [];
    private readonly Dictionary<(int Slide, int Segment), string> textDrafts = [];
    private readonly Dictionary<(int Slide, int Segment), string> textProblems = [];
    private readonly Dictionary<(int Slide, int Segment), string> pauseProblems = [];
    private string? seenText;
    private string currentText = "";
    private ScriptParseResult parsed = new(null, []);
    private int[] slideMilliseconds = [];
    private bool hasFrontMatter;
    private string status = "";
    private string? focusAfterRender;

    /// <summary>The whole chapter script text.</summary>
    [Parameter, EditorRequired]
    public string Text { get; set; } = "";

    /// <summary>The editor's parse of a text: used instead of parsing <see cref="Text"/> again when it is of that text.</summary>
    [Parameter]
    public ParsedScript? Parsed { get; set; }

    /// <summary>Raised with the new script text, and the parse that checked it, after every edit.</summary>
    [Parameter]
    public EventCallback<ParsedScript> TextChanged { get; set; }

    /// <summary>The chapter's language (lang attribute on slide text).</summary>
    [Parameter]
    public string Language { get; set; } = "en";

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    private ChapterScript? Script => parsed.Script;

    protected override void OnParametersSet()
    {
        var text = Text ?? "";
        if (text == seenText)
        {
            return;
        }

        seenText = text;
        if (text != currentText || Script is null)
        {
            // Changed from outside (the script view, a restore): start afresh.
            currentText = text;
            var result = ParsedScript.For(text, Parsed).Result;
            hasFrontMatter = result.FrontMatter is not null;
            textDrafts.Clear();
            textProblems.Clear();
            pauseProblems.Clear();
            Show(result);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (focusAfterRender is { } id)
        {
            focusAfterRender = null;
            if (elements.TryGetValue(id, out var element))
            {
                try
                {
                    await element.FocusAsync();
                }
                catch (JSException)
                {
                    // The element went away before the browser got the call; focus stays where it was.
                }
                catch (JSDisconnectedException)
                {
                    // The circuit is gone; there is nothing to focus.
                }
            }
        }
    }

    private void Show(ScriptParseResult result)
    {
        parsed = result;
        slideMilliseconds = result.Script is { } script ? [.. ChapterRenderer.Render(script).Slides.Select(s => s.DurationMilliseconds)] : [];
    }

    /// <summary>
    /// Writes an edited script, checks that it reads back, and raises <see cref="TextChanged"/>.
    /// Returns the parser's first complaint instead when the edit would make the script invalid.
    /// </summary>
    private async Task<string?> Commit(ChapterScript edited, string? announcement, string? focus)
    {
        var text = ScriptWriter.Write(edited, includeMetadata: hasFrontMatter);
        var parsedEdit = ParsedScript.Of(text);
        var result = parsedEdit.Result;
        if (!result.Succeeded)
        {
            var problem = ScriptErrorText.Say(L, result.Errors[0]).Text;
            status = L["SlidesEditRefused", problem];
            return problem;
        }

        currentText = text;
        Show(result);
        status = announcement ?? status;
        focusAfterRender = focus ?? focusAfterRender;
        await TextChanged.InvokeAsync(parsedEdit);
        return null;
    }

    // The "more" menus (add, merge or split, delete): one open at a time, closed by any edit or by Escape.

    private string? openMenu;

    private void ToggleMenu(string id) => openMenu = openMenu == id ? null : id;

    private void CloseMenuOnEscape(KeyboardEventArgs e, string id)
    {
        if (e.Key == "Escape" && openMenu == id)
        {
            openMenu = null;
            focusAfterRender = id;
        }
    }

    /// <summary>A structural edit: earlier drafts and messages no longer belong to the positions they were typed at.</summary>
    private async Task Restructure(Func<ChapterScript, ChapterScript> edit, string announcement, string focus)
    {
        openMenu = null;
        if (Script is not { } script)
        {
            return;
        }

        ChapterScript edited;
        try
        {
            edited = edit(script);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Buttons for impossible edits are disabled; this only guards against a stale click.
            status = L["SlidesEditRefused", e.Message];
            return;
        }

        textDrafts.Clear();
        textProblems.Clear();
        pauseProblems.Clear();
        await Commit(edited, announcement, focus);
    }

    // Slides (numbers in messages and names are 1-based; indexes 0-based)

    private Task MoveSlide(int slide, int offset)
    {
        var target = slide + offset;
        var count = Script!.Slides.Count;
        var button = offset < 0 ? (target == 0 ? "down" : "up") : (target == count - 1 ? "up" : "down");
        return Restructure(s => ScriptEdits.MoveSlide(s, slide, offset),
            L[offset < 0 ? "SlidesStatusSlideMovedUp" : "SlidesStatusSlideMovedDown", slide + 1, target + 1],
            SlideId(target, button));
    }

    private Task AddSlideAfter(int slide) =>
        Restructure(s => ScriptEdits.InsertSlide(s, slide + 1, new ScriptSlide([new ScriptSegment(L["SlidesNewSlideText"])])),
            L["SlidesStatusSlideAdded", slide + 2], SegmentId(slide + 1, 0, "text"));

    private Task DeleteSlide(int slide)
    {
        var remaining = Script!.Slides.Count - 1;
        return Restructure(s => ScriptEdits.DeleteSlide(s, slide),
            L["SlidesStatusSlideDeleted", slide + 1], SlideId(Math.Min(slide, remaining - 1), "heading"));
    }

    private Task MergeWithNext(int slide) =>
        Restructure(s => ScriptEdits.MergeWithNext(s, slide),
            L["SlidesStatusSlidesMerged", slide + 1, slide + 2], SlideId(slide, "heading"));

    private Task SplitAt(int slide, int segment) =>
        Restructure(s => ScriptEdits.SplitSlide(s, slide, segment),
            L["SlidesStatusSlideSplit", slide + 1, segment + 1, slide + 2], SlideId(slide + 1, "heading"));

    // Pauses

    private Task AddPause(int slide, int segment) =>
        SetPause(slide, segment, Pause.FromMilliseconds(NewPauseMilliseconds), SegmentId(slide, segment, "seconds"));

    private Task RemovePause(int slide, int segment) =>
        SetPause(slide, segment, null, SegmentId(slide, segment, "add-pause"));

    private Task OnSecondsChanged(int slide, int segment, ChangeEventArgs e)
    {
        var key = (slide, segment);
        // "1.5" or "1,5" (as Spanish writes it), with or without a trailing "s".
        var typed = (e.Value?.ToString() ?? "").Trim().TrimEnd('s', 'S').Trim().Replace(',', '.');
        if (!decimal.TryParse(typed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds > Pause.MaxMilliseconds / 1000m) // compared in seconds: a 29-digit entry times 1000 overflows
        {
            pauseProblems[key] = L["SlidesPauseOutOfRange", Pause.MaxMilliseconds / 1000];
            return Task.CompletedTask;
        }

        pauseProblems.Remove(key);
        var milliseconds = (int)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
        var current = Script?.Slides[slide].Segments[segment].Pause;
        return current?.Milliseconds == milliseconds && !IsStrength(current)
            ? Task.CompletedTask
            : SetPause(slide, segment, Pause.FromMilliseconds(milliseconds), null);
    }

    private Task OnStrengthChanged(int slide, int segment, ChangeEventArgs e)
    {
        var current = Script?.Slides[slide].Segments[segment].Pause;
        var value = e.Value?.ToString();
        if (current is null || value == StrengthOption(current))
        {
            return Task.CompletedTask;
        }

        pauseProblems.Remove((slide, segment));
        return BreakStrengths.TryParse(value ?? "", out var strength)
            ? SetPause(slide, segment, Pause.FromStrength(strength), null)
            : SetPause(slide, segment, Pause.FromMilliseconds(current.Milliseconds), null);
    }

    private async Task SetPause(int slide, int segment, Pause? pause, string? focus)
    {
        if (Script is not { } script)
        {
            return;
        }

        var announcement = pause is null
            ? L["SlidesStatusPauseRemoved", segment + 1, slide + 1]
            : L["SlidesStatusPauseSet", segment + 1, slide + 1, Seconds(pause.Milliseconds)];
        try
        {
            var edited = ScriptEdits.SetPause(script, slide, segment, pause);
            if (!ReferenceEquals(edited, script))
            {
                await Commit(edited, announcement, focus);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            status = L["SlidesEditRefused", e.Message];
        }
    }

    /// <summary>The strength a break was written with (a bare &lt;break/&gt; is medium), or "time".</summary>
    private static string StrengthOption(Pause pause)
    {
        if (StrengthAttribute().Match(pause.Markup) is { Success: true } match)
        {
            return match.Groups[1].Value;
        }

        return TimeAttribute().IsMatch(pause.Markup) ? TimeOption : BreakStrengths.Name(BreakStrength.Medium);
    }

    private static bool IsStrength(Pause pause) => StrengthOption(pause) != TimeOption;

    [GeneratedRegex("""strength\s*=\s*["']([a-z-]+)["']""")]
    private static partial Regex StrengthAttribute();

    [GeneratedRegex("""time\s*=""")]
    private static partial Regex TimeAttribute();

    // Rendering helpers

    private static string Seconds(int milliseconds) =>
        (milliseconds / 1000m).ToString("0.0##", CultureInfo.CurrentCulture);

    private static string InvariantSeconds(int milliseconds) =>
        (milliseconds / 1000m).ToString("0.###", CultureInfo.InvariantCulture);

    private static string SlideId(int slide, string part) => $"slides-{slide + 1}-{part}";

    private static string SegmentId(int slide, int segment, string part) => $"slides-{slide + 1}-{segment + 1}-{part}";

    private static string StrengthLabelKey(BreakStrength strength) => "SlidesStrength" + strength;

    /// <summary>The small line icons on the buttons (fixed markup, no user text).</summary>
    private static MarkupString Icon(string name) => new(
        "<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\"><path d=\"" + name switch
        {
            "up" => "M12 19V5M5 12l7-7 7 7",
            "down" => "M12 5v14M5 12l7 7 7-7",
            "add" => "M12 5v14M5 12h14",
            "delete" => "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
            "split" => "M12 9V3M9 6l3-3 3 3M12 15v6M9 18l3 3 3-3M4 12h3M10 12h4M17 12h3",
            "merge" => "M12 3v5M9 5l3 3 3-3M12 21v-5M9 19l3-3 3 3M4 12h16",
            "more" => "M5 12a1 1 0 1 0 2 0a1 1 0 1 0-2 0M11 12a1 1 0 1 0 2 0a1 1 0 1 0-2 0M17 12a1 1 0 1 0 2 0a1 1 0 1 0-2 0",
            "grip" => "M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01",
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        } + "\"/></svg>");
}
