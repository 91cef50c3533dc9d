using Course.Core.Authoring;
using Course.Core.Scripts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>What a segment's buttons ask of the slides view (which owns the script's structure).</summary>
public enum SegmentAction
{
    MoveUp,
    MoveDown,
    AddAfter,
    SplitHere,
    Delete,
}

/// <summary>What a slide's buttons ask of the slides view.</summary>
public enum SlideAction
{
    MoveUp,
    MoveDown,
    AddAfter,
    MergeWithNext,
    Delete,
}

/// <summary>An edit of the script from one segment, for the slides view to write back; Quiet: no announcement if refused.</summary>
public sealed record SegmentEdit(Func<ChapterScript, ChapterScript> Apply, string? Announcement, string? Focus, bool Quiet = false);

/// <summary>
/// One segment of the slides view. Its text as typed (and what is wrong with it), and a pause typed out of
/// range, stay here until the script takes them, or until a structural edit moves the segments (a new
/// <see cref="Generation"/>).
/// </summary>
public sealed partial class SegmentRow : ComponentBase
{
    /// <summary>The pause given to a segment that had none.</summary>
    internal const int NewPauseMilliseconds = 500;

    private string? textDraft;
    private string? textProblem;
    private string? pauseProblem;
    private int seenGeneration;

    /// <summary>Changes when the slides view restructured the script: what was typed here belonged to another segment.</summary>
    [Parameter]
    public int Generation { get; set; }

    [Parameter, EditorRequired]
    public int Slide { get; set; }

    [Parameter, EditorRequired]
    public int Segment { get; set; }

    [Parameter, EditorRequired]
    public ScriptSegment Item { get; set; } = null!;

    /// <summary>How many segments the slide has (its last one cannot be deleted).</summary>
    [Parameter]
    public int SegmentCount { get; set; }

    [Parameter]
    public bool CanMoveUp { get; set; }

    [Parameter]
    public bool CanMoveDown { get; set; }

    [Parameter]
    public string Language { get; set; } = "en";

    [Parameter]
    public bool DropTarget { get; set; }

    /// <summary>The id of the "more" menu open in the slides view, if any.</summary>
    [Parameter]
    public string? OpenMenu { get; set; }

    /// <summary>The slides view's elements by id, to put the focus back after an edit.</summary>
    [Parameter, EditorRequired]
    public Dictionary<string, ElementReference> Elements { get; set; } = null!;

    /// <summary>Writes an edit back into the script; answers the parser's complaint when the edit would break it.</summary>
    [Parameter, EditorRequired]
    public Func<SegmentEdit, Task<string?>> Edit { get; set; } = null!;

    [Parameter]
    public EventCallback<SegmentAction> OnAction { get; set; }

    [Parameter]
    public EventCallback<string> OnToggleMenu { get; set; }

    [Parameter]
    public EventCallback<KeyboardEventArgs> OnMenuKey { get; set; }

    [Parameter]
    public EventCallback OnDragStart { get; set; }

    [Parameter]
    public EventCallback OnDragEnter { get; set; }

    [Parameter]
    public EventCallback OnDrop { get; set; }

    [Parameter]
    public EventCallback OnDragEnd { get; set; }

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    protected override void OnParametersSet()
    {
        if (Generation != seenGeneration)
        {
            seenGeneration = Generation;
            textDraft = textProblem = pauseProblem = null;
        }
    }

    private string RowClass => (Item.ContinuesLine ? "segment-row segment-row--continues" : "segment-row") + (DropTarget ? " drop-target" : "");

    private async Task OnTextInput(ChangeEventArgs e)
    {
        var value = e.Value?.ToString() ?? "";
        textDraft = value;
        var check = ScriptEdits.CheckSegmentText(value, Item.Pause is not null);
        if (!check.IsValid)
        {
            textProblem = TextProblem(check);
            return;
        }

        var (slide, segment) = (Slide, Segment);
        var problem = await Edit(new SegmentEdit(s => ScriptEdits.SetSegmentText(s, slide, segment, value), null, null, Quiet: true));
        textProblem = problem is null ? null : L["SlidesTextInvalid", problem].Value;
    }

    /// <summary>Leaving the field shows its text as the script now holds it, unless it still has a problem to fix.</summary>
    private void OnTextCommitted()
    {
        if (textProblem is null)
        {
            textDraft = null;
        }
    }

    private string TextProblem(SegmentTextCheck check) => check.Problem switch
    {
        SegmentTextProblem.LineBreak => L["SlidesTextLineBreak"],
        SegmentTextProblem.Empty => L["SlidesTextEmpty"],
        SegmentTextProblem.ContainsBreak => L["SlidesTextBreak"],
        _ => L["SlidesTextInvalid", check.Error is { } error ? ScriptErrorText.Say(L, error).Text : check.Detail ?? ""],
    };

    private Task AddPause() =>
        SetPause(Pause.FromMilliseconds(NewPauseMilliseconds), SlidesMarkup.SegmentId(Slide, Segment, "seconds"));

    private Task RemovePause() => SetPause(null, SlidesMarkup.SegmentId(Slide, Segment, "add-pause"));

    private Task OnSecondsChanged(ChangeEventArgs e)
    {
        if (PauseText.ReadMilliseconds(e.Value?.ToString()) is not { } milliseconds)
        {
            pauseProblem = L["SlidesPauseOutOfRange", Pause.MaxMilliseconds / 1000];
            return Task.CompletedTask;
        }

        pauseProblem = null;
        var current = Item.Pause;
        return current?.Milliseconds == milliseconds && !PauseText.IsStrength(current)
            ? Task.CompletedTask
            : SetPause(Pause.FromMilliseconds(milliseconds), null);
    }

    private Task OnStrengthChanged(ChangeEventArgs e)
    {
        var current = Item.Pause;
        var value = e.Value?.ToString();
        if (current is null || value == PauseText.StrengthOption(current))
        {
            return Task.CompletedTask;
        }

        pauseProblem = null;
        return BreakStrengths.TryParse(value ?? "", out var strength)
            ? SetPause(Pause.FromStrength(strength), null)
            : SetPause(Pause.FromMilliseconds(current.Milliseconds), null);
    }

    private Task SetPause(Pause? pause, string? focus)
    {
        var (slide, segment) = (Slide, Segment);
        var announcement = pause is null
            ? L["SlidesStatusPauseRemoved", segment + 1, slide + 1]
            : L["SlidesStatusPauseSet", segment + 1, slide + 1, PauseText.Seconds(pause.Milliseconds)];
        return Edit(new SegmentEdit(s => ScriptEdits.SetPause(s, slide, segment, pause), announcement, focus));
    }
}
