using Course.Core.Authoring;
using Course.Core.Scripts;
using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Studio;

/// <summary>A script problem in the reader's language: the resource "ScriptErr" + its code, else the parser's English.</summary>
internal static class ScriptErrorText
{
    /// <returns>The text, and whether it is translated (when not, it is English: pages mark it lang="en").</returns>
    public static (string Text, bool Translated) Say(IStringLocalizer localizer, ScriptError error)
    {
        if (error.Code is { } code && localizer["ScriptErr" + code, [.. error.Arguments]] is { ResourceNotFound: false } said)
        {
            return (said.Value, true);
        }

        return (error.Message, false);
    }

    /// <summary>What is wrong with a title, language, slug or description typed in a form, in the reader's language; null when nothing is.</summary>
    public static string? SayMetadataProblem(IStringLocalizer localizer, string key, string value) =>
        ChapterMetadataRules.CheckField(key, value) is { } problem
            ? localizer["ScriptErr" + problem.Code, [.. problem.Arguments]].Value
            : null;
}
