using Course.Core.Quizzes;
using Course.Core.Tokens;

namespace Course.Core.Tests;

public class QuizAttemptTests
{
    private static readonly QuizGrader Grader = new(new TokenExplorer());
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static QuizDefinition Quiz(FeedbackMode mode) => new("q", "Quiz", QuizKind.Final, null, mode, 0.7,
    [
        new Question("tf", "BERT es autorregresivo.", "BERT es enmascarado.", "slide-a", new TrueFalseBody(false)),
        new Question("order", "Ordena", "Crawl, Walk, Run.", "slide-b", new OrderingBody([new("c", "Crawl"), new("w", "Walk"), new("r", "Run")])),
        new Question("pick", "¿Cuál?", "BERT.", null, new ChoiceBody([new("a", "BERT"), new("b", "GPT"), new("c", "CLIP")], ["a"])),
    ]);

    [Fact]
    public void Immediate_feedback_allows_one_retry_then_closes_with_the_explanation()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Immediate), Grader, seed: 1, Now);

        var first = attempt.Check("pick", new ChoiceAnswer(["b"]));
        Assert.False(first.Closed);
        Assert.True(first.CanRetry);
        Assert.Equal("", first.Grade!.CorrectAnswer); // not revealed while a try is left
        Assert.Null(first.Explanation);

        var second = attempt.Check("pick", new ChoiceAnswer(["c"]));
        Assert.True(second.Closed);
        Assert.Equal("BERT", second.Grade!.CorrectAnswer);
        Assert.Equal("BERT.", second.Explanation);

        var third = attempt.Check("pick", new ChoiceAnswer(["a"]));
        Assert.Equal(second, third); // closed: the answer cannot change
    }

    [Fact]
    public void A_right_first_try_closes_the_question()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Immediate), Grader, seed: 1, Now);

        Assert.True(attempt.Check("tf", new TrueFalseAnswer(false)).Closed);
    }

    [Fact]
    public void Deferred_feedback_grades_everything_on_submit_and_a_second_submit_changes_nothing()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Deferred), Grader, seed: 1, Now);
        var answers = new Dictionary<string, Answer>
        {
            ["tf"] = new TrueFalseAnswer(false),
            ["order"] = new OrderingAnswer(["c", "w", "r"]),
            ["pick"] = new ChoiceAnswer(["b"]),
        };

        Assert.Empty(attempt.Submit(answers, Now));
        Assert.True(attempt.IsSubmitted);
        Assert.Equal(2 / 3.0, attempt.Score, 6);
        Assert.False(attempt.Passed);

        answers["pick"] = new ChoiceAnswer(["a"]);
        Assert.Empty(attempt.Submit(answers, Now.AddMinutes(1)));
        Assert.Equal(2 / 3.0, attempt.Score, 6);
        Assert.Equal(Now, attempt.SubmittedAt);
    }

    [Fact]
    public void Unanswered_questions_score_zero_and_show_their_answer()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Deferred), Grader, seed: 1, Now);

        attempt.Submit(new Dictionary<string, Answer> { ["tf"] = new TrueFalseAnswer(false) }, Now);

        Assert.Equal(1 / 3.0, attempt.Score, 6);
        Assert.Equal("Crawl → Walk → Run", attempt.Outcome("order").Grade!.CorrectAnswer);
    }

    [Fact]
    public void An_answer_that_cannot_be_graded_stops_the_submit_and_says_why()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Deferred), Grader, seed: 1, Now);

        var problems = attempt.Submit(new Dictionary<string, Answer> { ["pick"] = new ChoiceAnswer(["forged"]) }, Now);

        Assert.Equal("'forged' is not one of this question's options.", problems["pick"]);
        Assert.False(attempt.IsSubmitted);
    }

    [Fact]
    public void The_pass_mark_decides_passing()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Deferred) with { PassMark = 0.6 }, Grader, seed: 1, Now);

        attempt.Submit(new Dictionary<string, Answer>
        {
            ["tf"] = new TrueFalseAnswer(false),
            ["order"] = new OrderingAnswer(["c", "w", "r"]),
        }, Now);

        Assert.True(attempt.Passed);
    }

    [Fact]
    public void Each_attempt_shuffles_choices_and_never_shows_an_ordering_in_its_answer_order()
    {
        var orders = Enumerable.Range(0, 20)
            .Select(seed => new QuizAttempt(Quiz(FeedbackMode.Deferred), Grader, seed, Now))
            .ToList();

        Assert.True(orders.Select(a => string.Join(",", a.Questions[2].Options.Select(o => o.Id))).Distinct().Count() > 1);
        Assert.All(orders, a => Assert.NotEqual(["c", "w", "r"], a.Questions[1].Options.Select(o => o.Id)));
    }

    [Fact]
    public void The_view_of_a_question_carries_no_answer()
    {
        var attempt = new QuizAttempt(Quiz(FeedbackMode.Deferred), Grader, seed: 1, Now);

        var json = System.Text.Json.JsonSerializer.Serialize(attempt.Questions);

        Assert.DoesNotContain("Correct", json);
        Assert.DoesNotContain("Answer", json);
        Assert.DoesNotContain("BERT.", json); // the explanation comes only after answering
    }
}
