using System.Globalization;
using System.Text;
using Course.Core.Authoring;
using Course.Core.Scripts;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Chapters;

/// <summary>What to import and where; arguments win over the script's own front matter.</summary>
public sealed record ChapterImportRequest(
    string CourseSlug,
    ChapterScript Script,
    string? Title = null,
    string? Language = null,
    string? Slug = null,
    string? Description = null,
    bool Publish = false,
    string? NewCourseTitle = null);

public sealed record ChapterImportResult(Chapter? Chapter, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Chapter is not null;

    public static ChapterImportResult Failed(params string[] errors) => new(null, errors);
}

/// <summary>
/// Stores a parsed script as a new chapter (through <see cref="ChapterStore"/>) in one transaction, creating
/// its course if asked: either the whole chapter is saved or nothing changes.
/// </summary>
public sealed class ChapterImporter(IDbContextFactory<CourseDbContext> contextFactory, ChapterStore store, IChapterChanges changes, TimeProvider clock)
{
    /// <summary>Who published or saved what came from a file rather than from someone in the studio.</summary>
    public const string ImportedBy = "import";

    public async Task<ChapterImportResult> ImportAsync(ChapterImportRequest request, CancellationToken cancellationToken = default)
    {
        var metadata = request.Script.Metadata;
        var title = request.Title ?? metadata.Title;
        var language = request.Language ?? metadata.Language;
        var description = request.Description ?? metadata.Description;
        var slug = request.Slug ?? metadata.Slug ?? (string.IsNullOrWhiteSpace(title) ? null : Slugs.FromTitle(title));
        var problems = ChapterMetadataRules.Check(new ChapterMetadata(title, language, slug, description), MetadataFields.Title);
        if (problems.Count > 0)
        {
            return ChapterImportResult.Failed([.. problems.Select(p => p.Field == "title" && p.Code is null
                ? "the chapter needs a title: give --title or a 'title:' line in the script's front matter"
                : p.ToString())]);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Slug == request.CourseSlug, cancellationToken);
        var now = clock.GetUtcNow();
        if (course is null)
        {
            if (request.NewCourseTitle is null)
            {
                return ChapterImportResult.Failed($"there is no course '{request.CourseSlug}': create it by giving its title with --course-title");
            }

            course = new CourseEntity
            {
                Slug = request.CourseSlug,
                Title = request.NewCourseTitle,
                Language = language ?? "en",
                CreatedAt = now,
            };
            db.Courses.Add(course);
        }
        else if (await db.Chapters.AnyAsync(c => c.CourseId == course.Id && c.Slug == slug, cancellationToken))
        {
            return ChapterImportResult.Failed($"course '{course.Slug}' already has a chapter '{slug}': choose another slug with --slug");
        }

        // Published on import: version 1 in the studio's history, like any publish.
        var chapter = await store.AddAsync(db, course, new NewChapter(slug!, title!, language ?? course.Language, description, ImportedBy)
        {
            Status = request.Publish ? ChapterStatus.Published : ChapterStatus.Draft,
            Slides = request.Script,
            PublishedAt = request.Publish ? now : null,
            Versions = request.Publish ? [new NewVersion(1, ScriptWriter.Write(request.Script, includeMetadata: false), ImportedBy, now)] : [],
        }, cancellationToken);
        await changes.ChapterChangedAsync(cancellationToken);
        return new ChapterImportResult(chapter, []);
    }
}

public static class Slugs
{
    /// <summary>"Desarrollo de software: ¡Básico!" → "desarrollo-de-software-basico".</summary>
    public static string FromTitle(string title)
    {
        var builder = new StringBuilder(title.Length);
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "chapter" : slug[..Math.Min(slug.Length, 80)].TrimEnd('-');
    }
}
