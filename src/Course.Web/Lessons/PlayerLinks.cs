namespace Course.Web.Lessons;

/// <summary>Addresses of the player, in one place.</summary>
public static class PlayerLinks
{
    public static string Slide(string course, string chapter, int slide, int segment = 1, bool play = false)
    {
        var url = $"/courses/{Uri.EscapeDataString(course)}/chapters/{Uri.EscapeDataString(chapter)}/slides/{slide}";
        var query = new List<string>();
        if (segment > 1)
        {
            query.Add($"segment={segment}");
        }

        if (play)
        {
            query.Add("play=1");
        }

        return query.Count == 0 ? url : url + "?" + string.Join('&', query);
    }

    /// <summary>The player at the slide that teaches a question, with a way back to the quiz.</summary>
    public static string Review(string course, string chapter, int slide, string quiz, string question) =>
        $"{Slide(course, chapter, slide)}?quiz={Uri.EscapeDataString(quiz)}&question={Uri.EscapeDataString(question)}";

    public static string Quiz(string course, string chapter, string quiz, string? then = null) =>
        $"/courses/{Uri.EscapeDataString(course)}/chapters/{Uri.EscapeDataString(chapter)}/quizzes/{Uri.EscapeDataString(quiz)}"
        + (then is null ? "" : "?then=" + Uri.EscapeDataString(then));

    /// <summary>Only addresses inside the course pages may be returned to (no open redirects).</summary>
    public static bool IsSafeReturn(string? url) =>
        Accounts.ReturnUrls.IsLocal(url) && url.StartsWith("/courses/", StringComparison.Ordinal);

    public static string Outline(string course, string chapter) =>
        $"/courses/{Uri.EscapeDataString(course)}/chapters/{Uri.EscapeDataString(chapter)}";

    /// <summary>The chapter's transcript, at a slide's text when given.</summary>
    public static string Transcript(string course, string chapter, int? slide = null) =>
        $"{Outline(course, chapter)}/transcript" + (slide is null ? "" : $"#transcript-{slide}");

    /// <summary>The key under which a browser remembers its position in a chapter.</summary>
    public static string ProgressKey(string course, string chapter) => $"{course}/{chapter}";
}
