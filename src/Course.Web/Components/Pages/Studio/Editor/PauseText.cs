using System.Globalization;
using System.Text.RegularExpressions;
using Course.Core.Scripts;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>How the slides view reads and shows a pause: seconds as typed, and the strength a break was written with.</summary>
public static partial class PauseText
{
    /// <summary>The strength choice that means "a time in seconds".</summary>
    public const string TimeOption = "time";

    /// <summary>"1.5" or "1,5" (as Spanish writes it), with or without a trailing "s"; null when not a number of seconds in range.</summary>
    public static int? ReadMilliseconds(string? typed)
    {
        var text = (typed ?? "").Trim().TrimEnd('s', 'S').Trim().Replace(',', '.');
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds > Pause.MaxMilliseconds / 1000m) // compared in seconds: a 29-digit entry times 1000 overflows
        {
            return null;
        }

        return (int)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
    }

    /// <summary>The strength a break was written with (a bare &lt;break/&gt; is medium), or "time".</summary>
    public static string StrengthOption(Pause pause)
    {
        if (StrengthAttribute().Match(pause.Markup) is { Success: true } match)
        {
            return match.Groups[1].Value;
        }

        return TimeAttribute().IsMatch(pause.Markup) ? TimeOption : BreakStrengths.Name(BreakStrength.Medium);
    }

    public static bool IsStrength(Pause pause) => StrengthOption(pause) != TimeOption;

    public static string Seconds(int milliseconds) =>
        (milliseconds / 1000m).ToString("0.0##", CultureInfo.CurrentCulture);

    public static string InvariantSeconds(int milliseconds) =>
        (milliseconds / 1000m).ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex("""strength\s*=\s*["']([a-z-]+)["']""")]
    private static partial Regex StrengthAttribute();

    [GeneratedRegex("""time\s*=""")]
    private static partial Regex TimeAttribute();
}
