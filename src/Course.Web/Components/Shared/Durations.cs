namespace Course.Web.Components.Shared;

/// <summary>How durations read on pages: whole minutes for chapters, seconds for slides.</summary>
public static class Durations
{
    public static int Minutes(int milliseconds) => Math.Max(1, (int)Math.Round(milliseconds / 60_000.0));

    /// <summary>How long a chapter takes, as a reader would say it: "14 min", or "18 s" under a minute.</summary>
    public static string Length(Microsoft.Extensions.Localization.IStringLocalizer localizer, int milliseconds) =>
        milliseconds < 59_500
            ? localizer["Seconds", Math.Max(1, (int)Math.Round(milliseconds / 1000.0))]
            : localizer["Minutes", Minutes(milliseconds)];

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
