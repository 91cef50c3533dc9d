namespace Course.Web.Studio;

/// <summary>Addresses of the studio's pages and endpoints, in one place (as <c>PlayerLinks</c> is for the player).</summary>
public static class StudioLinks
{
    public const string Home = "/studio";

    public const string Analytics = "/studio/analytics";

    /// <summary>Where studio.js uploads a script or Markdown file to import.</summary>
    public const string Import = "/studio/import";

    /// <summary>Where studio.js uploads a course package.</summary>
    public const string Packages = "/studio/packages";

    public static string Editor(int chapterId) => $"/studio/chapters/{chapterId}";

    /// <summary>Where the editor's background save (on hiding or closing the page) posts the draft.</summary>
    public static string Draft(int chapterId) => $"{Editor(chapterId)}/draft";

    public static string History(int chapterId) => $"{Editor(chapterId)}/history";

    /// <summary>The history page comparing two texts: a version number, or "draft" / a version for <paramref name="to"/>.</summary>
    public static string Compare(int chapterId, int from, string to) =>
        $"{History(chapterId)}?from={from}&to={Uri.EscapeDataString(to)}#compare-title";

    public static string Quizzes(int chapterId) => $"{Editor(chapterId)}/quizzes";

    /// <summary>A download of the chapter as <paramref name="format"/> (script, markdown, ssml), published or draft.</summary>
    public static string Export(int chapterId, string format, bool draft = false) =>
        $"{Editor(chapterId)}/export?format={Uri.EscapeDataString(format)}" + (draft ? "&source=draft" : "");

    /// <summary>The analytics page at one chapter's section.</summary>
    public static string AnalyticsOf(int chapterId) => $"{Analytics}#chapter-{chapterId}";

    /// <summary>One of a chapter's analytics tables as CSV, without the ".csv" ending.</summary>
    public static string AnalyticsCsv(string course, string chapter) =>
        $"{Analytics}/{Uri.EscapeDataString(course)}/{Uri.EscapeDataString(chapter)}";

    public static string Package(int courseId) => $"/studio/courses/{courseId}/package";
}
