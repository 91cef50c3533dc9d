using Bunit;
using Course.Core.Quizzes;
using Course.Web.Components.Pages.Quizzes;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Components;

/// <summary>Every question type can be answered with clicks and keys alone, and nothing shows the answer.</summary>
public class QuestionInputTests : BunitContext
{
    public QuestionInputTests() => Services.AddLocalization(options => options.ResourcesPath = "Resources");

    private static QuestionView View(QuestionBody body) =>
        new PresentedQuestion(new Question("q", "¿Pregunta?", "Explicación secreta", null, body), AttemptKey.FromText("3")).View;

    // The id this attempt shows for an option, found by its text as a learner finds it.
    private static string Id(QuestionView view, string text) => view.Options.Concat(view.Targets).Single(o => o.Text == text).Id;

    private (IRenderedComponent<QuestionInput> Cut, DraftAnswer Draft) RenderInput(QuestionView view, bool locked = false)
    {
        var draft = new DraftAnswer(view);
        var cut = Render<QuestionInput>(p => p.Add(c => c.Question, view).Add(c => c.Draft, draft).Add(c => c.Locked, locked));
        return (cut, draft);
    }

    [Fact]
    public void Single_choice_picks_one_option_by_its_label()
    {
        var view = View(new ChoiceBody([new("a", "BERT"), new("b", "GPT")], ["a"]));
        var (cut, draft) = RenderInput(view);

        cut.Find($"input#q-{Id(view, "GPT")}").Change(true);
        cut.Find($"input#q-{Id(view, "BERT")}").Change(true);

        Assert.Equal([Id(view, "BERT")], draft.Selected);
        Assert.Equal(2, cut.FindAll("input[type=radio][name=q]").Count);
        Assert.Equal("GPT", cut.Find($"label[for=q-{Id(view, "GPT")}]").TextContent.Trim());
        Assert.DoesNotContain("correct", cut.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Multiple_response_toggles_checkboxes()
    {
        var view = View(new ChoiceBody([new("a", "A"), new("b", "B"), new("c", "C")], ["a", "b"], Multiple: true));
        var (cut, draft) = RenderInput(view);

        cut.Find($"input#q-{Id(view, "A")}").Change(true);
        cut.Find($"input#q-{Id(view, "C")}").Change(true);
        cut.Find($"input#q-{Id(view, "C")}").Change(false);

        Assert.Equal([Id(view, "A")], draft.Selected);
        Assert.Equal([Id(view, "A")], ((ChoiceAnswer)draft.ToAnswer()).Selected);
    }

    [Fact]
    public void True_false_offers_two_labelled_choices()
    {
        var view = View(new TrueFalseBody(true));
        var (cut, draft) = RenderInput(view);

        Assert.Equal(["True", "False"], cut.FindAll("label.option").Select(l => l.TextContent.Trim()));
        Assert.DoesNotContain(cut.FindAll("input"), input => input.GetAttribute("value") is "true" or "false");
        cut.Find($"input#q-{Id(view, "false")}").Change(true);

        Assert.False(draft.Value);
        Assert.Equal(new TrueFalseAnswer(false), draft.ToAnswer());
    }

    [Theory]
    [InlineData("75,0")]
    [InlineData("1.000")]
    public void Numbers_are_typed_as_text_and_read_on_the_server(string typed)
    {
        var (cut, draft) = RenderInput(View(new NumericBody(75, Unit: "palabras")));
        Assert.DoesNotContain("75", cut.Markup);

        cut.Find("input[type=text]").Input(typed);

        Assert.Equal(new TextAnswer(typed), draft.ToAnswer());
        Assert.Equal("decimal", cut.Find("input").GetAttribute("inputmode"));
        Assert.Equal("palabras", cut.Find(".text-answer__unit").TextContent);
    }

    [Fact]
    public void Ordering_moves_items_with_buttons_that_name_them()
    {
        var view = View(new OrderingBody([new("c", "Crawl"), new("w", "Walk"), new("r", "Run")]));
        var (cut, draft) = RenderInput(view);
        var start = draft.Order.ToList();
        Assert.Equal(view.Options.Select(o => o.Id), start);

        var first = view.Options.First(o => o.Id == start[0]).Text;
        cut.Find($"button[aria-label='Move “{first}” down']").Click();

        Assert.Equal([start[1], start[0], start[2]], draft.Order);
        Assert.True(cut.FindAll("li.ordering__item")[0].QuerySelector("button[aria-label^='Move'][aria-label$='up']")!.HasAttribute("disabled"));
    }

    [Fact]
    public void Matching_uses_one_labelled_select_per_item()
    {
        var view = View(new MatchingBody([new("bert", "BERT"), new("gpt", "GPT")], [new("m", "enmascarado"), new("a", "autorregresivo")],
            new Dictionary<string, string> { ["bert"] = "m", ["gpt"] = "a" }));
        var (cut, draft) = RenderInput(view);

        cut.Find($"select#q-{Id(view, "BERT")}").Change(Id(view, "enmascarado"));
        cut.Find($"select#q-{Id(view, "GPT")}").Change(Id(view, "enmascarado"));

        Assert.Equal("BERT", cut.Find($"label[for=q-{Id(view, "BERT")}]").TextContent);
        Assert.Equal(new Dictionary<string, string> { [Id(view, "BERT")] = Id(view, "enmascarado"), [Id(view, "GPT")] = Id(view, "enmascarado") }, draft.Pairs);
        Assert.False(draft.IsEmpty);
    }

    [Fact]
    public void Short_text_and_token_count_take_typed_answers()
    {
        var (cut, draft) = RenderInput(View(new ShortTextBody(["autorregresivo"])));
        cut.Find("input").Input("Autoregresivo");
        Assert.Equal(new TextAnswer("Autoregresivo"), draft.ToAnswer());
        Assert.DoesNotContain("autorregresivo", cut.Markup);

        var (tokens, tokenDraft) = RenderInput(View(new TokenCountBody("gpt-4", "hola")));
        tokens.Find("input").Input("2");
        Assert.Equal(new TextAnswer("2"), tokenDraft.ToAnswer());
    }

    [Fact]
    public void A_closed_question_cannot_be_changed()
    {
        var (cut, _) = RenderInput(View(new ChoiceBody([new("a", "A"), new("b", "B")], ["a"])), locked: true);

        Assert.True(cut.Find("fieldset").HasAttribute("disabled"));
    }
}
