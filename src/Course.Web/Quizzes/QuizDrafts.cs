using System.Text.Json;
using Course.Core.Quizzes;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Quizzes;

/// <summary>One answer as kept in a draft: the shape of <see cref="Answer"/>, or of what a question's input holds.</summary>
public sealed record KeptAnswer(string[]? Ids = null, string? Text = null, bool? Value = null, Dictionary<string, string>? Pairs = null, bool Moved = false)
{
    public static KeptAnswer From(Answer answer) => answer switch
    {
        ChoiceAnswer choice => new(Ids: [.. choice.Selected]),
        TrueFalseAnswer trueFalse => new(Value: trueFalse.Value),
        OrderingAnswer ordering => new(Ids: [.. ordering.Order], Moved: true),
        MatchingAnswer matching => new(Pairs: new Dictionary<string, string>(matching.Pairs)),
        TextAnswer text => new(Text: text.Text),
        _ => new(),
    };

    public Answer ToAnswer(QuestionKind kind) => kind switch
    {
        QuestionKind.SingleChoice or QuestionKind.MultipleResponse => new ChoiceAnswer(Ids ?? []),
        QuestionKind.TrueFalse => Value is { } value ? new TrueFalseAnswer(value) : throw new InvalidAnswerException("Choose true or false."),
        QuestionKind.Ordering => new OrderingAnswer(Ids ?? []),
        QuestionKind.Matching => new MatchingAnswer(Pairs ?? []),
        _ => new TextAnswer(Text ?? ""),
    };
}

/// <summary>A question the learner checked (immediate feedback), in the order checked: replayed to rebuild the grades.</summary>
public sealed record KeptCheck(string QuestionId, KeptAnswer Answer);

/// <summary>An attempt in progress as kept on the server: enough to show it again with the same ids, grades and answers.</summary>
public sealed record QuizDraftState(Guid AttemptId, string Secret, DateTimeOffset StartedAt, List<KeptCheck> Checks, Dictionary<string, KeptAnswer> Drafts);

/// <summary>
/// Keeps a signed-in learner's attempt in progress in the database as the answers are given, one row a learner
/// and quiz, so the page opened again after a dropped connection, an expired circuit or a restarted server shows
/// the same attempt with its answers. Storing the submitted attempt removes the row (LearnerProgress).
/// </summary>
public sealed class QuizDrafts(IDbContextFactory<CourseDbContext> contextFactory, TimeProvider clock, ILogger<QuizDrafts> logger)
{
    /// <summary>The most a kept attempt may take; a quiz's bounds (200 questions, 50 options, 500-character ids) stay well under it.</summary>
    public const int MaxStateCharacters = 262_144;

    /// <summary>The longest typed answer kept (the page's field takes 200).</summary>
    public const int MaxTextCharacters = 1_000;

    public async Task<QuizDraftState?> LoadAsync(string userId, int chapterId, string quizSlug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.QuizDrafts.AsNoTracking()
            .Where(d => d.UserId == userId && d.ChapterId == chapterId && d.QuizSlug == quizSlug)
            .Select(d => new { d.AttemptId, d.State }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        // A save still on its way as the attempt was submitted can land after the submission removed the row:
        // an attempt already stored is never taken up again (nor submitted twice).
        if (await db.QuizAttemptRecords.AnyAsync(a => a.Id == row.AttemptId, cancellationToken))
        {
            await db.QuizDrafts.Where(d => d.UserId == userId && d.ChapterId == chapterId && d.QuizSlug == quizSlug && d.AttemptId == row.AttemptId)
                .ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        var state = row.State;

        try
        {
            return JsonSerializer.Deserialize<QuizDraftState>(state);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "A kept quiz attempt could not be read; the learner starts a new one");
            return null;
        }
    }

    /// <summary>Replaces the learner's kept attempt for this quiz. Returns false when it is over the bound (nothing stored).</summary>
    public async Task<bool> SaveAsync(string userId, int chapterId, string quizSlug, QuizDraftState draft, CancellationToken cancellationToken = default)
    {
        var state = JsonSerializer.Serialize(draft);
        if (state.Length > MaxStateCharacters)
        {
            logger.LogWarning("A quiz attempt in progress was not kept: {Characters} characters, over {Max}", state.Length, MaxStateCharacters);
            return false;
        }

        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var row = await db.QuizDrafts.FirstOrDefaultAsync(d => d.UserId == userId && d.ChapterId == chapterId && d.QuizSlug == quizSlug, cancellationToken);
            if (row is null)
            {
                db.QuizDrafts.Add(row = new QuizDraftRecord { UserId = userId, ChapterId = chapterId, QuizSlug = quizSlug, State = state });
            }

            row.AttemptId = draft.AttemptId;
            row.State = state;
            row.UpdatedAt = clock.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another tab of the same learner added the row first: update it instead.
            }
        }
    }
}
