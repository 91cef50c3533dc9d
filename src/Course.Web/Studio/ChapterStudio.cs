using Course.Core.Authoring;
using Course.Core.Scripts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Progress;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Studio;

/// <summary>
/// The instructor studio's write side: drafts saved as text, each write checked against the chapter's content
/// revision (so concurrent editors meet a conflict instead of overwriting each other), publishing a draft atomically as a numbered version
/// (slides keep their keys where they continue, so learners keep their place), history and restore.
/// One short-lived context per operation.
/// </summary>
public sealed class ChapterStudio(
    IDbContextFactory<CourseDbContext> contextFactory,
    CatalogChanges changes,
    ProgressRecorder progress,
    CatalogReader catalog,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<StudioCourseRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var courses = await db.Courses.AsNoTracking().OrderBy(c => c.Title).ToListAsync(cancellationToken);
        var chapters = await db.Chapters.AsNoTracking()
            .OrderBy(c => c.Number)
            .Select(c => new
            {
                c.CourseId,
                Row = new StudioChapterRow(c.Id, c.Number, c.Slug, c.Title, c.Language, c.Status,
                    db.ChapterDrafts.Any(d => d.ChapterId == c.Id),
                    db.ChapterVersions.Count(v => v.ChapterId == c.Id),
                    c.UpdatedAt),
            })
            .ToListAsync(cancellationToken);
        return [.. courses.Select(c => new StudioCourseRow(c.Id, c.Slug, c.Title, c.Language, c.Description,
            [.. chapters.Where(x => x.CourseId == c.Id).Select(x => x.Row)]))];
    }

    /// <summary>A new, unpublished chapter at the end of the course, with a one-slide script to start from.</summary>
    public async Task<int> CreateChapterAsync(int courseId, string title, string language, string author, string? initialScript = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.SingleAsync(c => c.Id == courseId, cancellationToken);
        var slug = await FreeSlugAsync(db, courseId, Slugs.FromTitle(title), cancellationToken);
        var number = 1 + (await db.Chapters.Where(c => c.CourseId == courseId).MaxAsync(c => (int?)c.Number, cancellationToken) ?? 0);
        var now = clock.GetUtcNow();
        var chapter = new Chapter
        {
            CourseId = course.Id,
            Number = number,
            Slug = slug,
            Title = title,
            Language = language,
            Status = ChapterStatus.Draft,
            Version = Guid.NewGuid(),
            ContentRevision = 1, // its first draft
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Chapters.Add(chapter);
        await db.SaveChangesAsync(cancellationToken);
        var text = initialScript ?? title + " <break time=\"1s\"/>\n";
        db.ChapterDrafts.Add(new ChapterDraft
        {
            ChapterId = chapter.Id,
            ScriptText = text,
            SavedBy = author,
            SavedAt = now,
            SlideKeysJson = DraftSlideKeys.Write(DraftSlideKeys.After([], text)),
        });
        await db.SaveChangesAsync(cancellationToken);
        return chapter.Id;
    }

    public async Task<DraftView?> GetDraftAsync(int chapterId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.AsNoTracking().Include(c => c.Course).SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return null;
        }

        var published = await PublishedTextAsync(db, chapterId, cancellationToken);
        var draft = await db.ChapterDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ChapterId == chapterId, cancellationToken);
        return new DraftView(chapter.Id, chapter.Course.Slug, chapter.Slug, chapter.Title, chapter.Language, chapter.Description, chapter.Status,
            draft?.ScriptText ?? published, chapter.ContentRevision, draft is not null, draft?.SavedBy, draft?.SavedAt, published);
    }

    /// <summary>
    /// Saves the text as the chapter's draft if the chapter's content is still at <paramref name="expectedRevision"/>
    /// (nobody saved, published or restored since this editor read it). Drafts may have errors: they are work in progress.
    /// </summary>
    public async Task<SaveResult> SaveDraftAsync(int chapterId, string text, int expectedRevision, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return new SaveResult.NotFound();
        }

        var draft = await db.ChapterDrafts.SingleOrDefaultAsync(d => d.ChapterId == chapterId, cancellationToken);
        if (chapter.ContentRevision != expectedRevision)
        {
            return await ConflictAsync(db, chapter, draft, cancellationToken);
        }

        var now = clock.GetUtcNow();
        if (draft is null && text == await PublishedTextAsync(db, chapterId, cancellationToken))
        {
            // Nothing to keep: the published chapter says just this (a last save right after a publish).
            return new SaveResult.Saved(chapter.ContentRevision, now);
        }

        var keyed = DraftSlideKeys.Read(draft?.SlideKeysJson) ?? await DraftSlideKeys.PublishedAsync(db, chapterId, cancellationToken);
        if (draft is null)
        {
            draft = new ChapterDraft { ChapterId = chapterId, ScriptText = text };
            db.ChapterDrafts.Add(draft);
        }

        draft.ScriptText = text;
        draft.SlideKeysJson = DraftSlideKeys.Write(DraftSlideKeys.After(keyed, text));
        draft.SavedBy = author;
        draft.SavedAt = now;
        chapter.ContentRevision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or DbUpdateException)
        {
            // Another write won the race between our read and our write (or created the draft first).
            return await ConflictAsync(chapterId, cancellationToken);
        }

        return new SaveResult.Saved(chapter.ContentRevision, now);
    }

    /// <summary>
    /// Makes the draft the version learners see, in one transaction: slides replaced (keys kept where a
    /// slide continues), chapter figures updated, a version recorded, the draft removed.
    /// </summary>
    public async Task<PublishResult> PublishAsync(int chapterId, int expectedRevision, string author, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.Include(c => c.Slides).ThenInclude(s => s.Segments).Include(c => c.Course)
            .AsSplitQuery().SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return new PublishResult.NotFound();
        }

        var draft = await db.ChapterDrafts.SingleOrDefaultAsync(d => d.ChapterId == chapterId, cancellationToken);
        if (chapter.ContentRevision != expectedRevision)
        {
            return ToPublishConflict(await ConflictAsync(db, chapter, draft, cancellationToken));
        }

        var text = draft?.ScriptText ?? ScriptWriter.Write(ChapterContent.ToScript(chapter.Slides), includeMetadata: false);
        var parsed = ScriptParser.Parse(text);
        if (!parsed.Succeeded)
        {
            return new PublishResult.Invalid(parsed.Errors);
        }

        var script = parsed.Script!;
        var metadataProblem = ApplyMetadata(chapter, script.Metadata);
        if (metadataProblem is not null)
        {
            return new PublishResult.Invalid([metadataProblem]);
        }

        var now = clock.GetUtcNow();
        // The draft's keys followed every save, so quizzes may already name its new slides; a chapter
        // without them (no draft, or one saved before keys were kept) matches against the published slides.
        var oldSlides = chapter.Slides.OrderBy(s => s.Position).ToList();
        var keyed = DraftSlideKeys.Read(draft?.SlideKeysJson)
            ?? [.. oldSlides.Select(s => new KeyedSlide(s.Key, ScriptWriter.Write(ChapterContent.ToScript([s]), includeMetadata: false)))];
        var keys = KeyedSlides.Follow(keyed, KeyedSlides.TextsOf(script), ChapterContent.NewSlideKey);
        var newSlides = ChapterContent.ToSlides(script);
        for (var i = 0; i < newSlides.Count; i++)
        {
            newSlides[i].Key = keys[i].Key;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Slides.RemoveRange(oldSlides);
        await db.SaveChangesAsync(cancellationToken);
        chapter.Slides = newSlides;
        ChapterContent.UpdateTotals(chapter, script);
        chapter.Status = ChapterStatus.Published;
        chapter.PublishedAt = now;
        chapter.UpdatedAt = now;
        chapter.Version = Guid.NewGuid();
        chapter.ContentRevision++;
        var number = 1 + (await db.ChapterVersions.Where(v => v.ChapterId == chapterId).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0);
        db.ChapterVersions.Add(new ChapterVersion
        {
            ChapterId = chapterId,
            Number = number,
            ScriptText = ScriptWriter.Write(script, includeMetadata: false),
            PublishedBy = author,
            PublishedAt = now,
            SlideCount = script.Slides.Count,
        });
        if (draft is not null)
        {
            db.ChapterDrafts.Remove(draft);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another publish or save committed between our read and our write; ours is rolled back whole.
            return ToPublishConflict(await ConflictAsync(chapterId, cancellationToken));
        }

        await changes.ChapterChangedAsync(cancellationToken);
        if (await catalog.GetChapterAsync(chapter.Course.Slug, chapter.Slug, cancellationToken) is { } view)
        {
            await progress.RecomputeAsync(view, cancellationToken);
        }

        return new PublishResult.Published(number, script.Slides.Count, chapter.ContentRevision);
    }

    public async Task<IReadOnlyList<VersionRow>> HistoryAsync(int chapterId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ChapterVersions.AsNoTracking()
            .Where(v => v.ChapterId == chapterId)
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Number, v.PublishedBy, v.PublishedAt, v.SlideCount))
            .ToListAsync(cancellationToken);
    }

    public async Task<string?> VersionTextAsync(int chapterId, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ChapterVersions.AsNoTracking()
            .Where(v => v.ChapterId == chapterId && v.Number == number)
            .Select(v => v.ScriptText)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>An old version's text becomes the draft (a new content revision); nothing is published until Publish.</summary>
    public async Task<SaveResult> RestoreAsync(int chapterId, int number, int expectedRevision, string author, CancellationToken cancellationToken = default)
    {
        var text = await VersionTextAsync(chapterId, number, cancellationToken);
        return text is null
            ? new SaveResult.NotFound()
            : await SaveDraftAsync(chapterId, text, expectedRevision, author, cancellationToken);
    }

    /// <summary>Title, language and description; the slug stays, so links keep working.</summary>
    public async Task<bool> UpdateDetailsAsync(int chapterId, string title, string language, string? description, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return false;
        }

        chapter.Title = title;
        chapter.Language = language;
        chapter.Description = string.IsNullOrWhiteSpace(description) ? null : description;
        chapter.UpdatedAt = clock.GetUtcNow();
        chapter.Version = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        await changes.ChapterChangedAsync(cancellationToken);
        return true;
    }

    /// <summary>Moves a chapter one place up (-1) or down (+1) in its course.</summary>
    public async Task MoveAsync(int chapterId, int direction, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return;
        }

        var siblings = await db.Chapters.Where(c => c.CourseId == chapter.CourseId).OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var index = siblings.IndexOf(chapter);
        var other = index + Math.Sign(direction);
        if (other < 0 || other >= siblings.Count)
        {
            return;
        }

        (siblings[index], siblings[other]) = (siblings[other], siblings[index]);
        for (var i = 0; i < siblings.Count; i++)
        {
            if (siblings[i].Number != i + 1)
            {
                siblings[i].Number = i + 1;
                siblings[i].ViewVersion = Guid.NewGuid(); // the rendered chapter shows its number
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await changes.ChapterChangedAsync(cancellationToken);
    }

    /// <summary>
    /// A chapter never published is deleted; a published one is retired instead (hidden from learners,
    /// kept with its history and learners' progress). Returns what happened.
    /// </summary>
    public async Task<ChapterStatus?> DeleteOrRetireAsync(int chapterId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return null;
        }

        if (chapter.PublishedAt is null && !await db.ChapterVersions.AnyAsync(v => v.ChapterId == chapterId, cancellationToken))
        {
            db.Chapters.Remove(chapter);
            await db.SaveChangesAsync(cancellationToken);
            return ChapterStatus.Draft;
        }

        chapter.Status = ChapterStatus.Retired;
        chapter.UpdatedAt = clock.GetUtcNow();
        chapter.Version = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        await changes.ChapterChangedAsync(cancellationToken);
        return ChapterStatus.Retired;
    }

    private async Task<SaveResult> ConflictAsync(int chapterId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.AsNoTracking().SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        return chapter is null
            ? new SaveResult.NotFound()
            : await ConflictAsync(db, chapter, await db.ChapterDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ChapterId == chapterId, cancellationToken), cancellationToken);
    }

    /// <summary>What the chapter holds now, and who wrote it: the draft, or without one the published version.</summary>
    private static async Task<SaveResult> ConflictAsync(CourseDbContext db, Chapter chapter, ChapterDraft? draft, CancellationToken cancellationToken)
    {
        if (draft is not null)
        {
            return new SaveResult.Conflict(draft.ScriptText, chapter.ContentRevision, draft.SavedBy, draft.SavedAt);
        }

        var latest = await db.ChapterVersions.AsNoTracking().Where(v => v.ChapterId == chapter.Id).OrderByDescending(v => v.Number)
            .Select(v => new { v.PublishedBy, v.PublishedAt }).FirstOrDefaultAsync(cancellationToken);
        return new SaveResult.Conflict(await PublishedTextAsync(db, chapter.Id, cancellationToken), chapter.ContentRevision, latest?.PublishedBy, latest?.PublishedAt ?? default);
    }

    private static PublishResult ToPublishConflict(SaveResult conflict) => conflict is SaveResult.Conflict c
        ? new PublishResult.Conflict(c.TheirText, c.TheirRevision, c.TheirAuthor, c.TheirAt)
        : new PublishResult.NotFound();

    private static async Task<string> PublishedTextAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var slides = await db.Slides.AsNoTracking().Where(s => s.ChapterId == chapterId).Include(s => s.Segments).ToListAsync(cancellationToken);
        return slides.Count == 0 ? "" : ScriptWriter.Write(ChapterContent.ToScript(slides), includeMetadata: false);
    }

    private static ScriptError? ApplyMetadata(Chapter chapter, ScriptMetadata metadata)
    {
        foreach (var (key, value) in new[] { ("title", metadata.Title), ("language", metadata.Language), ("description", metadata.Description) })
        {
            if (value is not null && ScriptParser.CheckMetadata(key, value) is { } problem)
            {
                return new ScriptError(1, 1, $"{key}: {problem.Message}") { Code = problem.Code, Arguments = problem.Arguments };
            }
        }

        chapter.Title = metadata.Title ?? chapter.Title;
        chapter.Language = metadata.Language ?? chapter.Language;
        chapter.Description = metadata.Description ?? chapter.Description;
        return null;
    }

    private static async Task<string> FreeSlugAsync(CourseDbContext db, int courseId, string wanted, CancellationToken cancellationToken)
    {
        var slug = wanted;
        for (var n = 2; await db.Chapters.AnyAsync(c => c.CourseId == courseId && c.Slug == slug, cancellationToken); n++)
        {
            slug = $"{wanted}-{n}";
        }

        return slug;
    }
}
