using Course.Core.Authoring;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Studio;

/// <summary>A course's details as an instructor types them.</summary>
public sealed record CourseDetails(string Title, string Language, string? Description)
{
    /// <summary>The first problem with these details (title, language, description, by the rules chapters follow), or null.</summary>
    public string? Problem() =>
        ChapterMetadataRules.Check(new ChapterMetadata(Title, Language, null, Description), MetadataFields.Title) is [var problem, ..]
            ? problem.ToString()
            : null;
}

/// <summary>
/// Courses in the studio: created with a slug from the title (free in this instance, never changed after,
/// so links keep working) and renamed. One short-lived context per operation.
/// </summary>
public sealed class CourseStudio(IDbContextFactory<CourseDbContext> contextFactory, CatalogChanges changes, TimeProvider clock)
{
    /// <returns>The new course's id.</returns>
    /// <exception cref="ArgumentException">The details have a problem (the studio's form checks them first).</exception>
    public async Task<int> CreateAsync(CourseDetails details, CancellationToken cancellationToken = default)
    {
        details = Clean(details);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var wanted = Slugs.FromTitle(details.Title);
        var slug = wanted;
        for (var n = 2; await db.Courses.AnyAsync(c => c.Slug == slug, cancellationToken); n++)
        {
            slug = $"{wanted}-{n}";
        }

        var course = new CourseEntity
        {
            Slug = slug,
            Title = details.Title,
            Language = details.Language,
            Description = details.Description,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Courses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        await changes.ChapterChangedAsync(cancellationToken);
        return course.Id;
    }

    /// <summary>Title, language and description; the slug stays. False when there is no such course.</summary>
    /// <exception cref="ArgumentException">The details have a problem (the studio's form checks them first).</exception>
    public async Task<bool> UpdateAsync(int courseId, CourseDetails details, CancellationToken cancellationToken = default)
    {
        details = Clean(details);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (course is null)
        {
            return false;
        }

        course.Title = details.Title;
        course.Language = details.Language;
        course.Description = details.Description;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Rendered chapters carry their course's title: new view versions (not the chapters' own, which
        // editors hold as their concurrency token). Cache keys hold the chapter's id too, so one value serves all.
        var version = Guid.NewGuid();
        await db.Chapters.Where(c => c.CourseId == courseId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ViewVersion, version), cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        await changes.ChapterChangedAsync(cancellationToken);
        return true;
    }

    private static CourseDetails Clean(CourseDetails details)
    {
        var clean = new CourseDetails(details.Title.Trim(), details.Language.Trim(),
            string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim());
        return clean.Problem() is { } problem ? throw new ArgumentException(problem, nameof(details)) : clean;
    }
}
