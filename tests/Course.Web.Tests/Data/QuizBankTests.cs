using Course.Core.Quizzes;
using Course.Web.Data;
using Course.Web.Quizzes;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Course.Web.Seed;

namespace Course.Web.Tests.Data;

/// <summary>The seed chapter's question bank, as stored on a first start.</summary>
public sealed class QuizBankTests : IDisposable
{
    private readonly CourseAppFactory app = new();

    public void Dispose() => app.Dispose();

    private Task<CourseDbContext> Db() =>
        app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task The_seed_bank_has_checkpoints_a_final_quiz_and_every_question_type()
    {
        await using var db = await Db();
        var quizzes = await db.Quizzes.Include(q => q.Questions).OrderBy(q => q.Position).ToListAsync();
        var slides = await db.Slides.ToDictionaryAsync(s => s.Key, s => s.Position);

        Assert.InRange(quizzes.Count(q => q.Kind == QuizKind.Checkpoint), 2, 3);
        Assert.Single(quizzes, q => q.Kind == QuizKind.Final);
        var questions = quizzes.SelectMany(q => q.Questions).ToList();
        Assert.True(questions.Count >= 24, $"only {questions.Count} questions");
        var kinds = questions.Select(q => QuizJson.Read(q.BodyJson).Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<QuestionKind>().ToHashSet(), kinds);
        Assert.All(questions, q => Assert.True(q.TeachingSlideKey is not null && slides.ContainsKey(q.TeachingSlideKey), $"{q.Key} links no slide"));
        Assert.All(quizzes.Where(q => q.Kind == QuizKind.Checkpoint), q => Assert.True(slides.ContainsKey(q.AfterSlideKey!)));
        Assert.All(questions, q => Assert.Empty(QuestionValidator.Validate(new Question(q.Key, q.Prompt, q.Explanation, q.TeachingSlideKey, QuizJson.Read(q.BodyJson)))));
        Assert.All(quizzes, q => Assert.Equal(0.7, q.PassMark));
    }

    [Fact]
    public async Task Seeding_again_adds_nothing_and_removed_quizzes_stay_removed()
    {
        await using (var db = await Db())
        {
            db.Quizzes.Remove(await db.Quizzes.SingleAsync(q => q.Slug == "tokens"));
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CourseSeeder>().SeedAsync();
        }

        await using (var db = await Db())
        {
            Assert.Equal(3, await db.Quizzes.CountAsync());
            Assert.DoesNotContain(await db.Quizzes.Select(q => q.Slug).ToListAsync(), s => s == "tokens");
        }
    }

    [Fact]
    public async Task A_bank_with_problems_is_refused_whole_with_every_problem_named()
    {
        await using var db = await Db();
        var chapterId = await db.Chapters.Select(c => c.Id).SingleAsync();
        var before = await db.QuizQuestions.CountAsync();
        var bank = QuizBankFile.Read("""
            { "quizzes": [ { "slug": "x", "title": "X", "kind": "Checkpoint", "feedback": "Immediate", "questions": [
              { "id": "a", "slide": 99, "prompt": "¿?", "explanation": "e", "body": { "type": "choice", "choices": [ { "id": "a", "text": "A" }, { "id": "b", "text": "B" } ], "correct": [ "a", "b" ] } },
              { "id": "b", "slide": 1, "prompt": "¿?", "explanation": "e", "body": { "type": "numeric", "answer": 1, "tolerance": -1 } }
            ] } ] }
            """);

        var problems = await app.Services.CreateScope().ServiceProvider.GetRequiredService<QuizImporter>().ImportAsync(chapterId, bank);

        Assert.Equal(
        [
            "quiz 'x': a checkpoint needs the slide it follows (afterSlide)",
            "quiz 'x', question 'a': there is no slide 99 (the chapter has 73)",
            "quiz 'x', question 'a': a single-choice question has exactly one correct option, not 2",
            "quiz 'x', question 'b': the tolerance must be at least 0 (and below 1 when relative)",
        ], problems);
        Assert.Equal(before, await db.QuizQuestions.CountAsync());
    }
}
