namespace Course.Core.Analytics;

/// <summary>One submitted attempt: its total score and each question's score (0 to 1).</summary>
public sealed record AttemptScores(double Total, IReadOnlyDictionary<string, double> Questions);

/// <summary>
/// Classical item statistics for a quiz, as Moodle reports them:
/// facility = the mean score on the question (share correct);
/// discrimination = mean score of the top third of attempts (by total) minus that of the bottom third,
/// from −1 to 1; a good question is answered better by those who do better overall.
/// </summary>
public static class ItemStatistics
{
    public static double Facility(IReadOnlyList<AttemptScores> attempts, string question) =>
        attempts.Count == 0 ? 0 : attempts.Average(a => a.Questions.GetValueOrDefault(question));

    public static double? Discrimination(IReadOnlyList<AttemptScores> attempts, string question)
    {
        var third = attempts.Count / 3;
        if (third == 0)
        {
            return null; // fewer than three attempts say nothing
        }

        var ranked = attempts.OrderBy(a => a.Total).ToList();
        var bottom = ranked.Take(third).Average(a => a.Questions.GetValueOrDefault(question));
        var top = ranked.TakeLast(third).Average(a => a.Questions.GetValueOrDefault(question));
        return top - bottom;
    }

    /// <summary>Counts of scores in ten bands: 0–10 %, 10–20 %, …, 90–100 %.</summary>
    public static int[] Distribution(IEnumerable<double> scores)
    {
        var bands = new int[10];
        foreach (var score in scores)
        {
            bands[Math.Clamp((int)Math.Floor(score * 10), 0, 9)]++;
        }

        return bands;
    }

    public static double Median(IReadOnlyList<long> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
