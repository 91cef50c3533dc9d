using Course.Core.Authoring;
using Course.Core.Scripts;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Chapters;

/// <summary>
/// The one owner of a chapter's content: the only code that creates chapters and writes their slide rows,
/// draft and versions. Every write after creation states the <see cref="Chapter.ContentRevision"/> it started
/// from; a stale one meets a conflict with what the chapter holds now, so no editor overwrites another's work.
/// Publishing turns the draft into slide rows atomically, keeping the keys of slides that continue so learners
/// keep their place. One short-lived context per operation (creation also runs inside a caller's).
/// </summary>
public sealed class ChapterStore(IDbContextFactory<CourseDbContext> contextFactory, IChapterChanges changes, TimeProvider clock)
{
    /// <summary>
    /// Creates a chapter of <paramref name="course"/> (which may be new, in the same context) with its slides,
    /// versions and draft, in the caller's transaction if there is one, else in its own. The caller has
    /// checked that the slug is free in the course.
    /// </summary>
    /// <exception cref="ArgumentException">Its title, language or slug is missing or breaks <see cref="ChapterMetadataRules"/>.</exception>
    public async Task<Chapter> AddAsync(CourseDbContext db, CourseEntity course, NewChapter spec, CancellationToken cancellationToken = default)
    {
        var problems = ChapterMetadataRules.Check(new ChapterMetadata(spec.Title, spec.Language, spec.Slug, spec.Description),
            MetadataFields.Title | MetadataFields.Language | MetadataFields.Slug);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(spec));
        }

        var now = clock.GetUtcNow();
        var number = spec.Number ?? (course.Id == 0
            ? 1
            : 1 + (await db.Chapters.Where(c => c.CourseId == course.Id).MaxAsync(c => (int?)c.Number, cancellationToken) ?? 0));
        var chapter = new Chapter
        {
            Course = course,
            Number = number,
            Slug = spec.Slug,
            Title = spec.Title,
            Language = spec.Language,
            Description = string.IsNullOrWhiteSpace(spec.Description) ? null : spec.Description,
            Status = spec.Status,
            Version = Guid.NewGuid(),
            ContentRevision = spec.Draft is null ? 0 : 1, // a draft is the chapter's first write
            CreatedAt = now,
            UpdatedAt = now,
            PublishedAt = spec.PublishedAt?.ToUniversalTime(), // PostgreSQL stores UTC only
            Slides = spec.Slides is null ? [] : ChapterContent.ToSlides(spec.Slides),
        };
        ChapterContent.UpdateTotals(chapter, spec.Slides ?? new ChapterScript(ScriptMetadata.Empty, []));

        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            db.Chapters.Add(chapter);
            await db.SaveChangesAsync(cancellationToken);
            // A version with clips keeps its slides' keys (those of the rows it continues) so a restore can place them.
            var published = ChapterContent.ToKeyed(chapter.Slides);
            var versions = spec.Versions.Select(v => (Spec: v, Keyed: v.Clips.Count == 0 ? null : ChapterContent.KeyedAfter(published, v.Script))).ToList();
            var versionRows = versions.Select(v => new ChapterVersion
            {
                ChapterId = chapter.Id,
                Number = v.Spec.Number,
                ScriptText = v.Spec.Script,
                PublishedBy = v.Spec.PublishedBy,
                PublishedAt = v.Spec.PublishedAt.ToUniversalTime(),
                SlideCount = ScriptParser.Parse(v.Spec.Script).Script?.Slides.Count ?? 0,
                SlideKeysJson = v.Keyed is null ? null : ChapterContent.WriteKeys(v.Keyed),
            }).ToList();
            db.ChapterVersions.AddRange(versionRows);
            if (spec.Draft is not null)
            {
                var draftKeyed = ChapterContent.KeyedAfter(published, spec.Draft);
                db.ChapterDrafts.Add(new ChapterDraft
                {
                    ChapterId = chapter.Id,
                    ScriptText = spec.Draft,
                    SavedBy = spec.Author,
                    SavedAt = now,
                    SlideKeysJson = ChapterContent.WriteKeys(draftKeyed),
                });
                db.ClipPlacements.AddRange(DraftClips.OnSlides(draftKeyed, spec.DraftClips).Select(c => ToRow(chapter.Id, null, c)));
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ClipPlacements.AddRange(versions.Zip(versionRows).Where(v => v.First.Keyed is not null)
                .SelectMany(v => DraftClips.OnSlides(v.First.Keyed!, v.First.Spec.Clips).Select(c => ToRow(chapter.Id, v.Second.Id, c))));
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return chapter;
    }

    /// <summary>A new, unpublished chapter at the end of the course (slug from the title, free in the course), with a one-slide script to start from.</summary>
    public async Task<int> CreateAsync(int courseId, string title, string language, string author, string? initialScript = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.SingleAsync(c => c.Id == courseId, cancellationToken);
        var wanted = Slugs.FromTitle(title);
        var slug = wanted;
        for (var n = 2; await db.Chapters.AnyAsync(c => c.CourseId == courseId && c.Slug == slug, cancellationToken); n++)
        {
            slug = $"{wanted}-{n}";
        }

        var chapter = await AddAsync(db, course, new NewChapter(slug, title, language, null, author)
        {
            Draft = initialScript ?? title + " <break time=\"1s\"/>\n",
        }, cancellationToken);
        return chapter.Id;
    }

    public Task<DraftView?> GetDraftAsync(int chapterId, CancellationToken cancellationToken = default) =>
        ReadAsync(db => ChapterReads.DraftViewAsync(db, chapterId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<VersionRow>> HistoryAsync(int chapterId, CancellationToken cancellationToken = default) =>
        ReadAsync(db => ChapterReads.HistoryAsync(db, chapterId, cancellationToken), cancellationToken);

    /// <summary>The draft's lines (the published ones without a draft) with their clips.</summary>
    public Task<IReadOnlyList<DraftLineClip>> DraftLinesAsync(int chapterId, CancellationToken cancellationToken = default) =>
        ReadAsync(db => DraftClips.LinesAsync(db, chapterId, cancellationToken), cancellationToken);

    public Task<string?> VersionTextAsync(int chapterId, int number, CancellationToken cancellationToken = default) =>
        ReadAsync(db => ChapterReads.VersionTextAsync(db, chapterId, number, cancellationToken), cancellationToken);

    /// <summary>
    /// Saves the text as the chapter's draft if the chapter's content is still at <paramref name="expectedRevision"/>
    /// (nobody saved, published or restored since this editor read it). Drafts may have errors: they are work in progress.
    /// </summary>
    public Task<SaveResult> SaveDraftAsync(int chapterId, string text, int expectedRevision, string author, CancellationToken cancellationToken = default) =>
        SaveAsync(chapterId, text, expectedRevision, author, restoring: null, cancellationToken);

    /// <summary>
    /// Saves the draft; its clips follow their lines (<see cref="DraftClips.Follow"/>), or, restoring a version,
    /// become that version's clips placed on the restored text.
    /// </summary>
    private async Task<SaveResult> SaveAsync(int chapterId, string text, int expectedRevision, string author, ChapterVersion? restoring, CancellationToken cancellationToken)
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
            return await ChapterReads.ConflictAsync(db, chapter, draft, cancellationToken);
        }

        var now = clock.GetUtcNow();
        if (draft is null && restoring is null && text == await ChapterReads.PublishedTextAsync(db, chapterId, cancellationToken))
        {
            // Nothing to keep: the published chapter says just this (a last save right after a publish).
            // A restore goes on even then: the version's clips may differ from the published ones.
            return new SaveResult.Saved(chapter.ContentRevision, now);
        }

        var keyed = ChapterContent.ReadKeys(draft?.SlideKeysJson) ?? await ChapterReads.PublishedSlidesAsync(db, chapterId, cancellationToken);
        var clips = restoring is null
            ? await DraftClips.WorkingAsync(db, chapterId, draft is not null, cancellationToken)
            : await DraftClips.OfVersionAsync(db, restoring.Id, cancellationToken);
        if (draft is null)
        {
            draft = new ChapterDraft { ChapterId = chapterId, ScriptText = text };
            db.ChapterDrafts.Add(draft);
        }

        var keyedAfter = ChapterContent.KeyedAfter(keyed, text);
        var clipsBefore = restoring is null ? keyed : ChapterContent.ReadKeys(restoring.SlideKeysJson) ?? keyedAfter;
        await ReplaceDraftClipsAsync(db, chapterId, DraftClips.Follow(clips, clipsBefore, keyedAfter), cancellationToken);
        draft.ScriptText = text;
        draft.SlideKeysJson = ChapterContent.WriteKeys(keyedAfter);
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
    /// slide continues), chapter figures and front matter applied, a version recorded, the draft removed.
    /// </summary>
    public async Task<PublishResult> PublishAsync(int chapterId, int expectedRevision, string author, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.Include(c => c.Slides).ThenInclude(s => s.Segments)
            .AsSplitQuery().SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return new PublishResult.NotFound();
        }

        var draft = await db.ChapterDrafts.SingleOrDefaultAsync(d => d.ChapterId == chapterId, cancellationToken);
        if (chapter.ContentRevision != expectedRevision)
        {
            return ToPublishConflict(await ChapterReads.ConflictAsync(db, chapter, draft, cancellationToken));
        }

        var parsed = ScriptParser.Parse(draft?.ScriptText ?? ChapterContent.ToText(chapter.Slides));
        if (!parsed.Succeeded)
        {
            return new PublishResult.Invalid(parsed.Errors);
        }

        var script = parsed.Script!;
        if (ChapterContent.ApplyMetadata(chapter, script.Metadata) is { } problem)
        {
            return new PublishResult.Invalid([new ScriptError(1, 1, problem.ToString()) { Code = problem.Code, Arguments = problem.Arguments }]);
        }

        // The draft's keys followed every save, so quizzes may already name its new slides; a chapter
        // without them (no draft, or one saved before keys were kept) matches against the published slides.
        var oldSlides = chapter.Slides.OrderBy(s => s.Position).ToList();
        var newSlides = ChapterContent.ToSlides(script, ChapterContent.ReadKeys(draft?.SlideKeysJson) ?? ChapterContent.ToKeyed(oldSlides));

        var now = clock.GetUtcNow();
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
        var clips = await DraftClips.WorkingAsync(db, chapterId, draft is not null, cancellationToken);
        var version = new ChapterVersion
        {
            ChapterId = chapterId,
            Number = number,
            ScriptText = ScriptWriter.Write(script, includeMetadata: false),
            PublishedBy = author,
            PublishedAt = now,
            SlideCount = script.Slides.Count,
            SlideKeysJson = ChapterContent.WriteKeys(ChapterContent.ToKeyed(newSlides)),
        };
        db.ChapterVersions.Add(version);
        if (draft is not null)
        {
            db.ChapterDrafts.Remove(draft);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);

            // The draft's clips become the version's: learners hear what the instructor heard in the editor.
            await ReplaceDraftClipsAsync(db, chapterId, [], cancellationToken);
            db.ClipPlacements.AddRange(clips.Select(c => ToRow(chapterId, version.Id, c)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another publish or save committed between our read and our write; ours is rolled back whole.
            return ToPublishConflict(await ConflictAsync(chapterId, cancellationToken));
        }

        await changes.ChapterChangedAsync(cancellationToken);
        return new PublishResult.Published(number, script.Slides.Count, chapter.ContentRevision);
    }

    /// <summary>An old version's text becomes the draft (a new content revision); nothing is published until Publish.</summary>
    public async Task<SaveResult> RestoreAsync(int chapterId, int number, int expectedRevision, string author, CancellationToken cancellationToken = default)
    {
        var version = await ReadAsync(db => db.ChapterVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.ChapterId == chapterId && v.Number == number, cancellationToken), cancellationToken);
        return version is null
            ? new SaveResult.NotFound()
            : await SaveAsync(chapterId, version.ScriptText, expectedRevision, author, restoring: version, cancellationToken);
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

    /// <summary>
    /// Puts <paramref name="clipHash"/> (a stored clip) on a line of the draft, replacing the line's clip, recorded
    /// for the line's text now; null removes the line's clip. A clip change is a content write: it states the
    /// revision it started from and bumps it, like a text save.
    /// </summary>
    public Task<ClipResult> SetClipAsync(int chapterId, string slideKey, int line, string? clipHash, int expectedRevision, string author, CancellationToken cancellationToken = default) =>
        ChangeClipAsync(chapterId, slideKey, line, expectedRevision, author, (clips, text) =>
            [.. clips.Where(c => c.SlideKey != slideKey || c.Line != line),
                .. clipHash is null ? Array.Empty<ClipOnLine>() : [new ClipOnLine(slideKey, line, text, clipHash)]],
            cancellationToken);

    /// <summary>
    /// Swaps the line's clip for another take of the same recording (trimmed, or the untrimmed original back): the
    /// text it was recorded for is kept, so a line flagged <i>text changed since recording</i> stays flagged.
    /// </summary>
    public Task<ClipResult> SwapClipAsync(int chapterId, string slideKey, int line, string clipHash, int expectedRevision, string author, CancellationToken cancellationToken = default) =>
        ChangeClipAsync(chapterId, slideKey, line, expectedRevision, author, (clips, text) =>
            clips.Any(c => c.SlideKey == slideKey && c.Line == line)
                ? [.. clips.Select(c => c.SlideKey == slideKey && c.Line == line ? c with { ClipHash = clipHash } : c)]
                : [.. clips, new ClipOnLine(slideKey, line, text, clipHash)],
            cancellationToken);

    /// <summary>"Keep this recording": the line's clip counts as recorded for the line's text now (no longer flagged).</summary>
    public Task<ClipResult> KeepClipAsync(int chapterId, string slideKey, int line, int expectedRevision, string author, CancellationToken cancellationToken = default) =>
        ChangeClipAsync(chapterId, slideKey, line, expectedRevision, author, (clips, text) =>
            [.. clips.Select(c => c.SlideKey == slideKey && c.Line == line ? c with { RecordedText = text } : c)],
            cancellationToken);

    private async Task<ClipResult> ChangeClipAsync(int chapterId, string slideKey, int line, int expectedRevision, string author,
        Func<IReadOnlyList<ClipOnLine>, string, IReadOnlyList<ClipOnLine>> change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return new ClipResult.NotFound();
        }

        var draft = await db.ChapterDrafts.SingleOrDefaultAsync(d => d.ChapterId == chapterId, cancellationToken);
        if (chapter.ContentRevision != expectedRevision)
        {
            return new ClipResult.Conflict(await ChapterReads.ConflictAsync(db, chapter, draft, cancellationToken));
        }

        var clips = await DraftClips.WorkingAsync(db, chapterId, draft is not null, cancellationToken);
        var keyed = ChapterContent.ReadKeys(draft?.SlideKeysJson) ?? await ChapterReads.WorkingSlidesAsync(db, chapterId, cancellationToken);
        if (DraftClips.LineText(keyed, slideKey, line) is not { } text)
        {
            return new ClipResult.NoSuchLine();
        }

        if (draft is null)
        {
            // The first change after a publish starts the draft from the published chapter, clips and all.
            draft = new ChapterDraft { ChapterId = chapterId, ScriptText = await ChapterReads.PublishedTextAsync(db, chapterId, cancellationToken) };
            db.ChapterDrafts.Add(draft);
        }

        var now = clock.GetUtcNow();
        draft.SlideKeysJson = ChapterContent.WriteKeys(keyed);
        draft.SavedBy = author;
        draft.SavedAt = now;
        await ReplaceDraftClipsAsync(db, chapterId, change(clips, text), cancellationToken);
        chapter.ContentRevision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or DbUpdateException)
        {
            return await ConflictAsync(chapterId, cancellationToken) is SaveResult.Conflict c ? new ClipResult.Conflict(c) : new ClipResult.NotFound();
        }

        return new ClipResult.Changed(chapter.ContentRevision, now);
    }

    /// <summary>The draft's placements become <paramref name="clips"/> (saved with the caller's next SaveChanges).</summary>
    private static async Task ReplaceDraftClipsAsync(CourseDbContext db, int chapterId, IReadOnlyList<ClipOnLine> clips, CancellationToken cancellationToken)
    {
        db.ClipPlacements.RemoveRange(await db.ClipPlacements.Where(p => p.ChapterId == chapterId && p.ChapterVersionId == null).ToListAsync(cancellationToken));
        db.ClipPlacements.AddRange(clips.Select(c => ToRow(chapterId, null, c)));
    }

    private static ClipPlacementRow ToRow(int chapterId, int? versionId, ClipOnLine clip) => new()
    {
        ChapterId = chapterId,
        ChapterVersionId = versionId,
        SlideKey = clip.SlideKey,
        Line = clip.Line,
        RecordedText = clip.RecordedText,
        ClipHash = clip.ClipHash,
    };

    /// <summary>The conflict as the chapter stands now, read in a fresh context after losing a race.</summary>
    private Task<SaveResult> ConflictAsync(int chapterId, CancellationToken cancellationToken) =>
        ReadAsync(db => ChapterReads.ConflictAsync(db, chapterId, cancellationToken), cancellationToken);

    private async Task<T> ReadAsync<T>(Func<CourseDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await read(db);
    }

    private static PublishResult ToPublishConflict(SaveResult conflict) => conflict is SaveResult.Conflict c
        ? new PublishResult.Conflict(c.TheirText, c.TheirRevision, c.TheirAuthor, c.TheirAt)
        : new PublishResult.NotFound();
}
