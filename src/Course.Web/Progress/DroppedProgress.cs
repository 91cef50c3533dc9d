using Course.Web.Operations;

namespace Course.Web.Progress;

/// <summary>
/// Progress the recorder could not queue (its queue full while the database is away, or the app stopping): never
/// silent. Every event counts on the <c>course.progress.dropped</c> metric and in <see cref="Total"/>; the log
/// says so at once as an error, then at most once every <see cref="LogEvery"/> with the count since, and once
/// more when the writer next catches up. Counts only: no learner, no e-mail.
/// </summary>
public sealed class DroppedProgress(ILogger logger, TimeProvider clock, CourseMetrics? metrics)
{
    public static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private long total;
    private long unreported;
    private DateTimeOffset? lastLogged;

    /// <summary>Events dropped since the app started.</summary>
    public long Total
    {
        get
        {
            lock (gate)
            {
                return total;
            }
        }
    }

    public void Add(int waiting)
    {
        metrics?.ProgressDropped(1, "queue-full");
        lock (gate)
        {
            total++;
            unreported++;
            var now = clock.GetUtcNow();
            if (lastLogged is { } last && now - last < LogEvery)
            {
                return;
            }

            lastLogged = now;
            logger.LogError("Progress queue full ({Waiting} events waiting for the database): dropped {Events} progress events ({Total} since start)",
                waiting, unreported, total);
            unreported = 0;
        }
    }

    /// <summary>The writer caught up: says how many were dropped since the last line, if any.</summary>
    public void ReportCaughtUp()
    {
        lock (gate)
        {
            if (unreported == 0)
            {
                return;
            }

            logger.LogError("Progress queue full: dropped {Events} more progress events ({Total} since start); the writer has caught up", unreported, total);
            unreported = 0;
            lastLogged = null;
        }
    }
}
