using Course.Core.Quizzes;
using Course.Core.Tokens;

namespace Course.Core.Tests;

/// <summary>
/// Nothing a learner's browser receives of a question correlates with its answer: option ids are opaque and
/// differ per attempt, the display order is uniformly random, and only this attempt's ids are accepted back.
/// </summary>
public class AnswerSecrecyTests
{
    private static readonly QuizGrader Grader = new(new TokenExplorer());
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    // Authoring ids as instructors and the seed bank write them: in order, the right ones first.
    private static readonly Question Single = new("single", "¿Cuál?", "BERT.", null,
        new ChoiceBody([new("a", "BERT"), new("b", "GPT"), new("c", "CLIP"), new("d", "T5")], ["a"]));
    private static readonly Question Multiple = new("multiple", "¿Cuáles?", "Los tres.", null,
        new ChoiceBody([new("a", "Uno"), new("b", "Dos"), new("c", "Tres"), new("d", "Cuatro")], ["a", "b", "c"], Multiple: true));
    private static readonly Question TrueOrFalse = new("tf", "BERT es autorregresivo.", "No.", null, new TrueFalseBody(false));
    private static readonly Question Ordering = new("ordering", "Ordena", "Crawl, Walk, Run.", null,
        new OrderingBody([new("crawl", "Crawl"), new("walk", "Walk"), new("run", "Run")]));
    private static readonly Question Matching = new("matching", "Relaciona", "Pares.", null,
        new MatchingBody([new("bert", "BERT"), new("gpt", "GPT"), new("clip", "CLIP")],
            [new("masked", "enmascarado"), new("generate", "autorregresivo"), new("pairs", "pares imagen-texto")],
            new Dictionary<string, string> { ["bert"] = "masked", ["gpt"] = "generate", ["clip"] = "pairs" }));
    private static readonly Question Numeric = new("numeric", "¿Cuántas?", "75.", null, new NumericBody(75, Unit: "palabras"));
    private static readonly Question ShortText = new("short", "¿Nombre?", "Autorregresivo.", null, new ShortTextBody(["autorregresivo"]));
    private static readonly Question TokenCount = new("tokens", "¿Tokens?", "8.", null, new TokenCountBody("gpt-4", "I can't wait"));

    private static readonly QuizDefinition Quiz = new("all", "Todo", QuizKind.Final, null, FeedbackMode.Deferred, 0.7,
        [Single, Multiple, TrueOrFalse, Ordering, Matching, Numeric, ShortText, TokenCount]);

    public static TheoryData<string> QuestionsWithOptions => ["single", "multiple", "tf", "ordering", "matching"];

    /// <summary>The kinds whose answers name ids (a true/false answer is the value itself).</summary>
    public static TheoryData<string> QuestionsAnsweredById => ["single", "multiple", "ordering", "matching"];

    private static QuizAttempt Attempt(string key) => new(Quiz, Grader, AttemptKey.FromText(key), Now);

    private static QuestionView View(QuizAttempt attempt, string id) => attempt.Questions.Single(q => q.Id == id);

    private static IEnumerable<Choice> Shown(QuestionView view) => view.Options.Concat(view.Targets);

    private static IEnumerable<string> AuthoringIds(Question question) => question.Body switch
    {
        ChoiceBody body => body.Choices.Select(c => c.Id),
        OrderingBody body => body.Items.Select(c => c.Id),
        MatchingBody body => body.Prompts.Concat(body.Targets).Select(c => c.Id),
        TrueFalseBody => ["true", "false"],
        _ => [],
    };

    [Theory]
    [MemberData(nameof(QuestionsWithOptions))]
    public void Two_attempts_show_the_same_option_under_different_ids_none_an_authoring_id(string questionId)
    {
        var question = Quiz.Questions.Single(q => q.Id == questionId);
        var first = View(Attempt("one"), questionId);
        var second = View(Attempt("two"), questionId);

        var authoring = AuthoringIds(question).ToHashSet();
        Assert.All(Shown(first).Concat(Shown(second)), shown => Assert.DoesNotContain(shown.Id, authoring));
        foreach (var option in Shown(first))
        {
            Assert.NotEqual(option.Id, Shown(second).Single(o => o.Text == option.Text).Id);
        }

        Assert.Empty(Shown(first).Select(o => o.Id).Intersect(Shown(second).Select(o => o.Id)));
        Assert.Equal(Shown(first).Count(), Shown(first).Select(o => o.Id).Distinct().Count());
    }

    [Fact]
    public void The_same_key_shows_the_same_ids_in_the_same_order()
    {
        // The prerendered page and the live one build the attempt twice from one key: nothing may jump.
        var before = Attempt("same").Questions.SelectMany(Shown).Select(o => o.Id);
        var after = Attempt("same").Questions.SelectMany(Shown).Select(o => o.Id);

        Assert.Equal(before, after);
    }

