using System.Text.RegularExpressions;

namespace Course.Core.Scripts;

/// <summary>
/// What a chapter's title, language, slug and description may be: the front matter's rules, shared with the
/// importer's arguments and the studio's forms.
/// </summary>
public static partial class MetadataRules
{
    /// <summary>The front matter keys, in the order the writer writes them.</summary>
    internal static readonly string[] Keys = ["title", "language", "slug", "description"];

    /// <summary>The longest title or description, in characters.</summary>
    public const int MaxLength = 300;

    /// <summary>The longest slug, in characters: it is part of every address of the chapter.</summary>
    public const int MaxSlugLength = 100;

    /// <summary>Checks one metadata value; null when it is valid.</summary>
    public static MetadataProblem? Check(string key, string value) => key switch
    {
        "slug" or "language" when value.Length > MaxSlugLength =>
            new(ScriptErrorCode.ValueTooLong, $"the {key} is longer than {MaxSlugLength} characters", [key, $"{MaxSlugLength}"]),
        "language" when !LanguageTag().IsMatch(value) =>
            new(ScriptErrorCode.NotALanguageTag, $"'{value}' is not a language tag such as es, en or es-ES", [value]),
        "slug" when !Slug().IsMatch(value) =>
            new(ScriptErrorCode.NotASlug, $"'{value}' is not a slug: use lowercase letters, digits and single hyphens", [value]),
        "title" when value.Length > MaxLength =>
            new(ScriptErrorCode.TitleTooLong, $"the title is longer than {MaxLength} characters", [$"{MaxLength}"]),
        "description" when value.Length > MaxLength =>
            new(ScriptErrorCode.DescriptionTooLong, $"the description is longer than {MaxLength} characters", [$"{MaxLength}"]),
        _ => null,
    };

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
