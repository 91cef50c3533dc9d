namespace Course.Web.Components.Shared;

/// <summary>How durations read on pages: whole minutes for chapters, seconds for slides.</summary>
public static class Durations
{
    public static int Minutes(int milliseconds) => Math.Max(1, (int)Math.Round(milliseconds / 60_000.0));

    public static string Seconds(int milliseconds) =>
        (milliseconds / 1000.0).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture);

    public static string LanguageName(string tag)
    {
        try
        {
            var name = System.Globalization.CultureInfo.GetCultureInfo(tag).NativeName;
            return char.ToUpper(name[0], System.Globalization.CultureInfo.CurrentCulture) + name[1..];
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return tag;
        }
    }
}