    [Fact]
    public void The_right_option_is_shown_in_every_position_about_equally_often()
    {
        var positions = new int[4];
        for (var i = 0; i < 400; i++)
        {
            var view = View(Attempt($"key-{i}"), "single");
            positions[view.Options.ToList().FindIndex(o => o.Text == "BERT")]++;
        }

        // 100 expected in each; a fixed place, or one never used, would tell the answer.
        Assert.All(positions, count => Assert.InRange(count, 60, 140));
    }

    [Fact]
    public void An_ordering_may_start_in_any_order_even_its_answer()
    {
        var starts = Enumerable.Range(0, 600)
            .Select(i => string.Join(",", View(Attempt($"key-{i}"), "ordering").Options.Select(o => o.Text)))
            .GroupBy(order => order)
            .ToDictionary(g => g.Key, g => g.Count());

        // Six orders of three items, each about 100 times: leaving out the right one would give it away.
        Assert.Equal(6, starts.Count);
        Assert.All(starts.Values, count => Assert.InRange(count, 50, 150));
    }

    [Fact]
    public void Matching_shows_prompts_and_targets_each_in_its_own_random_order()
    {
        var aligned = Enumerable.Range(0, 300).Count(i =>
        {
            var view = View(Attempt($"key-{i}"), "matching");
            var pairs = ((MatchingBody)Matching.Body).Pairs;
            var prompts = view.Options.Select(o => ((MatchingBody)Matching.Body).Prompts.Single(p => p.Text == o.Text).Id);
            var targets = view.Targets.Select(t => ((MatchingBody)Matching.Body).Targets.Single(x => x.Text == t.Text).Id);
            return prompts.Zip(targets).All(p => pairs[p.First] == p.Second);
        });

        // Rows line up with their matches in 1 of 6 attempts by chance, as they should: no more, no fewer.
        Assert.InRange(aligned, 25, 80);
    }

    [Fact]
    public void Answers_in_the_ids_shown_are_graded_and_kept_in_them()
    {
        var attempt = Attempt("grading");
        string Id(string question, string text) => Shown(View(attempt, question)).Single(o => o.Text == text).Id;
        var answers = new Dictionary<string, Answer>
        {
            ["single"] = new ChoiceAnswer([Id("single", "BERT")]),
            ["multiple"] = new ChoiceAnswer([Id("multiple", "Uno"), Id("multiple", "Dos")]),
            ["tf"] = new TrueFalseAnswer(false),
            ["ordering"] = new OrderingAnswer([Id("ordering", "Crawl"), Id("ordering", "Walk"), Id("ordering", "Run")]),
            ["matching"] = new MatchingAnswer(new Dictionary<string, string>
            {
                [Id("matching", "BERT")] = Id("matching", "enmascarado"),
                [Id("matching", "GPT")] = Id("matching", "pares imagen-texto"),
                [Id("matching", "CLIP")] = Id("matching", "autorregresivo"),
            }),
            ["numeric"] = new TextAnswer("75"),
            ["short"] = new TextAnswer("Autorregresivo"),
        };

        Assert.Empty(attempt.Submit(answers, Now));

        Assert.Equal(1, attempt.Outcome("single").Grade!.Score);
        Assert.Equal(2 / 3.0, attempt.Outcome("multiple").Grade!.Score, 3); // two of the three right options
        Assert.Equal(1, attempt.Outcome("tf").Grade!.Score);
        Assert.Equal(1, attempt.Outcome("ordering").Grade!.Score);
        Assert.Equal(1 / 3.0, attempt.Outcome("matching").Grade!.Score, 3);
        Assert.Equal(1, attempt.Outcome("numeric").Grade!.Score);
        Assert.Equal(1, attempt.Outcome("short").Grade!.Score);
        Assert.Equal("Dos; Uno", AnswerText.Describe(View(attempt, "multiple"), attempt.Outcome("multiple").LastAnswer!));
    }

    [Theory]
    [MemberData(nameof(QuestionsAnsweredById))]
    public void Ids_from_another_attempt_or_the_authoring_ids_are_refused(string questionId)
    {
        var attempt = Attempt("mine");
        var other = View(Attempt("theirs"), questionId);
        var question = Quiz.Questions.Single(q => q.Id == questionId);

        foreach (var forged in new[] { Forge(question, other.Options.Select(o => o.Id).ToList(), other.Targets.Select(t => t.Id).ToList()), Forge(question, AuthoringIds(question).ToList(), AuthoringIds(question).ToList()) })
        {
            var problems = attempt.Submit(new Dictionary<string, Answer> { [questionId] = forged }, Now);
            Assert.Matches("^'[^']+' is not one of this question's (options|items|matches)\\.$", problems[questionId]);
        }

        Assert.False(attempt.IsSubmitted);
    }

    private static Answer Forge(Question question, List<string> ids, List<string> targets) => question.Body switch
    {
        ChoiceBody => new ChoiceAnswer([ids[0]]),
        OrderingBody => new OrderingAnswer(ids),
        MatchingBody => new MatchingAnswer(new Dictionary<string, string> { [ids[0]] = targets[^1] }),
        _ => throw new ArgumentOutOfRangeException(nameof(question)),
    };
}
