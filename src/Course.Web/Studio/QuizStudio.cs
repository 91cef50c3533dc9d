using Course.Core.Quizzes;
using Course.Core.Rendering;
using Course.Core.Scripts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Studio;

/// <summary>
/// The quiz editor's write side: a chapter's quizzes (checkpoint after a slide, or final; feedback mode;
/// pass mark) and their questions of every type (add, edit, reorder, delete). Every change is checked
/// first, with each problem named by its field (Core's <see cref="QuestionValidator"/> plus what needs the
/// database: the slides exist, texts fit their columns); a change with problems saves nothing. A saved
/// change gives the chapter a new view version (never its own version, the chapter editor's concurrency
/// token), so learners' cached chapter and quizzes are replaced at once and no editor meets a conflict.
/// One short-lived context per operation.
/// </summary>
public sealed class QuizStudio(IDbContextFactory<CourseDbContext> contextFactory, CatalogChanges changes, TimeProvider clock)
{
    // The columns' sizes, for the editor's counters.
    public const int MaxTitle = QuizLimits.MaxTitle;
    public const int MaxPrompt = QuizLimits.MaxPrompt;
    public const int MaxExplanation = QuizLimits.MaxExplanation;

    /// <inheritdoc cref="QuizChecks.Check"/>
    public static (Question? Question, IReadOnlyList<ValidationProblem> Problems) Check(QuestionForm form, string key, IReadOnlySet<string> slideKeys) =>
        QuizChecks.Check(form, key, slideKeys);

    public async Task<StudioQuizChapter?> GetChapterAsync(int chapterId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.AsNoTracking().Include(c => c.Course).SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return null;
        }

