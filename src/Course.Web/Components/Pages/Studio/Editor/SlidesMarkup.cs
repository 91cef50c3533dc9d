using Microsoft.AspNetCore.Components;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>The slides view's element ids (what focus returns to after an edit) and button icons.</summary>
public static class SlidesMarkup
{
    public static string SlideId(int slide, string part) => $"slides-{slide + 1}-{part}";

    public static string SegmentId(int slide, int segment, string part) => $"slides-{slide + 1}-{segment + 1}-{part}";

    /// <summary>The small line icons on the buttons (fixed markup, no user text).</summary>
    public static MarkupString Icon(string name) => new(
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
