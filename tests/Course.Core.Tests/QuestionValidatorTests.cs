using Course.Core.Quizzes;

namespace Course.Core.Tests;

/// <summary>Tables of questions and quiz settings → the problems an author is shown (field and code).</summary>
public class QuestionValidatorTests
{
    private static Question Q(QuestionBody body, string prompt = "¿?", string explanation = "Porque sí.", string? slide = "k1") =>
        new("q", prompt, explanation, slide, body);

    private static Choice[] Options(params string[] texts) => [.. texts.Select((t, i) => new Choice(((char)('a' + i)).ToString(), t))];

    private static string Problems(IEnumerable<ValidationProblem> problems) =>
        string.Join(" | ", problems.Select(p => $"{p.Field}:{p.Code}"));

    public static TheoryData<string, QuestionBody, string> Questions => new()
    {
        // name, body → "field:code | …" ("" when the question is fine)
        { "single choice, one correct", new ChoiceBody(Options("A", "B", "C"), ["b"]), "" },
        { "single choice, none correct", new ChoiceBody(Options("A", "B"), []), "correct:OneCorrect" },
        { "single choice, two correct", new ChoiceBody(Options("A", "B"), ["a", "b"]), "correct:OneCorrect" },
        { "single choice, one option", new ChoiceBody(Options("A"), ["a"]), "choices:TooFewOptions" },
        { "single choice, no options", new ChoiceBody([], []), "choices:TooFewOptions | correct:OneCorrect" },
        { "correct names no option", new ChoiceBody(Options("A", "B"), ["z"]), "correct:UnknownCorrect" },
        { "an option without text", new ChoiceBody(Options("A", " ", "C"), ["a"]), "choices.1:EmptyText" },
        { "two options alike", new ChoiceBody(Options("Sí", "No", "si "), ["a"]), "choices.2:DuplicateText" },
        { "two options share an id", new ChoiceBody([new("a", "A"), new("a", "B")], ["a"]), "choices:DuplicateId" },
        { "multiple response, two correct", new ChoiceBody(Options("A", "B", "C"), ["a", "c"], Multiple: true), "" },
        { "multiple response, all correct", new ChoiceBody(Options("A", "B"), ["a", "b"], Multiple: true), "" },
        { "multiple response, none correct", new ChoiceBody(Options("A", "B"), [], Multiple: true), "correct:SomeCorrect" },
        { "true/false", new TrueFalseBody(false), "" },
        { "numeric, exact", new NumericBody(75), "" },
        { "numeric, absolute tolerance", new NumericBody(75, 2.5m), "" },
        { "numeric, negative tolerance", new NumericBody(75, -1), "tolerance:ToleranceRange" },
        { "numeric, relative 5 %", new NumericBody(75, 0.05m, Relative: true), "" },
        { "numeric, relative 100 %", new NumericBody(75, 1, Relative: true), "tolerance:ToleranceRange" },
        { "ordering, three items", new OrderingBody(Options("1", "2", "3")), "" },
        { "ordering, one item", new OrderingBody(Options("1")), "items:TooFewItems" },
        { "ordering, an empty item", new OrderingBody(Options("1", "")), "items.1:EmptyText" },
        { "ordering, items alike", new OrderingBody(Options("Uno", "uno")), "items.1:DuplicateText" },
        { "matching, two pairs", new MatchingBody(Options("P", "Q"), Options("X", "Y", "Z"), new Dictionary<string, string> { ["a"] = "b", ["b"] = "a" }), "" },
        { "matching, one pair", new MatchingBody(Options("P"), Options("X"), new Dictionary<string, string> { ["a"] = "a" }), "prompts:TooFewPairs" },
        { "matching, a prompt unpaired", new MatchingBody(Options("P", "Q"), Options("X"), new Dictionary<string, string> { ["a"] = "a" }), "prompts.1:Unpaired" },
        { "matching, paired with a missing target", new MatchingBody(Options("P", "Q"), Options("X"), new Dictionary<string, string> { ["a"] = "a", ["b"] = "z" }), "prompts.1:Unpaired" },
        { "matching, an empty target", new MatchingBody(Options("P", "Q"), Options("X", ""), new Dictionary<string, string> { ["a"] = "a", ["b"] = "b" }), "targets.1:EmptyText" },
        { "short text", new ShortTextBody(["autorregresivo", "autoregresivo"]), "" },
        { "short text, nothing accepted", new ShortTextBody([]), "accepted:NoAccepted" },
        { "short text, an empty answer", new ShortTextBody(["sí", " ? "]), "accepted.1:EmptyText" },
        { "short text, the same answer twice", new ShortTextBody(["Autorregresivo", "autorregresivo."]), "accepted.1:DuplicateText" },
        { "token count", new TokenCountBody("gpt-4", "Hola"), "" },
        { "token count, no text", new TokenCountBody("gpt-4o", " "), "text:NoTokenText" },
        { "token count, unknown model", new TokenCountBody("gpt-5", "Hola"), "model:UnknownModel" },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void Each_question_type_names_its_problems_by_field(string name, QuestionBody body, string expected)
    {
        _ = name;
        Assert.Equal(expected, Problems(QuestionValidator.Check(Q(body), requireSlide: true)));
    }

    public static TheoryData<string, string, string?, bool, string> Common => new()
    {
        // prompt, explanation, slide, slide required → problems
        { "¿?", "Porque sí.", "k1", true, "" },
        { " ", "Porque sí.", "k1", true, "prompt:NoPrompt" },
        { "¿?", "", "k1", true, "explanation:NoExplanation" },
        { "¿?", "Porque sí.", null, true, "slide:NoSlide" },
        { "¿?", "Porque sí.", null, false, "" },
        { "", "", null, true, "prompt:NoPrompt | explanation:NoExplanation | slide:NoSlide" },
    };

    [Theory]
    [MemberData(nameof(Common))]
    public void Every_question_needs_a_prompt_an_explanation_and_in_the_studio_its_slide(string prompt, string explanation, string? slide, bool requireSlide, string expected)
    {
        var question = Q(new TrueFalseBody(true), prompt, explanation, slide);

        Assert.Equal(expected, Problems(QuestionValidator.Check(question, requireSlide)));
    }

    [Fact]
    public void Validate_gives_each_kind_of_problem_once_as_a_sentence_and_leaves_unknown_models_to_the_importer()
    {
        var question = Q(new ChoiceBody([new("a", ""), new("b", " "), new("c", "C")], ["a", "b"]));

        Assert.Equal(
            ["an option has no text", "a single-choice question has exactly one correct option, not 2"],
            QuestionValidator.Validate(question));
        Assert.Empty(QuestionValidator.Validate(Q(new TokenCountBody("gpt-5", "Hola"))));
    }

    [Fact]
    public void A_single_choice_problem_carries_the_count_for_its_message()
    {
        var problem = Assert.Single(QuestionValidator.Check(Q(new ChoiceBody(Options("A", "B", "C"), ["a", "b", "c"]))));

        Assert.Equal([3], problem.Arguments);
        Assert.Equal("a single-choice question has exactly one correct option, not 3", problem.Message);
    }

    private static readonly QuizSettings Tokens = new("Tokens", QuizKind.Checkpoint, "k13", FeedbackMode.Immediate, 0.7);
    private static readonly QuizSettings Final = new("Final", QuizKind.Final, null, FeedbackMode.Deferred, 0.7);

    public static TheoryData<string, QuizSettings, string> Quizzes => new()
    {
        { "a checkpoint after its slide", Tokens with { AfterSlideKey = "k20" }, "" },
        { "a checkpoint without its slide", Tokens with { AfterSlideKey = null }, "afterSlide:NoCheckpointSlide" },
        { "a checkpoint after a slide taken", Tokens with { Title = "Otro" }, "afterSlide:CheckpointTaken" },
        { "no title", Tokens with { Title = " ", AfterSlideKey = "k20" }, "title:NoTitle" },
        { "pass mark 0 %", Tokens with { AfterSlideKey = "k20", PassMark = 0 }, "" },
        { "pass mark 100 %", Tokens with { AfterSlideKey = "k20", PassMark = 1 }, "" },
        { "pass mark above 100 %", Tokens with { AfterSlideKey = "k20", PassMark = 1.01 }, "passMark:PassMarkRange" },
        { "pass mark below 0 %", Tokens with { AfterSlideKey = "k20", PassMark = -0.1 }, "passMark:PassMarkRange" },
        { "pass mark not a number", Tokens with { AfterSlideKey = "k20", PassMark = double.NaN }, "passMark:PassMarkRange" },
        { "a second final quiz", Final with { Title = "Otro final" }, "kind:SecondFinal" },
    };

    [Theory]
    [MemberData(nameof(Quizzes))]
    public void A_quiz_needs_a_title_its_slide_a_pass_mark_within_0_and_100_percent_and_room_in_the_chapter(string name, QuizSettings quiz, string expected)
    {
        _ = name;
        Assert.Equal(expected, Problems(QuestionValidator.CheckQuiz(quiz, [Tokens, Final])));
    }

    [Fact]
    public void The_final_quiz_alone_in_its_chapter_is_fine()
    {
        Assert.Empty(QuestionValidator.CheckQuiz(Final, [Tokens]));
    }
}
