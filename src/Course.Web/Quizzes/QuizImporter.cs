using System.Text.Json;
using System.Text.Json.Serialization;
using Course.Core.Quizzes;
using Course.Core.Tokens;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Quizzes;

/// <summary>A chapter's quizzes and slide tools as written in a seed or import file (slides by number).</summary>
public sealed record QuizBankFile(IReadOnlyList<QuizBankTool>? Tools, IReadOnlyList<QuizBankQuiz> Quizzes)
{
    private static readonly JsonSerializerOptions ReadOptions = new(QuizJson.Options) { MaxDepth = QuizBankCheck.MaxJsonDepth };

    /// <summary>Reads and checks a quiz file (<see cref="QuizBankCheck"/>).</summary>
    /// <exception cref="QuizFileException">The file is not one, or has problems: all of them, each with its line or field.</exception>
    public static QuizBankFile Read(string json)
    {
        var (bank, problem) = QuizBankCheck.Deserialize<QuizBankFile>(json, ReadOptions, "a quiz file");
        if (problem is not null)
        {
            throw new QuizFileException([problem]);
        }

        var problems = QuizBankCheck.Problems(bank);
        return problems.Count > 0 ? throw new QuizFileException(problems) : bank!;
    }
}

/// <summary>A quiz file that cannot be imported, with every problem found.</summary>
public sealed class QuizFileException(IReadOnlyList<string> problems) : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

public sealed record QuizBankTool(int Slide, string Kind, string? Sample);

/// <param name="AfterDraftSlide">
/// In a course package, for a published chapter: the slide by its number in the draft, when only the draft has it.
/// </param>
public sealed record QuizBankQuiz(
    string Slug, string Title, QuizKind Kind, int? AfterSlide, FeedbackMode Feedback, double? PassMark, IReadOnlyList<QuizBankQuestion> Questions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? AfterDraftSlide = null);

/// <param name="DraftSlide">As <see cref="QuizBankQuiz.AfterDraftSlide"/>: a slide only the draft has, by its number there.</param>
public sealed record QuizBankQuestion(
    string Id, int? Slide, string Prompt, string Explanation, QuestionBody Body,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DraftSlide = null);

/// <summary>
/// Stores a chapter's quizzes in one transaction after checking every question; a file with any
/// problem stores nothing and lists them all.
/// </summary>
public sealed class QuizImporter(IDbContextFactory<CourseDbContext> contextFactory, CatalogChanges changes)
{
    public static readonly string[] ToolKinds = ["tokens"];

    public async Task<IReadOnlyList<string>> ImportAsync(int chapterId, QuizBankFile file, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Slides by number: the published ones, or the draft's for a chapter never published.
        var slideKeys = ChapterContent.KeysByNumber(await ChapterReads.NumberedSlidesAsync(db, chapterId, cancellationToken));
        // A package may also name a slide only the draft of a published chapter has, by its number in the draft.
        var draftKeys = ChapterContent.KeysByNumber(await ChapterReads.WorkingSlidesAsync(db, chapterId, cancellationToken));
        var problems = QuizBankCheck.Problems(file);
        if (problems.Count > 0)
        {
            return problems; // what a file gives is checked before it is used
        }

        string? KeyOf(int? slide, string where, int? draftSlide = null)
        {
            if (slide is null)
            {
                if (draftSlide is { } inDraft)
                {
                    if (draftKeys.TryGetValue(inDraft, out var draftKey))
                    {
                        return draftKey;
                    }

                    problems.Add($"{where}: the draft has no slide {inDraft} (it has {draftKeys.Count})");
                }

                return null;
            }

            if (slideKeys.TryGetValue(slide.Value, out var key))
            {
                return key;
            }

            problems.Add($"{where}: there is no slide {slide} (the chapter has {slideKeys.Count})");
            return null;
        }

        var quizzes = new List<Quiz>();
        foreach (var (bank, index) in file.Quizzes.Select((q, i) => (q, i)))
        {
            var where = $"quiz '{bank.Slug}'";
            if (bank.Kind == QuizKind.Checkpoint && bank.AfterSlide is null && bank.AfterDraftSlide is null)
            {
                problems.Add($"{where}: a checkpoint needs the slide it follows (afterSlide)");
            }

            if (bank.PassMark is < 0 or > 1)
            {
                problems.Add($"{where}: the pass mark is a share between 0 and 1, e.g. 0.7");
            }

            var quiz = new Quiz
            {
                Slug = bank.Slug,
                Title = bank.Title,
                Kind = bank.Kind,
                AfterSlideKey = KeyOf(bank.AfterSlide, where, bank.AfterDraftSlide),
                Feedback = bank.Feedback,
                PassMark = bank.PassMark ?? QuizDefinition.DefaultPassMark,
                Position = index + 1,
            };
            foreach (var (q, position) in bank.Questions.Select((q, i) => (q, i)))
            {
                var question = new Question(q.Id, q.Prompt, q.Explanation, KeyOf(q.Slide, $"{where}, question '{q.Id}'", q.DraftSlide), q.Body);
                problems.AddRange(QuestionValidator.Validate(question).Select(p => $"{where}, question '{q.Id}': {p}"));
                if (q.Body is TokenCountBody token && TokenExplorer.Encodings.All(e => e.Model != token.Model))
                {
                    problems.Add($"{where}, question '{q.Id}': unknown tokenizer model '{token.Model}'");
                }

                quiz.Questions.Add(new QuizQuestion
                {
                    Key = q.Id,
                    Position = position + 1,
                    Prompt = q.Prompt,
                    Explanation = q.Explanation,
                    TeachingSlideKey = question.TeachingSlideKey,
                    BodyJson = QuizJson.Write(q.Body),
                });
            }

            if (quiz.Questions.Select(q => q.Key).Distinct().Count() != quiz.Questions.Count)
            {
                problems.Add($"{where}: two questions share an id");
            }

            quizzes.Add(quiz);
        }

        if (quizzes.Select(q => q.Slug).Distinct().Count() != quizzes.Count)
        {
            problems.Add("two quizzes share a slug");
        }

        var tools = new List<SlideTool>();
        foreach (var tool in file.Tools ?? [])
        {
            if (!ToolKinds.Contains(tool.Kind))
            {
                problems.Add($"tool on slide {tool.Slide}: unknown kind '{tool.Kind}' (known: {string.Join(", ", ToolKinds)})");
            }

            tools.Add(new SlideTool
            {
                ChapterId = chapterId,
                Kind = tool.Kind,
                SlideKey = KeyOf(tool.Slide, $"tool on slide {tool.Slide}") ?? "",
                Sample = tool.Sample,
            });
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var quiz in quizzes)
        {
            quiz.ChapterId = chapterId;
            db.Quizzes.Add(quiz);
        }

        db.SlideTools.AddRange(tools);
        await db.SaveChangesAsync(cancellationToken);
        // The rendered chapter now carries its quizzes and tools; not through the loaded chapter's
        // concurrency token, which belongs to its editors.
        var version = Guid.NewGuid();
        await db.Chapters.Where(c => c.Id == chapterId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ViewVersion, version), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.ChapterChangedAsync(cancellationToken);
        return [];
    }
}
