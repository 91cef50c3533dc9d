using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>How the editor says a slide's or a chapter's length: "5.4 s", or "2:05 min" from a minute on.</summary>
public static class Timing
{
    public static string Duration(IStringLocalizer localizer, int milliseconds) =>
        milliseconds < 60_000
            ? localizer["Seconds", Shared.Durations.Seconds(milliseconds)]
            : localizer["StudioMinutesSeconds", milliseconds / 60_000, (milliseconds % 60_000 / 1000).ToString("00", CultureInfo.CurrentCulture)];

    /// <summary>A slide's share of the timeline's width; every slide keeps at least a sliver.</summary>
    public static string Share(int milliseconds, int total) =>
        (total <= 0 ? 1 : Math.Max(1, milliseconds)).ToString(CultureInfo.InvariantCulture);
}
