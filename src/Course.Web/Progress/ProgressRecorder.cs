using System.Threading.Channels;
using Course.Core.Progress;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Progress;

/// <summary>A learner reached a slide and segment at a moment; the slide's shape says when it counts as seen.</summary>
public sealed record ProgressEvent(string UserId, int ChapterId, string SlideKey, int Revealed, DateTimeOffset At, int SegmentCount, int NeededMilliseconds);

/// <summary>
/// Records progress as learners play. Players only enqueue (never wait on the database); one writer
/// drains the queue in batches of up to <see cref="MaxBatch"/> events, merged per learner and written in
/// one transaction, so SQLite sees one writer and a handful of statements per batch however many
/// learners are playing. The writer never stops the app: a passing failure (a busy SQLite file, a dropped
/// PostgreSQL connection) is retried with a growing pause (<see cref="FirstRetryDelay"/> doubling up to
/// <see cref="MaxRetryDelay"/>) until the batch is stored or the app stops; any other failure is retried
/// once per learner (one learner's events may be at fault, an account deleted mid-batch), and what is
/// finally dropped is logged with its counts. On shutdown the queue is drained before the process exits.
/// There is no timer: an event is written as soon as the writer is free, so what a crash (SIGKILL, power loss)
/// can lose is what was queued within <see cref="WrittenWithin"/> before it while the database answers.
/// </summary>
/// <remarks>
/// Nothing is lost silently: an event that does not fit the queue (<see cref="Capacity"/>, reached only when the
/// database has been away for a while) is counted and logged (<see cref="DroppedProgress"/>); the events of an
/// account deleted while they waited are dropped with a line that gives counts only.
/// </remarks>
public sealed class ProgressRecorder(
    IDbContextFactory<CourseDbContext> contextFactory, ILogger<ProgressRecorder> logger, TimeProvider clock,
    Operations.CourseMetrics? metrics = null) : BackgroundService
{
    public const int Capacity = 100_000;

    public const int MaxBatch = 2000;

    /// <summary>
    /// The writer's promise while the database answers: an event is stored within this time of being queued
    /// (a batch takes milliseconds; a publish's recount or a busy SQLite file may hold it up to a second).
    /// A crash loses at most the progress of this last stretch; the crash tests check it (docs/reliability.md).
    /// </summary>
    public static readonly TimeSpan WrittenWithin = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Channel<ProgressEvent> queue = Channel.CreateBounded<ProgressEvent>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private CancellationToken stopping;

    // Set when the database still failed as the app stopped: the rest of the queue is dropped at once
    // rather than each batch waiting for a server that is not there.
    private bool unreachableAtStop;

    private readonly DroppedProgress dropped = new(logger, clock, metrics);

    // A batch and a recount after a publish must not interleave: a batch reads a learner's seen count, the recount
    // sets it, and the batch would then save its count on top (a lost update, seen in ConcurrentPublishTests on
    // PostgreSQL). One writer a process; several instances still race here (docs/progress.md).
    private readonly SemaphoreSlim writing = new(1, 1);

    /// <summary>Events that did not fit the queue since the app started (also on the log and the metric).</summary>
    public long DroppedEvents => dropped.Total;

    /// <summary>
    /// Queues an event without waiting (players never wait on the database). False when it could not be queued
    /// — the queue is full or the app is stopping — and then it is counted and logged, never silently lost.
    /// </summary>
    public bool Record(ProgressEvent progress)
    {
        if (queue.Writer.TryWrite(progress))
        {
            return true;
        }

        dropped.Add(queue.Reader.Count);
        return false;
    }

    /// <summary>Completes when everything queued so far is written or dropped (tests and shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        while (queue.Reader.Count > 0 || busy)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private volatile bool busy;

    /// <summary>
    /// Compiles the writer's queries while the app starts, before it serves anyone, rather than on the first
    /// learners' events after a restart (seconds on a busy machine, past <see cref="WrittenWithin"/>; found by the
    /// crash test). Awaited here, not in the loop, so no event can meet a writer still warming up.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = await TryWriteAsync([]); // an empty batch: two queries, nothing written; a failure here is the loop's to meet
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        var batch = new List<ProgressEvent>(MaxBatch);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await queue.Reader.WaitToReadAsync(stoppingToken))
                {
                    await DrainAsync(batch);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: what is still queued is written below.
            }
            catch (Exception e)
            {
                // Each write handles its own failures, so this is a bug; the writer carries on regardless.
                LogDropped(batch, 1, e);
                batch.Clear();
            }
        }

        queue.Writer.TryComplete();
        try
        {
            await DrainAsync(batch);
        }
        catch (Exception e)
        {
            while (queue.Reader.TryRead(out var left))
            {
                batch.Add(left);
            }

            LogDropped(batch, 1, e);
        }
    }

    private async Task DrainAsync(List<ProgressEvent> batch)
    {
        busy = true;
        try
        {
            while (queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                if (batch.Count == MaxBatch || queue.Reader.Count == 0)
                {
                    await WriteAsync(batch);
                    batch.Clear();
                }
            }

            dropped.ReportCaughtUp();
        }
        finally
        {
            busy = false;
        }
    }

    private static void MarkIfSeen(SlideProgress slide, ChapterProgress chapter)
    {
        if (!slide.Seen && ProgressRules.IsSeen(slide.SegmentCount, slide.NeededMilliseconds, slide.MaxRevealed, slide.TimeSpentMilliseconds))
        {
            slide.Seen = true;
            chapter.SeenSlides++;
        }
    }

    /// <summary>
    /// After a chapter is published with edits: judges every learner's slides against the slides as they
    /// are now and recounts each learner's seen slides, so removed slides stop counting.
    /// </summary>
    public async Task RecomputeAsync(Catalog.ChapterView chapter, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        await writing.WaitAsync(cancellationToken);
        try
        {
            await RecountAsync(chapter, cancellationToken);
        }
        finally
        {
            writing.Release();
        }
    }

    private async Task RecountAsync(Catalog.ChapterView chapter, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapterId = chapter.Chapter.ChapterId;
        var keys = chapter.Slides.Select(s => s.Key).ToList();
        foreach (var shape in LearnerProgress.Shapes(chapter))
        {
            var needed = ProgressRules.NeededMilliseconds(shape);
            await db.SlideProgress.Where(p => p.ChapterId == chapterId && p.SlideKey == shape.Key)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(p => p.SegmentCount, shape.SegmentCount)
                    .SetProperty(p => p.NeededMilliseconds, needed)
                    .SetProperty(p => p.Seen, p => p.MaxRevealed >= shape.SegmentCount || p.TimeSpentMilliseconds >= needed), cancellationToken);
        }

        await db.ChapterProgress.Where(c => c.ChapterId == chapterId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.SeenSlides,
                c => db.SlideProgress.Count(p => p.UserId == c.UserId && p.ChapterId == chapterId && p.Seen && keys.Contains(p.SlideKey))), cancellationToken);
    }

    private async Task WriteAsync(List<ProgressEvent> batch)
    {
        if (unreachableAtStop)
        {
            logger.LogError("Dropped {Events} progress events of {Learners} learners in {Chapters} chapters, not tried: the database still failed as the app stopped",
                batch.Count, batch.Select(e => e.UserId).Distinct().Count(), batch.Select(e => e.ChapterId).Distinct().Count());
            return;
        }

        var failure = await TryWriteAsync(batch);
        if (failure is null)
        {
            return;
        }

        if (DatabaseFailures.IsTransient(failure))
        {
            await RetryAsync(batch, failure);
            return;
        }

        // One learner's events can fail (an account deleted mid-batch); keep everyone else's.
        foreach (var learner in batch.GroupBy(e => e.UserId).Select(g => g.ToList()).ToList())
        {
            var alone = await TryWriteAsync(learner);
            if (alone is not null && DatabaseFailures.IsTransient(alone))
            {
                await RetryAsync(learner, alone);
            }
            else if (alone is not null)
            {
                LogDropped(learner, 2, alone);
            }
        }
    }

    /// <summary>Tries a batch again after a passing failure, waiting longer each time, until it is stored or the app stops.</summary>
    private async Task RetryAsync(List<ProgressEvent> batch, Exception failure)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            if (stopping.IsCancellationRequested)
            {
                unreachableAtStop = true;
                LogDropped(batch, attempt, failure);
                return;
            }

            logger.LogWarning(failure, "Writing {Events} progress events failed (attempt {Attempt}); trying again in {Delay}", batch.Count, attempt, delay);
            try
            {
                await Task.Delay(delay, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                // The app is stopping: one last try now.
            }

            var next = await TryWriteAsync(batch);
            if (next is null)
            {
                logger.LogInformation("Wrote {Events} progress events at attempt {Attempt}", batch.Count, attempt + 1);
                return;
            }

            if (!DatabaseFailures.IsTransient(next))
            {
                LogDropped(batch, attempt + 1, next);
                return;
            }

            failure = next;
            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }
    }

    /// <summary>
    /// Takes out of the batch the events of accounts deleted since they were queued (their progress went with the
    /// account; writing it would fail on the account's key or leave rows behind). Called inside the batch's
    /// transaction, which holds off a deletion until the batch is saved.
    /// </summary>
    private async Task<List<string>> DropDeletedAccountsAsync(CourseDbContext db, List<ProgressEvent> batch, List<string> users)
    {
        var accounts = db.Database.IsNpgsql()
            ? db.Users.FromSql($"SELECT * FROM \"AspNetUsers\" WHERE \"Id\" = ANY({users.ToArray()}) FOR SHARE")
            : db.Users.Where(u => users.Contains(u.Id));
        var existing = (await accounts.AsNoTracking().Select(u => u.Id).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        if (existing.Count == users.Count)
        {
            return users;
        }

        var gone = batch.RemoveAll(e => !existing.Contains(e.UserId));
        metrics?.ProgressDropped(gone, "account-deleted");
        logger.LogInformation("Dropped {Events} progress events of {Accounts} accounts deleted since the events were queued",
            gone, users.Count - existing.Count);
        return [.. existing];
    }

    private void LogDropped(List<ProgressEvent> events, int attempts, Exception? failure)
    {
        if (events.Count > 0)
        {
            logger.LogError(failure, "Dropped {Events} progress events of {Learners} learners in {Chapters} chapters after {Attempts} attempts",
                events.Count, events.Select(e => e.UserId).Distinct().Count(), events.Select(e => e.ChapterId).Distinct().Count(), attempts);
        }
    }

    /// <summary>Writes the batch in one transaction; the failure if it was not written.</summary>
    private async Task<Exception?> TryWriteAsync(List<ProgressEvent> batch)
    {
        var cancellationToken = CancellationToken.None; // what is begun is finished, even while stopping
        await writing.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);

            // The accounts are checked and the batch saved in one transaction that an account's deletion waits
            // for (SQLite: BEGIN IMMEDIATE takes the write lock first; PostgreSQL: the accounts' rows are read FOR
            // SHARE): a deletion comes wholly before (the events are dropped) or after (its cascade takes the rows).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var users = batch.Select(e => e.UserId).Distinct().ToList();
            users = await DropDeletedAccountsAsync(db, batch, users);

            var chapters = batch.Select(e => e.ChapterId).Distinct().ToList();
            var chapterRows = (await db.ChapterProgress
                    .Where(p => users.Contains(p.UserId) && chapters.Contains(p.ChapterId))
                    .ToListAsync(cancellationToken))
                .ToDictionary(p => (p.UserId, p.ChapterId));
            var slideRows = (await db.SlideProgress
                    .Where(p => users.Contains(p.UserId) && chapters.Contains(p.ChapterId))
                    .ToListAsync(cancellationToken))
                .ToDictionary(p => (p.UserId, p.ChapterId, p.SlideKey));

            foreach (var e in batch.OrderBy(e => e.At))
            {
                if (!chapterRows.TryGetValue((e.UserId, e.ChapterId), out var chapter))
                {
                    chapter = new ChapterProgress { UserId = e.UserId, ChapterId = e.ChapterId, CurrentSlideKey = e.SlideKey, StartedAt = e.At, LastActivityAt = e.At };
                    chapterRows[(e.UserId, e.ChapterId)] = chapter;
                    db.ChapterProgress.Add(chapter);
                }
                else
                {
                    // The time since the last event was spent on the slide the learner was on.
                    var gap = ProgressRules.CountedGap(chapter.LastActivityAt, e.At);
                    chapter.TimeSpentMilliseconds += gap;
                    if (slideRows.TryGetValue((e.UserId, e.ChapterId, chapter.CurrentSlideKey), out var previous))
                    {
                        previous.TimeSpentMilliseconds += gap;
                        MarkIfSeen(previous, chapter);
                    }
                }

                if (!slideRows.TryGetValue((e.UserId, e.ChapterId, e.SlideKey), out var slide))
                {
                    slide = new SlideProgress { UserId = e.UserId, ChapterId = e.ChapterId, SlideKey = e.SlideKey, FirstReachedAt = e.At };
                    slideRows[(e.UserId, e.ChapterId, e.SlideKey)] = slide;
                    db.SlideProgress.Add(slide);
                }

                slide.LastReachedAt = e.At;
                slide.MaxRevealed = Math.Max(slide.MaxRevealed, e.Revealed);
                slide.SegmentCount = e.SegmentCount;
                slide.NeededMilliseconds = e.NeededMilliseconds;
                MarkIfSeen(slide, chapter);
                chapter.CurrentSlideKey = e.SlideKey;
                chapter.CurrentSegment = e.Revealed;
                chapter.LastActivityAt = e.At > chapter.LastActivityAt ? e.At : chapter.LastActivityAt;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (Exception e)
        {
            // Whatever it is, the writer must go on; the caller decides between trying again and dropping.
            return e;
        }
        finally
        {
            writing.Release();
        }
    }
}
