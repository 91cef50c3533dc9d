using Course.Core.Scripts;

namespace Course.Core.Authoring;

/// <summary>A chapter's (or a course's) details, as any path gives them; null where not given.</summary>
public sealed record ChapterMetadata(string? Title, string? Language, string? Slug, string? Description);

[Flags]
public enum MetadataFields
{
    None = 0,
    Title = 1,
    Language = 2,
    Slug = 4,
    Description = 8,
}

/// <summary>What is wrong with one field: its name, a code the UI translates (null for "missing") and the English text.</summary>
public sealed record MetadataFieldProblem(string Field, ScriptErrorCode? Code, string Message, IReadOnlyList<string> Arguments)
{
    /// <summary>"language: 'x y' is not a language tag such as es, en or es-ES".</summary>
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>
/// The one set of rules for a chapter's title, language, slug and description, used by every path that
/// takes them: the CLI import, the studio's forms and writes, course packages and quiz files. A value's own
/// rules (length, language tag, slug form) are the parser's, so front matter is held to the same ones.
/// </summary>
public static class ChapterMetadataRules
{
    public const string Missing = "missing";

    /// <summary>
    /// Every problem, field by field in the order title, language, slug, description. A field in
    /// <paramref name="required"/> that is null or blank is missing; one not required may be left out.
    /// </summary>
    public static IReadOnlyList<MetadataFieldProblem> Check(ChapterMetadata metadata, MetadataFields required = MetadataFields.None)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var problems = new List<MetadataFieldProblem>();
        foreach (var (field, flag, value) in new[]
        {
            ("title", MetadataFields.Title, metadata.Title),
            ("language", MetadataFields.Language, metadata.Language),
            ("slug", MetadataFields.Slug, metadata.Slug),
            ("description", MetadataFields.Description, metadata.Description),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required.HasFlag(flag))
                {
                    problems.Add(new MetadataFieldProblem(field, null, Missing, []));
                }
            }
            else if (CheckField(field, value) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    /// <summary>One given value of "title", "language", "slug" or "description"; null when it is valid.</summary>
    public static MetadataFieldProblem? CheckField(string field, string value) =>
        MetadataRules.Check(field, value) is { } problem
            ? new MetadataFieldProblem(field, problem.Code, problem.Message, problem.Arguments)
            : null;
}
