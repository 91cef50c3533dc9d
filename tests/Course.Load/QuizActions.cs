using System.Globalization;
using Course.Load.Rendering;

namespace Course.Load;

/// <summary>
/// The quiz page (Components/Pages/Quizzes/QuizRunner.razor and QuestionInput.razor). Answers are chosen
/// deterministically, so two runs of the same script give the same attempts whatever the per-attempt option
/// order: a choice question's options are tried in the ordinal order of their labels, a typed answer is
/// "8", matching takes each list's first target, an ordering is left as shown.
/// </summary>
public static class QuizActions
{
    public const string TypedAnswer = "8";

    private static DomNode? Quiz(ClientDom dom) => dom.Element(n => n.HasClass("quiz"));

    public static bool QuizDone(this LearnerSession learner) => learner.Page.Read(dom => Quiz(dom)?.Element(n => n.HasClass("result")) is not null);

    public static string? QuizResult(this LearnerSession learner) => learner.Page.Read(dom => Quiz(dom)?.Element(n => n.HasClass("result__score"))?.TextContent());

    /// <summary>The question a learner works on: the current one while it needs an answer, else the first that does.</summary>
    private static DomNode? Current(ClientDom dom, Dictionary<string, int> tries)
    {
        var questions = Quiz(dom)?.Elements(n => n.Name == "li" && n.HasClass("question")).ToList() ?? [];
        return questions.FirstOrDefault(q => q.HasClass("question--current") && NeedsAnswer(q, tries)) ?? questions.FirstOrDefault(q => NeedsAnswer(q, tries));
    }

    /// <summary>Open, and either checked one by one (a retry is allowed) or not filled in yet.</summary>
    private static bool NeedsAnswer(DomNode question, Dictionary<string, int> tries) =>
        IsOpen(question) && (question.Element(n => n.Name == "button" && n.TextContent() == "Check") is not null || !tries.ContainsKey(Id(question)));

    /// <summary>Whether the question on show still needs this learner (else they move on with Next).</summary>
    public static bool CurrentNeedsAnswer(this LearnerSession learner, Dictionary<string, int> tries) => learner.Page.Read(dom =>
        Quiz(dom)?.Element(n => n.Name == "li" && n.HasClass("question--current")) is { } current && NeedsAnswer(current, tries));

    private static bool IsOpen(DomNode question) =>
        question.Elements(n => n.Name is "input" or "select").Any(n => !n.Attributes.ContainsKey("disabled"))
        && question.Element(n => n.Name == "fieldset" && n.Attributes.ContainsKey("disabled")) is null
        && question.Element(n => n.HasClass("feedback") && !n.HasClass("feedback--retry")) is null;

    private static string Id(DomNode question) => question["id"] ?? "";

    /// <summary>
    /// Answers the current question: fills it in, then presses Check when the quiz gives immediate feedback
    /// ("answer": until its feedback shows). <paramref name="tries"/> counts earlier tries per question.
    /// Returns false when no question is left open.
    /// </summary>
    public static async Task<bool> AnswerAsync(this LearnerSession learner, Dictionary<string, int> tries)
    {
        var question = learner.Page.Read(dom => Current(dom, tries));
        if (question is null)
        {
            return false;
        }

        var id = Id(question);
        var attempt = tries.GetValueOrDefault(id);
        tries[id] = attempt + 1;
        await FillAsync(learner, question, attempt);
        var hasCheck = learner.Page.Read(dom => CheckButton(dom, id)) is not null;
        if (hasCheck)
        {
            // Choosing has enabled Check (its render came before the server finished the event); Check shows the feedback.
            await learner.ClickAsync("answer", dom => CheckButton(dom, id), dom => Question(dom, id));
        }

        return true;
    }

    private static DomNode? Question(ClientDom dom, string id) => Quiz(dom)?.Element(n => n.Name == "li" && n["id"] == id);

    private static DomNode? CheckButton(ClientDom dom, string id) =>
        Question(dom, id)?.Element(n => n.Name == "button" && n.TextContent() == "Check");

    private static async Task FillAsync(LearnerSession learner, DomNode question, int attempt)
    {
        var (radios, checkboxes, texts, selects) = learner.Page.Read(_ => (
            question.Elements(n => n.Name == "input" && n["type"] == "radio").OrderBy(Label, StringComparer.Ordinal).ToList(),
            question.Elements(n => n.Name == "input" && n["type"] == "checkbox").OrderBy(Label, StringComparer.Ordinal).ToList(),
            question.Elements(n => n.Name == "input" && n["type"] == "text").ToList(),
            question.Elements(n => n.Name == "select").ToList()));
        if (radios.Count > 0)
        {
            var choice = radios[attempt % radios.Count];
            await learner.InputAsync(choice, "change", new { value = choice["value"] }, choice["value"], "choosing an option");
        }

        if (checkboxes.Count > 0)
        {
            var box = checkboxes[attempt % checkboxes.Count];
            var check = learner.Page.Read(_ => !box.Attributes.ContainsKey("checked"));
            await learner.InputAsync(box, "change", new { value = check }, check, "ticking an option");
        }

        foreach (var text in texts)
        {
            var typed = attempt == 0 ? TypedAnswer : (attempt + 8).ToString(CultureInfo.InvariantCulture);
            await learner.InputAsync(text, "input", new { value = typed }, typed, "typing an answer");
        }

        foreach (var select in selects)
        {
            var target = learner.Page.Read(_ => select.Elements(n => n.Name == "option" && !string.IsNullOrEmpty(n["value"])).FirstOrDefault());
            if (target is not null)
            {
                await learner.InputAsync(select, "change", new { value = target["value"] }, target["value"], "choosing a match");
            }
        }
    }

    private static string Label(DomNode input) => input.Parent?.TextContent() ?? "";

    /// <summary>Moves a long quiz to its next question ("next-question").</summary>
    public static async Task NextQuestionAsync(this LearnerSession learner)
    {
        var pager = learner.Page.Read(dom => Quiz(dom)?.Element(n => n.HasClass("pager"))?
            .Element(n => n.Name == "button" && n.TextContent().StartsWith("Next", StringComparison.Ordinal) && !n.Attributes.ContainsKey("disabled")));
        if (pager is not null)
        {
            await learner.ClickAsync("next-question", _ => pager, Quiz);
        }
    }

    /// <summary>Submits a quiz with deferred feedback ("submit": until the result shows).</summary>
    public static Task<TimeSpan> SubmitAsync(this LearnerSession learner) =>
        learner.ClickAsync("submit", dom => Quiz(dom)?.Element(n => n.HasClass("submit"))?.Element(n => n.Name == "button"), Quiz,
            dom => Quiz(dom)?.Element(n => n.HasClass("result")) is not null);

    public static bool HasSubmit(this LearnerSession learner) => learner.Page.Read(dom => Quiz(dom)?.Element(n => n.HasClass("submit")) is not null);

    /// <summary>After a result: the link that continues the chapter, when the quiz was opened from a checkpoint.</summary>
    public static string? ContinueLink(this LearnerSession learner) => learner.Page.Read(dom =>
        Quiz(dom)?.Element(n => n.HasClass("result"))?.Element(n => n.Name == "a" && n.HasClass("button--primary"))?["href"]);
}