        var slides = await ChapterReads.WorkingSlidesAsync(db, chapterId, cancellationToken);
        var published = await db.Slides.AsNoTracking().Where(s => s.ChapterId == chapterId)
            .ToDictionaryAsync(s => s.Key, s => s.Position, StringComparer.Ordinal, cancellationToken);
        var quizzes = await db.Quizzes.AsNoTracking()
            .Where(q => q.ChapterId == chapterId)
            .Include(q => q.Questions)
            .OrderBy(q => q.Position)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new StudioQuizChapter(
            chapter.Id, chapter.Course.Slug, chapter.Slug, chapter.Title, chapter.Language, chapter.Status,
            [.. slides.Select((s, i) => new StudioSlide(s.Key, i + 1, FirstLine(s.Text), published.TryGetValue(s.Key, out var n) ? n : null))],
            [.. quizzes.Select(q => new StudioQuiz(q.Id, q.Slug, q.Title, q.Kind, q.AfterSlideKey, q.Feedback, q.PassMark,
                [.. q.Questions.OrderBy(x => x.Position).Select(x => new StudioQuestion(x.Id, x.Position,
                    new Question(x.Key, x.Prompt, x.Explanation, x.TeachingSlideKey, QuizJson.Read(x.BodyJson))))]))],
            slides.Select(s => s.Key).Concat(published.Keys).ToHashSet(StringComparer.Ordinal));
    }

    public async Task<StudioChange> CreateQuizAsync(int chapterId, QuizSettingsForm form, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Chapters.AnyAsync(c => c.Id == chapterId, cancellationToken))
        {
            return StudioChange.NotFound;
        }

        var others = await db.Quizzes.AsNoTracking().Where(q => q.ChapterId == chapterId).ToListAsync(cancellationToken);
        var (settings, problems) = await QuizChecks.CheckSettingsAsync(db, chapterId, form, others, cancellationToken);
        if (problems.Count > 0)
        {
            return new StudioChange(problems);
        }

        var quiz = new Quiz
        {
            ChapterId = chapterId,
            Slug = FreeKey(Slugs.FromTitle(settings!.Title), "quiz", others.Select(q => q.Slug), 80),
            Title = settings.Title,
            Position = 1 + others.Select(q => q.Position).DefaultIfEmpty().Max(),
        };
        Apply(quiz, settings);
        db.Quizzes.Add(quiz);
        await CommitAsync(db, chapterId, cancellationToken);
        return StudioChange.Done(quiz.Id);
    }

    /// <summary>Title, kind, slide, feedback mode and pass mark; the slug stays, so links keep working.</summary>
    public async Task<StudioChange> UpdateQuizAsync(int chapterId, int quizId, QuizSettingsForm form, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var quiz = await db.Quizzes.SingleOrDefaultAsync(q => q.Id == quizId && q.ChapterId == chapterId, cancellationToken);
        if (quiz is null)
        {
            return StudioChange.NotFound;
        }

        var others = await db.Quizzes.AsNoTracking().Where(q => q.ChapterId == chapterId && q.Id != quizId).ToListAsync(cancellationToken);
        var (settings, problems) = await QuizChecks.CheckSettingsAsync(db, chapterId, form, others, cancellationToken);
        if (problems.Count > 0)
        {
            return new StudioChange(problems);
        }

        Apply(quiz, settings!);
        await CommitAsync(db, chapterId, cancellationToken);
        return StudioChange.Done(quiz.Id);
    }

    /// <summary>Deletes a quiz with its questions; learners' past attempts stay in their records.</summary>
    public async Task<bool> DeleteQuizAsync(int chapterId, int quizId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var quiz = await db.Quizzes.SingleOrDefaultAsync(q => q.Id == quizId && q.ChapterId == chapterId, cancellationToken);
        if (quiz is null)
        {
            return false;
        }

        db.Quizzes.Remove(quiz);
        await CommitAsync(db, chapterId, cancellationToken);
        return true;
    }

    /// <summary>Adds the question at the quiz's end (<see cref="QuestionForm.Id"/> null) or replaces one in place.</summary>
    public async Task<StudioChange> SaveQuestionAsync(int chapterId, int quizId, QuestionForm form, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var quiz = await db.Quizzes.Include(q => q.Questions).SingleOrDefaultAsync(q => q.Id == quizId && q.ChapterId == chapterId, cancellationToken);
        var existing = form.Id is { } id ? quiz?.Questions.FirstOrDefault(q => q.Id == id) : null;
        if (quiz is null || (form.Id is not null && existing is null))
        {
            return StudioChange.NotFound;
        }

        var key = existing?.Key ?? FreeKey(Slugs.FromTitle(form.Prompt), "question", quiz.Questions.Select(q => q.Key), 60);
        var (question, problems) = QuizChecks.Check(form, key, await QuizChecks.SlideKeysAsync(db, chapterId, cancellationToken));
        if (problems.Count > 0)
        {
            return new StudioChange(problems);
        }

        var row = existing ?? new QuizQuestion
        {
            Key = key,
            Prompt = "",
            Explanation = "",
            BodyJson = "",
            Position = 1 + quiz.Questions.Select(q => q.Position).DefaultIfEmpty().Max(),
        };
        row.Prompt = question!.Prompt;
        row.Explanation = question.Explanation;
        row.TeachingSlideKey = question.TeachingSlideKey;
        row.BodyJson = QuizJson.Write(question.Body);
        if (existing is null)
        {
            quiz.Questions.Add(row);
        }

        await CommitAsync(db, chapterId, cancellationToken);
        return StudioChange.Done(row.Id);
    }

    public async Task<bool> DeleteQuestionAsync(int chapterId, int questionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var quiz = await QuizOfQuestionAsync(db, chapterId, questionId, cancellationToken);
        if (quiz is null)
        {
            return false;
        }

        var questions = quiz.Questions.OrderBy(q => q.Position).ToList();
        var question = questions.Single(q => q.Id == questionId);
        questions.Remove(question);
        db.QuizQuestions.Remove(question);
        Renumber(questions);
        await CommitAsync(db, chapterId, cancellationToken);
        return true;
    }

    /// <summary>Moves a question one place up (-1) or down (+1) in its quiz; false when it cannot move.</summary>
    public async Task<bool> MoveQuestionAsync(int chapterId, int questionId, int direction, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var quiz = await QuizOfQuestionAsync(db, chapterId, questionId, cancellationToken);
        if (quiz is null)
        {
            return false;
        }

        var questions = quiz.Questions.OrderBy(q => q.Position).ToList();
        var index = questions.FindIndex(q => q.Id == questionId);
        var other = index + Math.Sign(direction);
        if (direction == 0 || other < 0 || other >= questions.Count)
        {
            return false;
        }

        (questions[index], questions[other]) = (questions[other], questions[index]);
        Renumber(questions);
        await CommitAsync(db, chapterId, cancellationToken);
        return true;
    }

    private static async Task<Quiz?> QuizOfQuestionAsync(CourseDbContext db, int chapterId, int questionId, CancellationToken cancellationToken) =>
        await db.Quizzes.Include(q => q.Questions)
            .SingleOrDefaultAsync(q => q.ChapterId == chapterId && q.Questions.Any(x => x.Id == questionId), cancellationToken);

    private static void Apply(Quiz quiz, QuizSettings settings)
    {
        quiz.Title = settings.Title;
        quiz.Kind = settings.Kind;
        quiz.AfterSlideKey = settings.Kind == QuizKind.Checkpoint ? settings.AfterSlideKey : null;
        quiz.Feedback = settings.Feedback;
        quiz.PassMark = settings.PassMark;
    }

    private static void Renumber(List<QuizQuestion> questions)
    {
        for (var i = 0; i < questions.Count; i++)
        {
            questions[i].Position = i + 1;
        }
    }

    /// <summary>A slug-like key not yet taken: "que-es-un-token", else "que-es-un-token-2", …</summary>
    private static string FreeKey(string wanted, string fallback, IEnumerable<string> taken, int length)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        // Slugs.FromTitle names an empty title "chapter"; here the fallback says what it is.
        var slug = wanted == "chapter" ? fallback : wanted;
        if (slug.Length > length)
        {
            // Cut at a word: "que-es-un-token-y" rather than "que-es-un-token-y-co".
            var cut = slug[..length];
            slug = slug[length] == '-' || cut.LastIndexOf('-') < length / 2 ? cut : cut[..cut.LastIndexOf('-')];
        }

        slug = slug.TrimEnd('-');
        var key = slug;
        for (var n = 2; used.Contains(key); n++)
        {
            key = $"{slug}-{n}";
        }

        return key;
    }

    /// <summary>Stores the change and a new view version of the chapter together, then evicts the catalogue's caches.</summary>
    private async Task CommitAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            // The view version, not the chapter's own: a quiz edit must never meet the chapter editor's
            // concurrency token (Version), yet learners' cached chapter and its quizzes are keyed by both.
            await db.Chapters.Where(c => c.Id == chapterId)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.ViewVersion, version).SetProperty(c => c.UpdatedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await changes.ChapterChangedAsync(cancellationToken);
    }

    private static string FirstLine(string slideText)
    {
        var segments = ScriptParser.Parse(slideText).Script?.Slides.FirstOrDefault()?.Segments ?? [];
        var line = segments
            .Select(s => SegmentMarkdown.Render(s.Text).PlainText.Trim())
            .FirstOrDefault(t => t.Length > 0) ?? "";
        return line.Length <= 80 ? line : line[..79].TrimEnd() + "…";
    }
}
