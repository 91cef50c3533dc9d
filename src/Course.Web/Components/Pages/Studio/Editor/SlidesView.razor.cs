using System.Globalization;
using Course.Core.Authoring;
using Course.Core.Rendering;
using Course.Core.Scripts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using static Course.Web.Components.Pages.Studio.Editor.SlidesMarkup;
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

    private readonly Dictionary<string, ElementReference> elements = [];
    private readonly SlideDrag drag = new();
    private int generation; // a new one clears the segment rows' typed text and problems: their positions moved
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
            generation++;
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

        generation++;
        await Commit(edited, announcement, focus);
    }

    private Task Drop(int slide, int? segment) => drag.Drop(slide, segment) switch
    {
        { Segment: { } from } move => MoveSegment(move.Slide, from, move.Offset),
        { } move => MoveSlide(move.Slide, move.Offset),
        null => Task.CompletedTask,
    };

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

    private Task ActOnSlideAsync(int slide, SlideAction action) => action switch
    {
        SlideAction.MoveUp => MoveSlide(slide, -1),
        SlideAction.MoveDown => MoveSlide(slide, 1),
        SlideAction.AddAfter => Restructure(s => ScriptEdits.InsertSlide(s, slide + 1, new ScriptSlide([new ScriptSegment(L["SlidesNewSlideText"])])),
            L["SlidesStatusSlideAdded", slide + 2], SegmentId(slide + 1, 0, "text")),
        SlideAction.MergeWithNext => Restructure(s => ScriptEdits.MergeWithNext(s, slide),
            L["SlidesStatusSlidesMerged", slide + 1, slide + 2], SlideId(slide, "heading")),
        _ => DeleteSlide(slide),
    };

    private Task DeleteSlide(int slide)
    {
        var remaining = Script!.Slides.Count - 1;
        return Restructure(s => ScriptEdits.DeleteSlide(s, slide),
            L["SlidesStatusSlideDeleted", slide + 1], SlideId(Math.Min(slide, remaining - 1), "heading"));
    }

    private Task SplitAt(int slide, int segment) =>
        Restructure(s => ScriptEdits.SplitSlide(s, slide, segment),
            L["SlidesStatusSlideSplit", slide + 1, segment + 1, slide + 2], SlideId(slide + 1, "heading"));

    // Segments

    /// <summary>
    /// One place up or down: within the slide, or past its edge into the slide before or after (a slide keeps
    /// at least one segment), so a line can reach any slide by buttons alone.
    /// </summary>
    private bool CanMoveSegment(int slide, int segment, int direction)
    {
        var slides = Script!.Slides;
        var count = slides[slide].Segments.Count;
        var target = segment + direction;
        return target >= 0 && target < count
            || count > 1 && slide + direction >= 0 && slide + direction < slides.Count;
    }

    private Task MoveSegmentBy(int slide, int segment, int direction)
    {
        var count = Script!.Slides[slide].Segments.Count;
        if (segment + direction >= 0 && segment + direction < count)
        {
            return MoveSegment(slide, segment, direction);
        }

        var target = slide + direction;
        // Down: it becomes the first of the next slide; up: the last of the one before.
        var index = direction > 0 ? 0 : Script.Slides[target].Segments.Count;
        return Restructure(s => ScriptEdits.MoveSegmentToSlide(s, slide, direction),
            L[direction > 0 ? "SlidesStatusSegmentMovedToNext" : "SlidesStatusSegmentMovedToPrevious", segment + 1, slide + 1, target + 1],
            SegmentId(target, index, direction > 0 ? "down" : "up"));
    }

    private Task MoveSegment(int slide, int segment, int offset)
    {
        var target = segment + offset;
        var count = Script!.Slides[slide].Segments.Count;
        var button = offset < 0 ? (target == 0 ? "down" : "up") : (target == count - 1 ? "up" : "down");
        return Restructure(s => ScriptEdits.MoveSegment(s, slide, segment, offset),
            L[offset < 0 ? "SlidesStatusSegmentMovedUp" : "SlidesStatusSegmentMovedDown", segment + 1, slide + 1, target + 1],
            SegmentId(slide, target, button));
    }

    private Task AddSegmentAfter(int slide, int segment) =>
        Restructure(s => ScriptEdits.InsertSegment(s, slide, segment + 1, new ScriptSegment(L["SlidesNewSegmentText"])),
            L["SlidesStatusSegmentAdded", segment + 2, slide + 1], SegmentId(slide, segment + 1, "text"));

    private Task DeleteSegment(int slide, int segment)
    {
        var remaining = Script!.Slides[slide].Segments.Count - 1;
        return Restructure(s => ScriptEdits.DeleteSegment(s, slide, segment),
            L["SlidesStatusSegmentDeleted", segment + 1, slide + 1], SegmentId(slide, Math.Min(segment, remaining - 1), "text"));
    }

    private Task ActAsync(int slide, int segment, SegmentAction action) => action switch
    {
        SegmentAction.MoveUp => MoveSegmentBy(slide, segment, -1),
        SegmentAction.MoveDown => MoveSegmentBy(slide, segment, 1),
        SegmentAction.AddAfter => AddSegmentAfter(slide, segment),
        SegmentAction.SplitHere => SplitAt(slide, segment),
        _ => DeleteSegment(slide, segment),
    };

    /// <summary>A segment's own edit (its text or pause); the rows stay, with what is typed in them.</summary>
    private async Task<string?> EditSegmentAsync(SegmentEdit edit)
    {
        if (Script is not { } script)
        {
            return null;
        }

        string? problem = null;
        try
        {
            var edited = edit.Apply(script);
            if (!ReferenceEquals(edited, script) && await Commit(edited, edit.Announcement, edit.Focus) is { } refused)
            {
                problem = refused;
                status = edit.Quiet ? "" : status;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            status = L["SlidesEditRefused", e.Message];
        }

        StateHasChanged();
        return problem;
    }
}
