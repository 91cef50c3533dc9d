using Course.Core.Authoring;

namespace Course.Core.Tests.Authoring;

public class ChapterMetadataRulesTests
{
    private static readonly string Long300 = new('t', 300);
    private static readonly string Long301 = new('t', 301);

    /// <summary>Title, language, slug, description, required fields → every problem as "field: message", joined by " | ".</summary>
    public static TheoryData<string?, string?, string?, string?, MetadataFields, string> Cases => new()
    {
        { "Tokens", "es", "tokens", "Qué es un token.", MetadataFields.None, "" },
        { null, null, null, null, MetadataFields.None, "" },
        { null, null, null, null, MetadataFields.Title | MetadataFields.Language | MetadataFields.Slug, "title: missing | language: missing | slug: missing" },
        { "   ", "es", "tokens", null, MetadataFields.Title, "title: missing" },
        { "Tokens", "es-ES", "tokens-2", null, MetadataFields.Title | MetadataFields.Language | MetadataFields.Slug, "" },
        { "Tokens", "pt-BR-x1", "a-b-c", null, MetadataFields.None, "" },
        { "Tokens", "e", null, null, MetadataFields.None, "language: 'e' is not a language tag such as es, en or es-ES" },
        { "Tokens", "es_ES", null, null, MetadataFields.None, "language: 'es_ES' is not a language tag such as es, en or es-ES" },
        { "Tokens", "es ES", null, null, MetadataFields.None, "language: 'es ES' is not a language tag such as es, en or es-ES" },
        { "Tokens", null, "Tokens", null, MetadataFields.None, "slug: 'Tokens' is not a slug: use lowercase letters, digits and single hyphens" },
        { "Tokens", null, "a--b", null, MetadataFields.None, "slug: 'a--b' is not a slug: use lowercase letters, digits and single hyphens" },
        { "Tokens", null, "-a", null, MetadataFields.None, "slug: '-a' is not a slug: use lowercase letters, digits and single hyphens" },
        { "Tokens", null, new string('a', 100), null, MetadataFields.None, "" },
        { "Tokens", null, new string('a', 101), null, MetadataFields.None, "slug: the slug is longer than 100 characters" },
        { Long300, null, null, Long300, MetadataFields.None, "" },
        { Long301, null, null, null, MetadataFields.None, "title: the title is longer than 300 characters" },
        { "Tokens", null, null, Long301, MetadataFields.None, "description: the description is longer than 300 characters" },
        { Long301, "x y", "X", Long301, MetadataFields.None,
            "title: the title is longer than 300 characters | language: 'x y' is not a language tag such as es, en or es-ES | slug: 'X' is not a slug: use lowercase letters, digits and single hyphens | description: the description is longer than 300 characters" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_path_gets_the_same_field_named_problems(string? title, string? language, string? slug, string? description, MetadataFields required, string expected)
    {
        var problems = ChapterMetadataRules.Check(new ChapterMetadata(title, language, slug, description), required);

        Assert.Equal(expected, string.Join(" | ", problems));
    }

    [Theory]
    [InlineData("language", "e", "NotALanguageTag")]
    [InlineData("slug", "A", "NotASlug")]
    [InlineData("title", null, null)]
    public void A_problem_carries_a_code_the_UI_translates_and_missing_has_none(string field, string? value, string? code)
    {
        var problem = Assert.Single(ChapterMetadataRules.Check(
            new ChapterMetadata(field == "title" ? value : "T", field == "language" ? value : null, field == "slug" ? value : null, null),
            MetadataFields.Title));

        Assert.Equal(field, problem.Field);
        Assert.Equal(code, problem.Code?.ToString());
    }
}
