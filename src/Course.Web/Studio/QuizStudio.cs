using System.Globalization;
using Course.Core.Quizzes;
using Course.Core.Rendering;
using Course.Core.Scripts;
using Course.Core.Tokens;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Studio;

/// <summary>
/// A slide as the quiz editor offers it: "12. The first words of the slide", numbered as in the draft when
/// there is one; <see cref="PublishedNumber"/> is its number for learners, null until it is published.
/// </summary>
public sealed record StudioSlide(string Key, int Number, string FirstLine, int? PublishedNumber);

/// <summary>A stored question with its answer (the studio may show it; learner pages never get one).</summary>
public sealed record StudioQuestion(int Id, int Position, Question Question);

public sealed record StudioQuiz(
    int Id, string Slug, string Title, QuizKind Kind, string? AfterSlideKey, FeedbackMode Feedback, double PassMark,
    IReadOnlyList<StudioQuestion> Questions)
{
    public QuizSettings Settings => new(Title, Kind, AfterSlideKey, Feedback, PassMark);
}

/// <summary>A chapter's quizzes with everything needed to edit them: its published slides and each question's body.</summary>
public sealed record StudioQuizChapter(
    int ChapterId, string CourseSlug, string ChapterSlug, string Title, string Language, ChapterStatus Status,
    IReadOnlyList<StudioSlide> Slides, IReadOnlyList<StudioQuiz> Quizzes)
{
    public StudioSlide? Slide(string? key) => key is null ? null : Slides.FirstOrDefault(s => s.Key == key);
}

/// <summary>What a change did: the id of what was saved, or every problem (and then nothing was saved).</summary>
public sealed record StudioChange(IReadOnlyList<ValidationProblem> Problems, int? Id = null)
{
    public bool Succeeded => Problems.Count == 0;

    public static StudioChange Done(int id) => new([], id);

    public static StudioChange NotFound { get; } =
        new([new ValidationProblem("", QuizStudio.Codes.NotFound, "the chapter, quiz or question no longer exists")]);
}

/// <summary>
/// The quiz editor's write side: a chapter's quizzes (checkpoint after a slide, or final; feedback mode;
/// pass mark) and their questions of every type (add, edit, reorder, delete). Every change is checked
/// first, with each problem named by its field (Core's <see cref="QuestionValidator"/> plus what needs the
/// database: the slides exist, texts fit their columns); a change with problems saves nothing. A saved
/// change gives the chapter a new version, so learners' cached chapter and quizzes are replaced at once.
/// One short-lived context per operation.
/// </summary>
public sealed class QuizStudio(IDbContextFactory<CourseDbContext> contextFactory, CatalogChanges changes, TimeProvider clock)
{
    /// <summary>Codes of the problems found here rather than in Core (they need the database or parse input).</summary>
    public static class Codes
    {
        public const string NotFound = nameof(NotFound);
        public const string NotANumber = nameof(NotANumber);
        public const string AmbiguousNumber = nameof(AmbiguousNumber);
        public const string UnknownSlide = nameof(UnknownSlide);
        public const string TooLong = nameof(TooLong);
    }

    // The columns' sizes (QuizConfiguration): PostgreSQL would refuse longer texts.
    public const int MaxTitle = 300;
    public const int MaxPrompt = 2000;
    public const int MaxExplanation = 4000;
    public const int MaxBody = 20_000;

    public async Task<StudioQuizChapter?> GetChapterAsync(int chapterId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.AsNoTracking().Include(c => c.Course).SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return null;
        }

