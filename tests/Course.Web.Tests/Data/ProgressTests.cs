using Course.Web.Catalog;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Data;

/// <summary>Progress written through the recorder on a real SQLite file, read back as learners and instructors see it.</summary>
public sealed class ProgressTests : IAsyncLifetime
{
    private readonly CourseAppFactory app = new();
    private string learner = "";
    private ChapterView chapter = null!;
    private readonly DateTimeOffset start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        learner = await SignedInClient.CreateUserAsync(app, "ana@example.com");
        using var scope = app.Services.CreateScope();
        chapter = (await scope.ServiceProvider.GetRequiredService<CatalogReader>().GetChapterAsync("ai-engineering", "foundation-models"))!;
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    private async Task Play(string user, params (int Slide, int Segment, int Second)[] steps)
    {
        var recorder = app.Services.GetRequiredService<ProgressRecorder>();
        foreach (var (slide, segment, second) in steps)
        {
            var shown = chapter.Slides[slide - 1];
            recorder.Record(new ProgressEvent(user, chapter.Chapter.ChapterId, shown.Key, segment, start.AddSeconds(second),
                shown.Segments.Count, Course.Core.Progress.ProgressRules.NeededMilliseconds(new(shown.Key, shown.Segments.Count, shown.DurationMilliseconds))));
        }

        await recorder.FlushAsync();
    }

    private Task<CourseDbContext> Db() => app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task Each_revealed_segment_moves_the_resume_point_and_adds_time()
    {
        await Play(learner, (1, 1, 0), (2, 1, 6), (3, 1, 11), (3, 2, 16));

        using var scope = app.Services.CreateScope();
        var resume = await scope.ServiceProvider.GetRequiredService<LearnerProgress>().ResumeAsync(learner, chapter);
        Assert.Equal(new ResumePoint(3, 2), resume);
        await using var db = await Db();
        var row = await db.ChapterProgress.SingleAsync(p => p.UserId == learner);
        Assert.Equal(16_000, row.TimeSpentMilliseconds);
        var slides = await db.SlideProgress.Where(p => p.UserId == learner).ToDictionaryAsync(p => p.SlideKey);
        Assert.Equal(3, slides.Count);
        Assert.Equal(6_000, slides[chapter.Slides[0].Key].TimeSpentMilliseconds);
        Assert.Equal(2, slides[chapter.Slides[2].Key].MaxRevealed);
        Assert.Equal(start.AddSeconds(11), slides[chapter.Slides[2].Key].FirstReachedAt);
    }

    [Fact]
    public async Task Thirty_two_learners_playing_at_once_lose_no_event()
    {
        var learners = new List<string>();
        for (var i = 0; i < 32; i++)
        {
            learners.Add(await SignedInClient.CreateUserAsync(app, $"l{i}@example.com"));
        }

        var recorder = app.Services.GetRequiredService<ProgressRecorder>();
        await Task.WhenAll(learners.Select(user => Task.Run(() =>
        {
            for (var slide = 1; slide <= 20; slide++)
            {
                recorder.Record(new ProgressEvent(user, chapter.Chapter.ChapterId, chapter.Slides[slide - 1].Key, 1, start.AddSeconds(slide), 1, 1000));
            }
        })));
        await recorder.FlushAsync();

        await using var db = await Db();
        Assert.Equal(32 * 20, await db.SlideProgress.CountAsync());
        Assert.All(await db.ChapterProgress.ToListAsync(), p => Assert.Equal(chapter.Slides[19].Key, p.CurrentSlideKey));
    }

    [Fact]
    public async Task The_dashboard_shows_completion_quizzes_and_a_continue_point()
    {
        await Play(learner, (1, 1, 0), (2, 1, 30));

        using var scope = app.Services.CreateScope();
        var standing = Assert.Single(await scope.ServiceProvider.GetRequiredService<LearnerProgress>().DashboardAsync(learner));

        Assert.Equal(new ResumePoint(2, 1), standing.Resume);
        Assert.Equal(2.0 / 73, standing.Completion, 6); // slide 1 fully revealed, slide 2 has one segment
        Assert.False(standing.Complete);
        Assert.Equal(4, standing.Quizzes.Count);
        Assert.All(standing.Quizzes, q => Assert.Null(q.Best));
    }

