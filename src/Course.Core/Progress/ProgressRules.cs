namespace Course.Core.Progress;

/// <summary>What the platform knows of one learner on one slide.</summary>
public readonly record struct SlideRecord(string SlideKey, int MaxRevealed, long TimeSpentMilliseconds);

/// <summary>One slide of the chapter as it is now: its key, segments and playing time at normal speed.</summary>
public readonly record struct SlideShape(string Key, int SegmentCount, int DurationMilliseconds);

/// <summary>
/// The progress rules (docs/progress.md):
/// a slide is <b>seen</b> when all its segments were revealed, or when the learner stayed on it at least as
/// long as it plays at normal speed (capped at <see cref="LongEnough"/>, for long slides read rather than played);
/// a chapter is <b>complete</b> when every slide it has now is seen and its final quiz is passed.
/// Progress is kept by slide key, so editing a chapter keeps what still exists and recomputes the rest.
/// </summary>
public static class ProgressRules
{
    public static readonly TimeSpan LongEnough = TimeSpan.FromSeconds(30);

    /// <summary>Time between two events that still counts as time spent; longer gaps are the learner away.</summary>
    public static readonly TimeSpan MaxCountedGap = TimeSpan.FromMinutes(2);

    public static bool IsSeen(SlideShape slide, SlideRecord? record) =>
        record is { } r && IsSeen(slide.SegmentCount, NeededMilliseconds(slide), r.MaxRevealed, r.TimeSpentMilliseconds);

    public static bool IsSeen(int segmentCount, long neededMilliseconds, int maxRevealed, long timeSpentMilliseconds) =>
        maxRevealed >= segmentCount || timeSpentMilliseconds >= neededMilliseconds;

    /// <summary>How long a learner must stay on a slide for it to count as seen without revealing it all.</summary>
    public static int NeededMilliseconds(SlideShape slide) =>
        (int)Math.Min(slide.DurationMilliseconds, (long)LongEnough.TotalMilliseconds);

    public static int SeenCount(IReadOnlyList<SlideShape> slides, IReadOnlyDictionary<string, SlideRecord> records) =>
        slides.Count(s => IsSeen(s, records.TryGetValue(s.Key, out var r) ? r : null));

    /// <summary>Share of the chapter's current slides that are seen, from 0 to 1.</summary>
    public static double Completion(IReadOnlyList<SlideShape> slides, IReadOnlyDictionary<string, SlideRecord> records) =>
        slides.Count == 0 ? 0 : (double)SeenCount(slides, records) / slides.Count;

    public static bool IsComplete(IReadOnlyList<SlideShape> slides, IReadOnlyDictionary<string, SlideRecord> records, bool hasFinalQuiz, bool finalQuizPassed) =>
        slides.Count > 0 && SeenCount(slides, records) == slides.Count && (!hasFinalQuiz || finalQuizPassed);

    /// <summary>The time between two events to add to time spent: nothing for a gap that means the learner was away.</summary>
    public static long CountedGap(DateTimeOffset previous, DateTimeOffset next)
    {
        var gap = next - previous;
        return gap <= TimeSpan.Zero || gap > MaxCountedGap ? 0 : (long)gap.TotalMilliseconds;
    }
}
