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

    public static string Outline(string course, string chapter) =>
        $"/courses/{Uri.EscapeDataString(course)}/chapters/{Uri.EscapeDataString(chapter)}";

    /// <summary>The key under which a browser remembers its position in a chapter.</summary>
    public static string ProgressKey(string course, string chapter) => $"{course}/{chapter}";
}
