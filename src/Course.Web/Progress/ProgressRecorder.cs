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
/// learners are playing. On shutdown the queue is drained before the process exits.
/// </summary>
public sealed class ProgressRecorder(IDbContextFactory<CourseDbContext> contextFactory, ILogger<ProgressRecorder> logger) : BackgroundService
{
    public const int MaxBatch = 2000;

    private readonly Channel<ProgressEvent> queue = Channel.CreateBounded<ProgressEvent>(new BoundedChannelOptions(100_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Queues an event; false only when the server is shutting down.</summary>
    public bool Record(ProgressEvent progress) => queue.Writer.TryWrite(progress);

    /// <summary>Completes when everything queued so far is written (tests and shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        while (queue.Reader.Count > 0 || busy)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private volatile bool busy;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ProgressEvent>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: what is still queued is written below.
        }

        queue.Writer.TryComplete();
        await DrainAsync(batch, CancellationToken.None);
    }

    private async Task DrainAsync(List<ProgressEvent> batch, CancellationToken cancellationToken)
    {
        busy = true;
        try
        {
            while (queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                if (batch.Count == MaxBatch || queue.Reader.Count == 0)
                {
                    await WriteAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }
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

    private async Task WriteAsync(List<ProgressEvent> batch, CancellationToken cancellationToken)
    {
        if (await TryWriteAsync(batch, cancellationToken))
        {
            return;
        }

        // One learner's events can fail (an account deleted mid-batch); keep everyone else's.
        foreach (var learner in batch.GroupBy(e => e.UserId).Where(_ => batch.Select(e => e.UserId).Distinct().Count() > 1))
        {
            await TryWriteAsync([.. learner], cancellationToken);
        }
    }

    private async Task<bool> TryWriteAsync(List<ProgressEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var users = batch.Select(e => e.UserId).Distinct().ToList();
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
            return true;
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            // A deleted account or chapter: those events have nowhere to go. Keep the server up.
            logger.LogWarning(e, "A batch of {Count} progress events could not be written", batch.Count);
            return false;
        }
    }
}
