using Course.Core.Quizzes;
using Course.Core.Tokens;

namespace Course.Core.Tests;

public class QuizGraderTests
{
    private static readonly QuizGrader Grader = new(new TokenExplorer());

    private static Question Q(QuestionBody body) => new("q", "¿?", "Porque sí.", null, body);

    private static readonly ChoiceBody Single = new([new("a", "BERT"), new("b", "GPT"), new("c", "CLIP")], ["a"]);
    private static readonly ChoiceBody Multiple = new([new("a", "A"), new("b", "B"), new("c", "C"), new("d", "D")], ["a", "b"], Multiple: true);

    public static TheoryData<string[], double> MultipleResponse => new()
    {
        // picks → score: (right picks / right options) − (wrong picks / wrong options), at least 0
        { ["a", "b"], 1.0 },
        { ["a"], 0.5 },
        { ["a", "c"], 0.0 },
        { ["a", "b", "c"], 0.5 },
        { ["a", "b", "c", "d"], 0.0 },
        { ["c", "d"], 0.0 },
        { [], 0.0 },
    };

    [Theory]
    [MemberData(nameof(MultipleResponse))]
    public void Multiple_response_gives_partial_credit(string[] picks, double expected)
    {
        Assert.Equal(expected, Grader.Grade(Q(Multiple), new ChoiceAnswer(picks)).Score);
    }

    [Theory]
    [InlineData("a", 1.0)]
    [InlineData("b", 0.0)]
    public void Single_choice_is_right_or_wrong(string pick, double expected)
    {
        var grade = Grader.Grade(Q(Single), new ChoiceAnswer([pick]));

        Assert.Equal(expected, grade.Score);
        Assert.Equal("BERT", grade.CorrectAnswer);
    }

    [Theory]
    [InlineData(new[] { "z" }, "'z' is not one of this question's options.")]
    [InlineData(new[] { "a", "b" }, "Choose exactly one option.")]
    [InlineData(new string[0], "Choose exactly one option.")]
    public void Forged_or_missing_choices_are_rejected_with_a_message(string[] picks, string message)
    {
        var error = Assert.Throws<InvalidAnswerException>(() => Grader.Grade(Q(Single), new ChoiceAnswer(picks)));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(true, 1.0)]
    [InlineData(false, 0.0)]
    public void True_false(bool answer, double expected)
    {
        Assert.Equal(expected, Grader.Grade(Q(new TrueFalseBody(true)), new TrueFalseAnswer(answer)).Score);
    }

