using Course.Web.Chapters;
using Course.Web.Narration;
using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// The lines trimmed in one editor (decision 8): each line's clip before and after, so "Undo trim" can put the
/// original back while the line still has the trimmed clip. Kept for the editor's life only; the original stays
/// stored either way.
/// </summary>
public sealed class LineTrims
{
    private readonly Dictionary<(string Key, int Line), (string Original, string Trimmed)> trims = [];

    public void Remember(DraftLineClip line, string original, string trimmed) => trims[(line.SlideKey, line.Line)] = (original, trimmed);

    /// <summary>The clip the line had before it was trimmed, while it still has the trimmed clip; else null.</summary>
    public string? OriginalOf(DraftLineClip line) =>
        trims.TryGetValue((line.SlideKey, line.Line), out var trim) && trim.Trimmed == line.ClipHash ? trim.Original : null;

    public void Forget(DraftLineClip line) => trims.Remove((line.SlideKey, line.Line));

    /// <summary>What the instructor is told: a problem (the panel's alert) or what happened (its status).</summary>
    public static (string? Message, string? Status) Describe(ClipTrim trim, string where, IStringLocalizer<SharedResource> l) => trim switch
    {
        ClipTrim.Trimmed t => (null, l["NarrationTrimmed", where, PauseText.Seconds(t.BeforeMilliseconds - t.AfterMilliseconds),
            PauseText.Seconds(t.BeforeMilliseconds), PauseText.Seconds(t.AfterMilliseconds)]),
        ClipTrim.NothingToTrim => (null, l["NarrationNothingToTrim", where]),
        ClipTrim.AllSilent => (null, l["NarrationAllSilent", where]),
        ClipTrim.TooLong => (l["NarrationTrimTooLong", where], null),
        _ => (l["NarrationCannotTrim", where], null),
    };
}
