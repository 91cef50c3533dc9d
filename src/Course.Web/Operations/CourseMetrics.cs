using System.Diagnostics.Metrics;

namespace Course.Web.Operations;

/// <summary>
/// The app's own instruments, on the "Course" meter: what operators watch besides requests and queries.
/// </summary>
public sealed class CourseMetrics
{
    public const string MeterName = "Course";

    private readonly UpDownCounter<int> activeLearners;
    private readonly Counter<long> segmentsPlayed;
    private readonly Counter<long> quizSubmissions;
    private readonly Counter<long> progressDropped;

    public CourseMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        activeLearners = meter.CreateUpDownCounter<int>("course.learners.active", "{learner}", "Open chapter players on this instance.");
        segmentsPlayed = meter.CreateCounter<long>("course.segments.played", "{segment}", "Segments shown by chapter players.");
        quizSubmissions = meter.CreateCounter<long>("course.quiz.submissions", "{submission}", "Quiz attempts submitted.");
        progressDropped = meter.CreateCounter<long>("course.progress.dropped", "{event}", "Progress events not stored: the writer's queue was full, the app was stopping, or the account was deleted.");
    }

    public void PlayerOpened(string language) => activeLearners.Add(1, new KeyValuePair<string, object?>("chapter.language", language));

    public void PlayerClosed(string language) => activeLearners.Add(-1, new KeyValuePair<string, object?>("chapter.language", language));

    public void SegmentPlayed(string language) => segmentsPlayed.Add(1, new KeyValuePair<string, object?>("chapter.language", language));

    public void QuizSubmitted(bool signedIn) => quizSubmissions.Add(1, new KeyValuePair<string, object?>("learner.signed_in", signedIn));

    public void ProgressDropped(long events, string reason) => progressDropped.Add(events, new KeyValuePair<string, object?>("reason", reason));
}