    public static TheoryData<string, decimal, decimal, bool, double> Numbers => new()
    {
        // typed, answer, tolerance, relative → score
        { "75", 75, 0, false, 1 },
        { "75.0", 75, 0, false, 1 },
        { "75,0", 75, 0, false, 1 },
        { " 75 ", 75, 0, false, 1 },
        { "76", 75, 1, false, 1 },
        { "77", 75, 1, false, 0 },
        { "32,000", 32000, 0, false, 1 },
        { "32.000", 32000, 0, false, 1 },
        { "32 000", 32000, 0, false, 1 },
        { "32000", 32000, 0, false, 1 },
        { "1.5", 1.5m, 0, false, 1 },
        { "1,5", 1.5m, 0, false, 1 },
        { "1.500", 1.5m, 0, false, 1 },
        { "1.500", 1500, 0, false, 1 },
        { "1,000,000", 1_000_000, 0, false, 1 },
        { "1.000.000", 1_000_000, 0, false, 1 },
        { "1.000.000,5", 1_000_000.5m, 0, false, 1 },
        { "1,000,000.5", 1_000_000.5m, 0, false, 1 },
        { "117000000", 117_000_000, 0.05m, true, 1 },
        { "120000000", 117_000_000, 0.05m, true, 1 },
        { "130000000", 117_000_000, 0.05m, true, 0 },
        { "0.750", 0.75m, 0, false, 1 },
        { "-3", -3, 0, false, 1 },
        // Numbers at a decimal's limits are wrong answers, never an overflow (an answer far from them, or one stored before the bounds).
        { "79228162514264337593543950335", -5, 0, false, 0 },
        { "-79228162514264337593543950335", 79228162514264337593543950335m, 0, false, 0 },
        { "79228162514264337593543950335", 79228162514264337593543950335m, 0, false, 1 },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Numbers_are_read_in_english_and_spanish_style(string typed, decimal answer, decimal tolerance, bool relative, double expected)
    {
        Assert.Equal(expected, Grader.Grade(Q(new NumericBody(answer, tolerance, relative)), new TextAnswer(typed)).Score);
    }

    [Theory]
    [InlineData("")]
    [InlineData("setenta y cinco")]
    [InlineData("12,34,5")]
    [InlineData("1.2.3,4,5")]
    [InlineData("999999999999999999999999999999")] // more than a decimal holds
    [InlineData("1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111.5")] // over 100 characters
    public void Text_that_is_not_a_number_is_rejected(string typed)
    {
        var error = Assert.Throws<InvalidAnswerException>(() => Grader.Grade(Q(new NumericBody(75)), new TextAnswer(typed)));
        Assert.Contains("is not a number", error.Message);
    }

    public static TheoryData<string, double> ShortTexts => new()
    {
        { "autorregresivo", 1 },
        { "Autoregresivo", 1 },
        { "  AUTORREGRESIVO. ", 1 },
        { "autorregresívo", 1 },
        { "modelo autorregresivo", 1 },
        { "enmascarado", 0 },
    };

    [Theory]
    [MemberData(nameof(ShortTexts))]
    public void Short_text_ignores_case_accents_spacing_and_end_punctuation(string typed, double expected)
    {
        var body = new ShortTextBody(["autorregresivo", "autoregresivo", "modelo autorregresivo"]);

        Assert.Equal(expected, Grader.Grade(Q(body), new TextAnswer(typed)).Score);
    }

    [Fact]
    public void Ordering_is_right_only_in_the_exact_order_and_must_use_every_item()
    {
        var body = new OrderingBody([new("c", "Crawl"), new("w", "Walk"), new("r", "Run")]);

        Assert.Equal(1.0, Grader.Grade(Q(body), new OrderingAnswer(["c", "w", "r"])).Score);
        Assert.Equal(0.0, Grader.Grade(Q(body), new OrderingAnswer(["w", "c", "r"])).Score);
        Assert.Equal("Crawl → Walk → Run", Grader.Describe(Q(body)));
        Assert.Throws<InvalidAnswerException>(() => Grader.Grade(Q(body), new OrderingAnswer(["c", "c", "r"])));
        Assert.Throws<InvalidAnswerException>(() => Grader.Grade(Q(body), new OrderingAnswer(["c", "w"])));
    }

    [Fact]
    public void Matching_scores_the_share_of_right_pairs()
    {
        var body = new MatchingBody(
            [new("bert", "BERT"), new("gpt", "GPT")],
            [new("m", "enmascarado"), new("a", "autorregresivo")],
            new Dictionary<string, string> { ["bert"] = "m", ["gpt"] = "a" });

        Assert.Equal(1.0, Grader.Grade(Q(body), new MatchingAnswer(new Dictionary<string, string> { ["bert"] = "m", ["gpt"] = "a" })).Score);
        Assert.Equal(0.5, Grader.Grade(Q(body), new MatchingAnswer(new Dictionary<string, string> { ["bert"] = "m", ["gpt"] = "m" })).Score);
        Assert.Equal("BERT → enmascarado; GPT → autorregresivo", Grader.Describe(Q(body)));
        Assert.Throws<InvalidAnswerException>(() => Grader.Grade(Q(body), new MatchingAnswer(new Dictionary<string, string> { ["bert"] = "x", ["gpt"] = "a" })));
        Assert.Throws<InvalidAnswerException>(() => Grader.Grade(Q(body), new MatchingAnswer(new Dictionary<string, string> { ["bert"] = "m" })));
    }

    [Fact]
    public void Token_count_is_computed_by_the_real_tokenizer_when_grading()
    {
        var explorer = new TokenExplorer();
        var body = new TokenCountBody("gpt-4", "I can't wait to build AI applications");
        var count = explorer.CountTokens("gpt-4", body.Text);

        Assert.Equal(1.0, Grader.Grade(Q(body), new TextAnswer(count.ToString())).Score);
        Assert.Equal(0.0, Grader.Grade(Q(body), new TextAnswer((count + 1).ToString())).Score);
        Assert.Equal(count.ToString(), Grader.Describe(Q(body)));
    }

    [Fact]
    public void An_answer_of_the_wrong_kind_is_rejected()
    {
        Assert.Throws<InvalidAnswerException>(() => Grader.Grade(Q(Single), new TextAnswer("BERT")));
    }
}