    [Fact]
    public async Task After_an_edit_progress_stays_with_slides_that_still_exist()
    {
        await Play(learner, (1, 1, 0), (2, 1, 5), (3, 3, 10));
        await using (var db = await Db())
        {
            // An instructor removes slide 3, where the learner stopped, and the chapter is re-read.
            var removed = await db.Slides.SingleAsync(s => s.Key == chapter.Slides[2].Key);
            db.Slides.Remove(removed);
            foreach (var later in await db.Slides.Where(s => s.ChapterId == removed.ChapterId && s.Position > 3).OrderBy(s => s.Position).ToListAsync())
            {
                later.Position -= 1;
            }

            var row = await db.Chapters.SingleAsync(c => c.Id == removed.ChapterId);
            row.Version = Guid.NewGuid();
            row.SlideCount -= 1;
            await db.SaveChangesAsync();
        }

        using var scope = app.Services.CreateScope();
        var edited = (await scope.ServiceProvider.GetRequiredService<CatalogReader>().GetChapterAsync("ai-engineering", "foundation-models"))!;
        var standing = Assert.Single(await scope.ServiceProvider.GetRequiredService<LearnerProgress>().DashboardAsync(learner));

        Assert.Equal(72, edited.Slides.Count);
        Assert.Equal(2.0 / 72, standing.Completion, 6);
        Assert.Equal(new ResumePoint(1, 1), standing.Resume); // the slide is gone: start from the top

        // Publishing recounts the seen slides: the removed slide 3 no longer counts.
        await app.Services.GetRequiredService<ProgressRecorder>().RecomputeAsync(edited);
        await using var check = await Db();
        Assert.Equal(2, (await check.ChapterProgress.SingleAsync(p => p.UserId == learner)).SeenSlides);
    }

    [Fact]
    public async Task A_signed_in_learner_sees_their_own_continue_link_on_a_cached_outline()
    {
        await Play(learner, (1, 1, 0), (12, 2, 5));
        var anonymous = SignedInClient.Anonymous(app);
        await anonymous.GetStringAsync("/courses/ai-engineering/chapters/foundation-models");
        await anonymous.GetStringAsync("/courses/ai-engineering/chapters/foundation-models");

        var signedIn = await SignedInClient.SignInAsync(app, "ana@example.com");
        var html = await signedIn.GetStringAsync("/courses/ai-engineering/chapters/foundation-models");

        Assert.Contains("/courses/ai-engineering/chapters/foundation-models/slides/12?segment=2", html);
        Assert.Contains("Sign out", html);
        Assert.DoesNotContain("Sign out", await anonymous.GetStringAsync("/courses/ai-engineering/chapters/foundation-models"));
    }

    [Fact]
    public async Task Instructor_analytics_count_learners_slides_and_questions()
    {
        var other = await SignedInClient.CreateUserAsync(app, "luis@example.com");
        await Play(learner, (1, 1, 0), (2, 1, 4), (3, 1, 8));
        await Play(other, (1, 1, 0), (2, 1, 10));

        using var scope = app.Services.CreateScope();
        var figures = await scope.ServiceProvider.GetRequiredService<Course.Web.Studio.ChapterAnalytics>().ComputeAsync(chapter);

        Assert.Equal(2, figures.Started);
        Assert.Equal(0, figures.Completed);
        Assert.Equal([2, 2, 1, 0], figures.Slides.Take(4).Select(s => s.Reached));
        Assert.Equal(7, figures.Slides[0].MedianSeconds); // 4 s and 10 s
        var csv = Course.Web.Studio.ChapterAnalytics.SlidesCsv(figures);
        Assert.StartsWith("slide,first_line,learners_reached,median_seconds\r\n1,", csv);
    }

