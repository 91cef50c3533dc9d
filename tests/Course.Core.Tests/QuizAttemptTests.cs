using Course.Core.Quizzes;
using Course.Core.Tokens;

namespace Course.Core.Tests;

public class QuizAttemptTests
{
    private static readonly QuizGrader Grader = new(new TokenExplorer());
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly AttemptKey Key = AttemptKey.FromText("attempt-1");

    /// <summary>The id this attempt shows for the option with <paramref name="text"/>, as the learner's browser sends it.</summary>
    private static string Id(QuizAttempt attempt, string question, string text) =>
        attempt.Questions.Single(q => q.Id == question).Options.Single(o => o.Text == text).Id;

    private static ChoiceAnswer Pick(QuizAttempt attempt, string text) => new([Id(attempt, "pick", text)]);

    private static OrderingAnswer Order(QuizAttempt attempt, params string[] texts) => new([.. texts.Select(t => Id(attempt, "order", t))]);

    private static QuizDefinition Quiz(FeedbackMode mode) => new("q", "Quiz", QuizKind.Final, null, mode, 0.7,
    [
        new Question("tf", "BERT es autorregresivo.", "BERT es enmascarado.", "slide-a", new TrueFalseBody(false)),
        new Question("order", "Ordena", "Crawl, Walk, Run.", "slide-b", new OrderingBody([new("c", "Crawl"), new("w", "Walk"), new("r", "Run")])),
        new Question("pick", "¿Cuál?", "BERT.", null, new ChoiceBody([new("a", "BERT"), new("b", "GPT"), new("c", "CLIP")], ["a"])),
    ]);

    [Fact]
    public void Immediate_feedback_allows_one_retry_then_closes_with_the_explanation()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Immediate), Grader, Key, Now);

        var first = attempt.Check("pick", Pick(attempt, "GPT"));
        Assert.False(first.Closed);
        Assert.True(first.CanRetry);
        Assert.Equal("", first.Grade!.CorrectAnswer); // not revealed while a try is left
        Assert.Null(first.Explanation);

        var second = attempt.Check("pick", Pick(attempt, "CLIP"));
        Assert.True(second.Closed);
        Assert.Equal("BERT", second.Grade!.CorrectAnswer);
        Assert.Equal("BERT.", second.Explanation);

        var third = attempt.Check("pick", Pick(attempt, "BERT"));
        Assert.Equal(second, third); // closed: the answer cannot change
    }

    [Fact]
    public void A_right_first_try_closes_the_question()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Immediate), Grader, Key, Now);

        Assert.True(attempt.Check("tf", new TrueFalseAnswer(false)).Closed);
    }

    [Fact]
    public void Deferred_feedback_grades_everything_on_submit_and_a_second_submit_changes_nothing()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Deferred), Grader, Key, Now);
        var answers = new Dictionary<string, Answer>
        {
            ["tf"] = new TrueFalseAnswer(false),
            ["order"] = Order(attempt, "Crawl", "Walk", "Run"),
            ["pick"] = Pick(attempt, "GPT"),
        };

        Assert.Empty(attempt.Submit(answers, Now));
        Assert.True(attempt.IsSubmitted);
        Assert.Equal(2 / 3.0, attempt.Score, 6);
        Assert.False(attempt.Passed);

        answers["pick"] = Pick(attempt, "BERT");
        Assert.Empty(attempt.Submit(answers, Now.AddMinutes(1)));
        Assert.Equal(2 / 3.0, attempt.Score, 6);
        Assert.Equal(Now, attempt.SubmittedAt);
    }

    [Fact]
    public void Unanswered_questions_score_zero_and_show_their_answer()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Deferred), Grader, Key, Now);

        attempt.Submit(new Dictionary<string, Answer> { ["tf"] = new TrueFalseAnswer(false) }, Now);

        Assert.Equal(1 / 3.0, attempt.Score, 6);
        Assert.Equal("Crawl → Walk → Run", attempt.Outcome("order").Grade!.CorrectAnswer);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("a")] // the authoring id of the right option: the browser never saw it, so it is refused
    public void An_answer_that_cannot_be_graded_stops_the_submit_and_says_why(string id)
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Deferred), Grader, Key, Now);

        var problems = attempt.Submit(new Dictionary<string, Answer> { ["pick"] = new ChoiceAnswer([id]) }, Now);

        Assert.Equal($"'{id}' is not one of this question's options.", problems["pick"]);
        Assert.False(attempt.IsSubmitted);
    }

    [Fact]
    public void The_pass_mark_decides_passing()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Deferred) with { PassMark = 0.6 }, Grader, Key, Now);

        attempt.Submit(new Dictionary<string, Answer>
        {
            ["tf"] = new TrueFalseAnswer(false),
            ["order"] = Order(attempt, "Crawl", "Walk", "Run"),
        }, Now);

        Assert.True(attempt.Passed);
    }

    [Fact]
    public void The_view_of_a_question_carries_no_answer()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Deferred), Grader, Key, Now);

        var json = System.Text.Json.JsonSerializer.Serialize(attempt.Questions);

        Assert.DoesNotContain("Correct", json);
        Assert.DoesNotContain("Answer", json);
        Assert.DoesNotContain("BERT.", json); // the explanation comes only after answering
    }
}