        var slides = await DraftSlideKeys.WorkingAsync(db, chapterId, cancellationToken);
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
                    new Question(x.Key, x.Prompt, x.Explanation, x.TeachingSlideKey, QuizJson.Read(x.BodyJson))))]))]);
    }

    public async Task<StudioChange> CreateQuizAsync(int chapterId, QuizSettingsForm form, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Chapters.AnyAsync(c => c.Id == chapterId, cancellationToken))
        {
            return StudioChange.NotFound;
        }

        var others = await db.Quizzes.AsNoTracking().Where(q => q.ChapterId == chapterId).ToListAsync(cancellationToken);
        var (settings, problems) = await CheckAsync(db, chapterId, form, others, cancellationToken);
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
        var (settings, problems) = await CheckAsync(db, chapterId, form, others, cancellationToken);
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
        var (question, problems) = Check(form, key, await SlideKeysAsync(db, chapterId, cancellationToken));
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

    /// <summary>
    /// Every problem of a question form, by field: numbers that do not read, Core's rules (the teaching slide
    /// required once the chapter has slides), slides that are not the chapter's, texts too long to store.
    /// The question is null when there are problems. Used for saving and for the editor's preview.
    /// </summary>
    public static (Question? Question, IReadOnlyList<ValidationProblem> Problems) Check(QuestionForm form, string key, IReadOnlySet<string> slideKeys)
    {
        var (question, problems) = form.Build(key, requireSlide: slideKeys.Count > 0);
        if (!string.IsNullOrEmpty(question.TeachingSlideKey) && !slideKeys.Contains(question.TeachingSlideKey))
        {
            problems.Add(new("slide", Codes.UnknownSlide, "the slide is not one of this chapter's"));
        }

        TooLong(question.Prompt, MaxPrompt, "prompt", problems);
        TooLong(question.Explanation, MaxExplanation, "explanation", problems);
        TooLong(QuizJson.Write(question.Body), MaxBody, "body", problems);
        return problems.Count == 0 ? (question, problems) : (null, problems);
    }

    private static async Task<Quiz?> QuizOfQuestionAsync(CourseDbContext db, int chapterId, int questionId, CancellationToken cancellationToken) =>
        await db.Quizzes.Include(q => q.Questions)
            .SingleOrDefaultAsync(q => q.ChapterId == chapterId && q.Questions.Any(x => x.Id == questionId), cancellationToken);

    private static async Task<(QuizSettings? Settings, List<ValidationProblem> Problems)> CheckAsync(
        CourseDbContext db, int chapterId, QuizSettingsForm form, IReadOnlyList<Quiz> others, CancellationToken cancellationToken)
    {
        var problems = new List<ValidationProblem>();
        var settings = form.ToSettings(problems);
        problems.AddRange(QuestionValidator.CheckQuiz(settings, others.Select(o => new QuizSettings(o.Title, o.Kind, o.AfterSlideKey, o.Feedback, o.PassMark))));
        if (settings.Kind == QuizKind.Checkpoint && !string.IsNullOrEmpty(settings.AfterSlideKey)
            && !(await SlideKeysAsync(db, chapterId, cancellationToken)).Contains(settings.AfterSlideKey))
        {
            problems.Add(new("afterSlide", Codes.UnknownSlide, "the slide is not one of this chapter's"));
        }

        TooLong(settings.Title, MaxTitle, "title", problems);
        return (problems.Count == 0 ? settings : null, problems);
    }

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

    private static void TooLong(string text, int max, string field, List<ValidationProblem> problems)
    {
        if (text.Length > max)
        {
            problems.Add(new(field, Codes.TooLong, $"at most {max} characters, not {text.Length}") { Arguments = [max, text.Length] });
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

    /// <summary>Stores the change and a new chapter version together, then evicts the catalogue's caches.</summary>
    private async Task CommitAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            // Set directly, not through a loaded chapter: a quiz edit must not meet the chapter editor's
            // concurrency token, and the version is what the rendered chapter and its quizzes are cached by.
            await db.Chapters.Where(c => c.Id == chapterId)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, version).SetProperty(c => c.UpdatedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await changes.ChapterChangedAsync(cancellationToken);
    }

    /// <summary>
    /// The slides a quiz may name: the draft's (so a chapter can have its quizzes before its first publish)
    /// and the published ones (a question keeps its link until the draft that drops its slide is published).
    /// </summary>
    private static async Task<HashSet<string>> SlideKeysAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var keys = (await DraftSlideKeys.WorkingAsync(db, chapterId, cancellationToken)).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        keys.UnionWith(await db.Slides.Where(s => s.ChapterId == chapterId).Select(s => s.Key).ToListAsync(cancellationToken));
        return keys;
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

/// <summary>A quiz's settings as typed: the pass mark in percent, as text, so a wrong entry can be named.</summary>
public sealed class QuizSettingsForm
{
    public string Title { get; set; } = "";
    public QuizKind Kind { get; set; } = QuizKind.Checkpoint;
    public string? AfterSlideKey { get; set; }
    public FeedbackMode Feedback { get; set; } = FeedbackMode.Immediate;
    public string PassMarkPercent { get; set; } = Percent(QuizDefinition.DefaultPassMark);

    public static QuizSettingsForm From(StudioQuiz quiz) => new()
    {
        Title = quiz.Title,
        Kind = quiz.Kind,
        AfterSlideKey = quiz.AfterSlideKey,
        Feedback = quiz.Feedback,
        PassMarkPercent = Percent(quiz.PassMark),
    };

    internal QuizSettings ToSettings(List<ValidationProblem> problems)
    {
        var percent = QuestionForm.ReadNumber((PassMarkPercent ?? "").Trim().TrimEnd('%'), "passMark", problems, emptyIs: null);
        return new QuizSettings(
            (Title ?? "").Trim(),
            Kind,
            Kind == QuizKind.Checkpoint && !string.IsNullOrWhiteSpace(AfterSlideKey) ? AfterSlideKey : null,
            Feedback,
            percent is { } p ? (double)(p / 100m) : QuizDefinition.DefaultPassMark);
    }

    private static string Percent(double share) => Math.Round(share * 100, 2).ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>One option, item or accepted answer in the editor. <see cref="Id"/> is null for a new one.</summary>
public sealed class OptionRow
{
    public string? Id { get; set; }
    public string Text { get; set; } = "";

    /// <summary>Choice questions: whether this option is right.</summary>
    public bool Correct { get; set; }
}

/// <summary>A matching row: a prompt and the target it goes with. Rows naming the same target share it.</summary>
public sealed class PairRow
{
    public string? PromptId { get; set; }
    public string Prompt { get; set; } = "";
    public string Target { get; set; } = "";
}

/// <summary>
/// A question as the editor holds it while the instructor types: every kind's fields at once (switching
/// kind keeps what was typed), numbers as text. <see cref="Build"/> turns it into a <see cref="Question"/>
/// and names each problem by the editor's field: <c>choices.2</c>, <c>pairs.1.target</c>, <c>extras.0</c>, …
/// Options keep their ids across edits, and a removed option's id is never given to a new one, so stored
/// answers keep meaning what they meant.
/// </summary>
public sealed class QuestionForm
{
    private readonly HashSet<string> originalIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> originalTargets = new(StringComparer.Ordinal);

    /// <summary>The stored question's id; null while it is new.</summary>
    public int? Id { get; init; }

    /// <summary>The stored question's key (what answers and links name); null while it is new.</summary>
    public string? Key { get; init; }

    public QuestionKind Kind { get; set; } = QuestionKind.SingleChoice;
    public string Prompt { get; set; } = "";
    public string Explanation { get; set; } = "";
    public string? TeachingSlideKey { get; set; }

    public List<OptionRow> Choices { get; set; } = [];
    public bool TrueFalseAnswer { get; set; } = true;
    public string NumericAnswer { get; set; } = "";
    public string Tolerance { get; set; } = "0";
    public bool Relative { get; set; }
    public string Unit { get; set; } = "";
    public List<OptionRow> Items { get; set; } = [];
    public List<PairRow> Pairs { get; set; } = [];

    /// <summary>Matching: targets no prompt goes with (distractors).</summary>
    public List<OptionRow> ExtraTargets { get; set; } = [];

    public List<OptionRow> Accepted { get; set; } = [];
    public string Model { get; set; } = TokenExplorer.Encodings[0].Model;
    public string TokenText { get; set; } = "";

    /// <summary>A blank question of a kind, with empty rows to type into.</summary>
    public static QuestionForm New(QuestionKind kind = QuestionKind.SingleChoice, string? slideKey = null) => new()
    {
        Kind = kind,
        TeachingSlideKey = slideKey,
        Choices = [new(), new(), new()],
        Items = [new(), new(), new()],
        Pairs = [new(), new()],
        Accepted = [new()],
    };

    public static QuestionForm From(StudioQuestion stored)
    {
        var question = stored.Question;
        var blank = New(question.Kind, question.TeachingSlideKey);
        var form = new QuestionForm
        {
            Id = stored.Id,
            Key = question.Id,
            Kind = question.Kind,
            Prompt = question.Prompt,
            Explanation = question.Explanation,
            TeachingSlideKey = question.TeachingSlideKey,
            // Rows for the other kinds, should the instructor switch.
            Choices = blank.Choices,
            Items = blank.Items,
            Pairs = blank.Pairs,
            Accepted = blank.Accepted,
        };
        switch (question.Body)
        {
            case ChoiceBody body:
                form.Choices = [.. body.Choices.Select(c => new OptionRow { Id = c.Id, Text = c.Text, Correct = body.Correct.Contains(c.Id) })];
                form.originalIds.UnionWith(body.Choices.Select(c => c.Id));
                break;
            case TrueFalseBody body:
                form.TrueFalseAnswer = body.Answer;
                break;
            case NumericBody body:
                form.NumericAnswer = body.Answer.ToString(CultureInfo.InvariantCulture);
                form.Tolerance = body.Tolerance.ToString(CultureInfo.InvariantCulture);
                form.Relative = body.Relative;
                form.Unit = body.Unit ?? "";
                break;
            case OrderingBody body:
                form.Items = [.. body.Items.Select(i => new OptionRow { Id = i.Id, Text = i.Text })];
                form.originalIds.UnionWith(body.Items.Select(i => i.Id));
                break;
            case MatchingBody body:
                form.Pairs = [.. body.Prompts.Select(p => new PairRow
                {
                    PromptId = p.Id,
                    Prompt = p.Text,
                    Target = body.Pairs.TryGetValue(p.Id, out var t) ? body.Targets.FirstOrDefault(x => x.Id == t)?.Text ?? "" : "",
                })];
                var paired = body.Pairs.Values.ToHashSet(StringComparer.Ordinal);
                form.ExtraTargets = [.. body.Targets.Where(t => !paired.Contains(t.Id)).Select(t => new OptionRow { Id = t.Id, Text = t.Text })];
                form.originalIds.UnionWith(body.Prompts.Select(p => p.Id));
                form.originalIds.UnionWith(body.Targets.Select(t => t.Id));
                foreach (var target in body.Targets)
                {
                    form.originalTargets.TryAdd(TextMatching.Normalise(target.Text), target.Id);
                }

                break;
            case ShortTextBody body:
                form.Accepted = [.. body.Accepted.Select(a => new OptionRow { Text = a })];
                break;
            case TokenCountBody body:
                form.Model = body.Model;
                form.TokenText = body.Text;
                break;
        }

        return form;
    }

    /// <summary>Single choice: marks this option as the one right answer.</summary>
    public void MarkOnlyCorrect(OptionRow option)
    {
        foreach (var row in Choices)
        {
            row.Correct = ReferenceEquals(row, option);
        }
    }

    /// <summary>Moves a row one place up (-1) or down (+1).</summary>
    public static void Move<T>(List<T> rows, int index, int by)
    {
        var target = index + by;
        if (index < 0 || index >= rows.Count || target < 0 || target >= rows.Count)
        {
            return;
        }

        (rows[index], rows[target]) = (rows[target], rows[index]);
    }

    /// <summary>The question this form describes (whatever its problems) and its problems by the form's fields.</summary>
    public (Question Question, List<ValidationProblem> Problems) Build(string key, bool requireSlide)
    {
        var problems = new List<ValidationProblem>();
        var used = new HashSet<string>(originalIds, StringComparer.Ordinal);
        var targetFields = new List<string>();
        QuestionBody body;
        switch (Kind)
        {
            case QuestionKind.SingleChoice:
            case QuestionKind.MultipleResponse:
                var choices = WithIds(Choices, used);
                body = new ChoiceBody(choices, [.. choices.Where((_, i) => Choices[i].Correct).Select(c => c.Id)], Kind == QuestionKind.MultipleResponse);
                break;
            case QuestionKind.TrueFalse:
                body = new TrueFalseBody(TrueFalseAnswer);
                break;
            case QuestionKind.Numeric:
                var answer = ReadNumber(NumericAnswer, "answer", problems, emptyIs: null);
                var tolerance = ReadNumber(Tolerance, "tolerance", problems, emptyIs: 0m);
                body = new NumericBody(answer ?? 0, tolerance ?? 0, Relative, string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim());
                break;
            case QuestionKind.Ordering:
                body = new OrderingBody(WithIds(Items, used));
                break;
            case QuestionKind.Matching:
                body = BuildMatching(used, targetFields);
                break;
            case QuestionKind.ShortText:
                body = new ShortTextBody([.. Accepted.Select(a => (a.Text ?? "").Trim())]);
                break;
            default:
                body = new TokenCountBody(Model, TokenText ?? "");
                break;
        }

        var question = new Question(key, (Prompt ?? "").Trim(), (Explanation ?? "").Trim(),
            string.IsNullOrWhiteSpace(TeachingSlideKey) ? null : TeachingSlideKey, body);
        foreach (var problem in QuestionValidator.Check(question, requireSlide))
        {
            var field = FormField(problem.Field, targetFields);
            if (!problems.Any(p => p.Field == field && p.Code == problem.Code))
            {
                problems.Add(problem with { Field = field });
            }
        }

        return (question, problems);
    }

    /// <summary>
    /// Reads a number typed in English or Spanish style (docs/quizzes.md). "1.000" could be one or a
    /// thousand, so it is refused with a message rather than guessed.
    /// </summary>
    internal static decimal? ReadNumber(string? text, string field, List<ValidationProblem> problems, decimal? emptyIs)
    {
        if (string.IsNullOrWhiteSpace(text) && emptyIs is not null)
        {
            return emptyIs;
        }

        var candidates = NumberReading.Candidates(text);
        switch (candidates.Count)
        {
            case 1:
                return candidates[0];
            case 0:
                problems.Add(new(field, QuizStudio.Codes.NotANumber, $"'{text}' is not a number") { Arguments = [text ?? ""] });
                return null;
            default:
                problems.Add(new(field, QuizStudio.Codes.AmbiguousNumber, $"'{text}' could be {candidates[0]} or {candidates[1]}: write it without a thousands separator")
                {
                    Arguments = [text ?? "", candidates[0], candidates[1]],
                });
                return null;
        }
    }

    private MatchingBody BuildMatching(HashSet<string> used, List<string> targetFields)
    {
        var prompts = WithIds([.. Pairs.Select(p => new OptionRow { Id = p.PromptId, Text = p.Prompt })], used);
        used.UnionWith(originalTargets.Values);
        var targets = new List<Choice>();
        var byText = new Dictionary<string, string>(StringComparer.Ordinal);
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        string AddTarget(string text, string field)
        {
            var normalised = TextMatching.Normalise(text);
            var id = originalTargets.TryGetValue(normalised, out var known) && targets.All(t => t.Id != known) ? known : FreeId(used);
            used.Add(id);
            targets.Add(new Choice(id, text.Trim()));
            targetFields.Add(field);
            return id;
        }

        for (var i = 0; i < Pairs.Count; i++)
        {
            var text = Pairs[i].Target ?? "";
            var normalised = TextMatching.Normalise(text);
            if (normalised.Length > 0 && byText.TryGetValue(normalised, out var shared))
            {
                pairs[prompts[i].Id] = shared; // two prompts may go with one target
                continue;
            }

            var id = AddTarget(text, $"pairs.{i}.target");
            if (normalised.Length > 0)
            {
                byText[normalised] = id;
            }

            pairs[prompts[i].Id] = id;
        }

        for (var i = 0; i < ExtraTargets.Count; i++)
        {
            AddTarget(ExtraTargets[i].Text ?? "", $"extras.{i}");
        }

        return new MatchingBody(prompts, targets, pairs);
    }

    /// <summary>The Core field of a problem as the form's field: prompts are pair rows, targets rows or extras.</summary>
    private string FormField(string field, List<string> targetFields)
    {
        var parts = field.Split('.');
        if (Kind != QuestionKind.Matching || parts.Length != 2 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var index))
        {
            return field == "prompts" ? "pairs" : field;
        }

        return parts[0] switch
        {
            "prompts" => $"pairs.{index}.prompt",
            "targets" when index < targetFields.Count => targetFields[index],
            _ => field,
        };
    }

    private static Choice[] WithIds(List<OptionRow> rows, HashSet<string> used)
    {
        used.UnionWith(rows.Where(r => r.Id is not null).Select(r => r.Id!));
        return [.. rows.Select(r => new Choice(r.Id ?? Claim(used), (r.Text ?? "").Trim()))];
    }

    private static string Claim(HashSet<string> used)
    {
        var id = FreeId(used);
        used.Add(id);
        return id;
    }

    /// <summary>"a" … "z", then "x27", "x28", …: short, and never one in use or used before.</summary>
    private static string FreeId(HashSet<string> used)
    {
        for (var c = 'a'; c <= 'z'; c++)
        {
            if (!used.Contains(c.ToString()))
            {
                return c.ToString();
            }
        }

        var n = 27;
        while (used.Contains($"x{n}"))
        {
            n++;
        }

        return $"x{n}";
    }
}