    [Fact]
    public async Task The_same_wrong_option_picked_under_different_ids_counts_as_one_common_wrong_answer()
    {
        // Every attempt shows its options under ids of its own; instructors still see which option learners chose.
        var other = await SignedInClient.CreateUserAsync(app, "luis@example.com");
        await Play(learner, (1, 1, 0)); // the dashboard lists chapters the learner has started
        using (var scope = app.Services.CreateScope())
        {
            var play = (await scope.ServiceProvider.GetRequiredService<Course.Web.Quizzes.QuizCatalog>().GetAsync("ai-engineering", "foundation-models", "final"))!;
            var grader = scope.ServiceProvider.GetRequiredService<Course.Core.Quizzes.QuizGrader>();
            var ids = new List<string>();
            foreach (var user in new[] { learner, other })
            {
                var attempt = new Course.Core.Quizzes.QuizAttempt(play.Definition, grader, Course.Core.Quizzes.AttemptKey.New(), start);
                var wrong = attempt.Questions.Single(q => q.Id == "auto-supervision").Options.Single(o => o.Text == "Un equipo humano revisa cada respuesta del modelo").Id;
                ids.Add(wrong);
                Assert.Empty(attempt.Submit(new Dictionary<string, Course.Core.Quizzes.Answer> { ["auto-supervision"] = new Course.Core.Quizzes.ChoiceAnswer([wrong]) }, start));
                await scope.ServiceProvider.GetRequiredService<LearnerProgress>().SaveAttemptAsync(user, chapter.Chapter.ChapterId, attempt);
            }

            Assert.NotEqual(ids[0], ids[1]);
        }

        using var read = app.Services.CreateScope();
        var figures = await read.ServiceProvider.GetRequiredService<Course.Web.Studio.ChapterAnalytics>().ComputeAsync(chapter);
        var question = figures.Quizzes.Single(q => q.Slug == "final").Questions.Single(q => q.Key == "auto-supervision");
        Assert.Equal(("Un equipo humano revisa cada respuesta del modelo", 2), Assert.Single(question.CommonWrong));
        var review = Assert.Single(await read.ServiceProvider.GetRequiredService<LearnerProgress>().DashboardAsync(learner)).ToReview;
        Assert.Contains(review, w => w.QuestionKey == "auto-supervision");
    }

    [Fact]
    public async Task Learners_wrong_answers_reach_questions_csv_defused_for_spreadsheets()
    {
        var final = chapter.QuizList.Single(q => q.Slug == "final");
        using var scope = app.Services.CreateScope();
        var question = (await scope.ServiceProvider.GetRequiredService<Course.Web.Quizzes.QuizCatalog>()
            .GetAsync("ai-engineering", "foundation-models", final.Slug))!.Definition.Questions[0].Id;
        await using (var db = await Db())
        {
            foreach (var answer in new[] { "=HYPERLINK(\"http://evil\")", "-2+3", "@SUM(A1)" })
            {
                var attempt = Guid.NewGuid();
                db.QuizAttemptRecords.Add(new QuizAttemptRecord
                {
                    Id = attempt, UserId = learner, ChapterId = chapter.Chapter.ChapterId, QuizSlug = final.Slug,
                    StartedAt = start, SubmittedAt = start, Score = 0, Passed = false,
                    Answers = [new QuizAnswerRecord { AttemptId = attempt, QuestionKey = question, Score = 0, Answer = answer }],
                });
            }

            await db.SaveChangesAsync();
        }

        var figures = await scope.ServiceProvider.GetRequiredService<Course.Web.Studio.ChapterAnalytics>().ComputeAsync(chapter);
        var row = Course.Web.Studio.ChapterAnalytics.QuestionsCsv(figures).Split("\r\n").Single(r => r.StartsWith($"final,{question},"));

        // Every common wrong answer is in the one cell, which starts with an apostrophe: no formula runs.
        var wrong = row[(row.LastIndexOf(",\"", StringComparison.Ordinal) + 1)..];
        Assert.StartsWith("\"'", wrong);
        foreach (var answer in new[] { "-2+3 (1)", "@SUM(A1) (1)", "=HYPERLINK(\"\"http://evil\"\") (1)" })
        {
            Assert.Contains(answer, wrong);
        }
    }

    [Fact]
    public async Task A_learner_who_saw_every_slide_and_passed_the_final_quiz_counts_as_completed()
    {
        var other = await SignedInClient.CreateUserAsync(app, "luis@example.com");
        var everything = chapter.Slides.Select((s, i) => (s.Number, s.Segments.Count, i * 5)).ToArray();
        await Play(learner, everything);
        await Play(other, everything);
        await using (var db = await Db())
        {
            db.QuizAttemptRecords.Add(new QuizAttemptRecord
            {
                Id = Guid.NewGuid(), UserId = learner, ChapterId = chapter.Chapter.ChapterId, QuizSlug = "final",
                StartedAt = start, SubmittedAt = start, Score = 0.8, Passed = true,
            });
            await db.SaveChangesAsync();
        }

        using var scope = app.Services.CreateScope();
        var figures = await scope.ServiceProvider.GetRequiredService<Course.Web.Studio.ChapterAnalytics>().ComputeAsync(chapter);
        var standing = Assert.Single(await scope.ServiceProvider.GetRequiredService<LearnerProgress>().DashboardAsync(learner));

        Assert.Equal(2, figures.Started);
        Assert.Equal(1, figures.Completed);
        Assert.True(standing.Complete);
        Assert.Equal(1.0, standing.Completion);
    }
}
