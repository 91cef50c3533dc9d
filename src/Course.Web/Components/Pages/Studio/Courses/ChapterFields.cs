using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Studio.Courses;

/// <summary>A chapter's title and language as the studio's forms check them before asking the server.</summary>
internal static class ChapterFields
{
    internal static readonly string[] CommonLanguages = ["es", "en", "pt", "fr", "de", "it", "ca"];

    public static string? Problem(IStringLocalizer localizer, string title, string language)
    {
        if (title.Length == 0)
        {
            return localizer["StudioTitleRequired"];
        }

        if (ScriptErrorText.SayMetadataProblem(localizer, "title", title) is { } titleProblem)
        {
            return titleProblem;
        }

        if (language.Length == 0)
        {
            return localizer["StudioLanguageRequired"];
        }

        return ScriptErrorText.SayMetadataProblem(localizer, "language", language);
    }
}
