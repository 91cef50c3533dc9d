using Course.Core.Authoring;
using Course.Core.Scripts;
using Microsoft.AspNetCore.Components;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>The slides view's segments: moving (within a slide or into the next or previous one), adding, deleting, and their text.</summary>
public sealed partial class SlidesView
{
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

    private async Task OnTextInput(int slide, int segment, ChangeEventArgs e)
    {
        if (Script is not { } script)
        {
            return;
        }

        var key = (slide, segment);
        var value = e.Value?.ToString() ?? "";
        textDrafts[key] = value;
        var check = ScriptEdits.CheckSegmentText(value, script.Slides[slide].Segments[segment].Pause is not null);
        if (!check.IsValid)
        {
            textProblems[key] = TextProblem(check);
            return;
        }

        var edited = ScriptEdits.SetSegmentText(script, slide, segment, value);
        if (ReferenceEquals(edited, script))
        {
            textProblems.Remove(key);
            return;
        }

        if (await Commit(edited, null, null) is { } problem)
        {
            textProblems[key] = L["SlidesTextInvalid", problem];
            status = "";
        }
        else
        {
            textProblems.Remove(key);
        }
    }

    /// <summary>Leaving a field shows its text as the script now holds it, unless it still has a problem to fix.</summary>
    private void OnTextCommitted(int slide, int segment)
    {
        if (!textProblems.ContainsKey((slide, segment)))
        {
            textDrafts.Remove((slide, segment));
        }
    }

    private string TextProblem(SegmentTextCheck check) => check.Problem switch
    {
        SegmentTextProblem.LineBreak => L["SlidesTextLineBreak"],
        SegmentTextProblem.Empty => L["SlidesTextEmpty"],
        SegmentTextProblem.ContainsBreak => L["SlidesTextBreak"],
        _ => L["SlidesTextInvalid", check.Error is { } error ? ScriptErrorText.Say(L, error).Text : check.Detail ?? ""],
    };
}
