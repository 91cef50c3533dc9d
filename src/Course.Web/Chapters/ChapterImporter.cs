using System.Globalization;
using System.Text;
using Course.Core.Scripts;
using Course.Web.Catalog;
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
/// Stores a parsed script as a new chapter in one transaction: either the whole chapter is saved
/// or nothing changes.
/// </summary>
public sealed class ChapterImporter(IDbContextFactory<CourseDbContext> contextFactory, CatalogChanges changes, TimeProvider clock)
{
    /// <summary>Who published or saved what came from a file rather than from someone in the studio.</summary>
    public const string ImportedBy = "import";

    public async Task<ChapterImportResult> ImportAsync(ChapterImportRequest request, CancellationToken cancellationToken = default)
    {
        var metadata = request.Script.Metadata;
        var title = request.Title ?? metadata.Title;
        var language = request.Language ?? metadata.Language;
        var description = request.Description ?? metadata.Description;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add("the chapter needs a title: give --title or a 'title:' line in the script's front matter");
        }

        var slug = request.Slug ?? metadata.Slug ?? (title is null ? null : Slugs.FromTitle(title));
        foreach (var (key, value) in new[] { ("title", title), ("language", language), ("slug", slug), ("description", description) })
        {
            if (value is not null && ScriptParser.CheckMetadata(key, value) is { } problem)
            {
                errors.Add($"{key}: {problem.Message}");
            }
        }

        if (errors.Count > 0)
        {
            return ChapterImportResult.Failed([.. errors]);
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

        var number = course.Id == 0
            ? 1
            : 1 + (await db.Chapters.Where(c => c.CourseId == course.Id).MaxAsync(c => (int?)c.Number, cancellationToken) ?? 0);
        var chapter = new Chapter
        {
            Course = course,
            Number = number,
            Slug = slug!,
            Title = title!,
            Language = language ?? course.Language,
            Description = description,
            Status = request.Publish ? ChapterStatus.Published : ChapterStatus.Draft,
            Version = Guid.NewGuid(),
            CreatedAt = now,
            UpdatedAt = now,
            PublishedAt = request.Publish ? now : null,
            Slides = ChapterContent.ToSlides(request.Script),
        };
        ChapterContent.UpdateTotals(chapter, request.Script);
        db.Chapters.Add(chapter);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (request.Publish)
        {
            // Published on import: version 1 in the studio's history, like any publish.
            db.ChapterVersions.Add(new ChapterVersion
            {
                ChapterId = chapter.Id,
                Number = 1,
                ScriptText = ScriptWriter.Write(request.Script, includeMetadata: false),
                PublishedBy = ImportedBy,
                PublishedAt = now,
                SlideCount = request.Script.Slides.Count,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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
