using System.Text.RegularExpressions;

namespace Course.Core.Scripts;

/// <summary>Front matter: '---', then 'key: value' lines, then '---'.</summary>
public static partial class ScriptParser
{
    private static (ScriptMetadata Metadata, int BodyStart) ParseFrontMatter(List<string> lines, List<ScriptError> errors)
    {
        var close = lines.FindIndex(1, line => TrimTrailingWhitespace(line) == FrontMatterFence);
        if (close < 0)
        {
            errors.Add(ScriptError.Of(1, 1, ScriptErrorCode.FrontMatterNotClosed, "the front matter opened with '---' is never closed: add a line '---' after it"));
            return (ScriptMetadata.Empty, lines.Count);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < close && errors.Count <= MaxErrors; i++)
        {
            var line = TrimTrailingWhitespace(lines[i]);

            if (line.Length == 0)
            {
                continue;
            }

            var match = FrontMatterLine().Match(line);
            if (!match.Success)
            {
                errors.Add(ScriptError.Of(i + 1, 1, ScriptErrorCode.FrontMatterExpectedKeyValue, "expected 'key: value' in the front matter (or '---' to close it)"));
                continue;
            }

            var key = match.Groups["key"].Value;
            var value = match.Groups["value"].Value.Trim();
            var rawValue = match.Groups["value"];
            var valueColumn = Column(line, rawValue.Index + (rawValue.Length - rawValue.Value.TrimStart().Length));
            if (!MetadataKeys.Contains(key))
            {
                errors.Add(ScriptError.Of(i + 1, 1, ScriptErrorCode.FrontMatterUnknownKey, $"unknown front matter key '{key}' (known keys: {string.Join(", ", MetadataKeys)})",
                    key, string.Join(", ", MetadataKeys)));
            }
            else if (values.ContainsKey(key))
            {
                errors.Add(ScriptError.Of(i + 1, 1, ScriptErrorCode.FrontMatterKeyTwice, $"front matter key '{key}' is given twice", key));
            }
            else if (value.Length == 0)
            {
                errors.Add(ScriptError.Of(i + 1, valueColumn, ScriptErrorCode.FrontMatterNoValue, $"front matter key '{key}' has no value", key));
            }
            else if (CheckMetadata(key, value) is { } problem)
            {
                errors.Add(ScriptError.Of(i + 1, valueColumn, problem.Code, problem.Message, [.. problem.Arguments]));
            }
            else
            {
                values[key] = value;
            }
        }

        return (ToMetadata(values), close + 1);
    }

    /// <summary>The front matter keys, in the order the writer writes them.</summary>
    internal static readonly string[] MetadataKeys = ["title", "language", "slug", "description"];

    /// <summary>The longest title or description, in characters.</summary>
    public const int MaxMetadataLength = 300;

    /// <summary>The longest slug, in characters: it is part of every address of the chapter.</summary>
    public const int MaxSlugLength = 100;

    /// <summary>Checks one metadata value; null when it is valid. Shared with the importer's arguments and the studio's forms.</summary>
    public static MetadataProblem? CheckMetadata(string key, string value) => key switch
    {
        "slug" or "language" when value.Length > MaxSlugLength =>
            new(ScriptErrorCode.ValueTooLong, $"the {key} is longer than {MaxSlugLength} characters", [key, $"{MaxSlugLength}"]),
        "language" when !LanguageTag().IsMatch(value) =>
            new(ScriptErrorCode.NotALanguageTag, $"'{value}' is not a language tag such as es, en or es-ES", [value]),
        "slug" when !Slug().IsMatch(value) =>
            new(ScriptErrorCode.NotASlug, $"'{value}' is not a slug: use lowercase letters, digits and single hyphens", [value]),
        "title" when value.Length > MaxMetadataLength =>
            new(ScriptErrorCode.TitleTooLong, $"the title is longer than {MaxMetadataLength} characters", [$"{MaxMetadataLength}"]),
        "description" when value.Length > MaxMetadataLength =>
            new(ScriptErrorCode.DescriptionTooLong, $"the description is longer than {MaxMetadataLength} characters", [$"{MaxMetadataLength}"]),
        _ => null,
    };

    private static ScriptMetadata ToMetadata(Dictionary<string, string> values) =>
        new(values.GetValueOrDefault("title"), values.GetValueOrDefault("language"),
            values.GetValueOrDefault("slug"), values.GetValueOrDefault("description"));

    [GeneratedRegex(@"^(?<key>[a-z][a-z0-9-]*)\s*:(?<value>.*)$")]
    private static partial Regex FrontMatterLine();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
