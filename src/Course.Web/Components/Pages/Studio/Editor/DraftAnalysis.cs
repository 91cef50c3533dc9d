using Course.Core.Scripts;
using Course.Web.Chapters;
using Course.Web.Catalog;
using Course.Web.Studio;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// What the editor shows about its text: the latest parse, the last one without errors (whose figures and
/// preview stay while the script has an error), and the slide under the caret, which the preview plays.
/// </summary>
public sealed class DraftAnalysis
{
    private int caretLine = 1;

    public ScriptAnalysis Current { get; private set; } = new([], [], 0, null);

    public ScriptAnalysis? LastGood { get; private set; }

    public int CaretSlide { get; set; } = 1;

    /// <summary>The slide count, durations and timeline: of the script as typed, or of the last one without errors.</summary>
    public ScriptAnalysis? Figures => Current.Succeeded ? Current : LastGood;

    // A script with errors still previews its slides without any (the others show a notice), else the last good version.
    public ChapterView? PreviewView => Current.Preview ?? LastGood?.Preview;

    public int PreviewSlide => Math.Clamp(CaretSlide, 1, Math.Max(1, PreviewView?.Slides.Count ?? 1));

    public SlideView? PreviewSlideView => PreviewView is { } view && view.Slides.Count > 0 ? view.Slides[PreviewSlide - 1] : null;

    /// <summary>A new player whenever the slide shown, or what it says, changes; typing elsewhere leaves it playing.</summary>
    public string PreviewKey => PreviewSlideView is { } slide
        ? $"{PreviewSlide}:{string.Join("\u0001", slide.Segments.Select(s => s.Text + "\u0002" + s.PauseMilliseconds))}"
        : "none";

    /// <summary>Analyses the text from its one parse (the slides view's, when it made one of this text).</summary>
    public void Analyse(ParsedScript parsed, DraftView draft, string brokenSlideText)
    {
        Current = ScriptAnalysis.Of(parsed, draft.CourseSlug, draft.ChapterSlug, draft.Title, draft.Language, brokenSlideText);
        if (Current.Succeeded)
        {
            LastGood = Current;
        }

        CaretSlide = Current.SlideAtLine(caretLine);
    }

    /// <summary>Until the draft parses, the preview shows the version learners have.</summary>
    public void FallBackToPublished(DraftView draft)
    {
        if (!Current.Succeeded && draft.PublishedText.Length > 0)
        {
            var published = ScriptAnalysis.Of(draft.PublishedText, draft.CourseSlug, draft.ChapterSlug, draft.Title, draft.Language);
            LastGood = published.Succeeded ? published : null;
        }
    }

    /// <summary>The caret moved; answers whether it moved to another slide.</summary>
    public bool MoveCaret(int line)
    {
        caretLine = Math.Max(1, line);
        var slide = Current.SlideAtLine(caretLine);
        if (slide == CaretSlide)
        {
            return false;
        }

        CaretSlide = slide;
        return true;
    }
}
