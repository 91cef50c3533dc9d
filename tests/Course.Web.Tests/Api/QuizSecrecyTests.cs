using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Course.Core.Quizzes;
using Course.Web.Data;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Api;

/// <summary>
/// Nothing the quiz page gives the browser before the learner answers correlates with the answers: option
/// values and ids are opaque, differ from one attempt (page load) to the next, and the order changes too.
/// (The same property for every question kind, on the attempt itself, is in Course.Core.Tests' AnswerSecrecyTests;
/// the live circuit's messages are checked in the browser, QuizBrowserTests.)
/// </summary>
[Collection(SharedAppCollection.Name)]
public class QuizSecrecyTests(CourseAppFactory app)
{
    private const string Chapter = "/courses/ai-engineering/chapters/foundation-models";

    public static TheoryData<string> Quizzes => ["tokens", "tipos-de-modelos", "a-produccion", "final"];

    [Theory]
    [MemberData(nameof(Quizzes))]
    public async Task Two_page_loads_give_every_option_a_different_opaque_value_and_no_authoring_id(string quiz)
    {
        var questions = await QuestionsAsync(quiz);
        var first = await PageAsync(quiz);
        var second = await PageAsync(quiz);

        var firstValues = OptionValues(first);
        var secondValues = OptionValues(second);
        Assert.NotEmpty(firstValues);
        var authoring = questions.SelectMany(q => AuthoringIds(q.Body)).ToHashSet();
        Assert.All(firstValues.Concat(secondValues), value =>
        {
            Assert.Matches("^o[0-9a-f]{15}$", value);
            Assert.DoesNotContain(value, authoring);
        });
        Assert.Empty(firstValues.Intersect(secondValues));

        // Element ids and data attributes name questions and this attempt's option ids, never an authoring id.
        foreach (var element in first.QuerySelectorAll(".questions *"))
        {
            foreach (var attribute in element.Attributes.Where(a => a.Name == "id" || a.Name == "for" || a.Name.StartsWith("data-", StringComparison.Ordinal)))
            {
                var question = questions.FirstOrDefault(q => attribute.Value.StartsWith(q.Id + "-", StringComparison.Ordinal));
                if (question is not null)
                {
                    Assert.DoesNotContain(attribute.Value[(question.Id.Length + 1)..], AuthoringIds(question.Body));
                }
            }
        }
    }

    [Fact]
    public async Task Each_page_load_shows_the_options_in_an_order_of_its_own()
    {
        var orders = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var page = await PageAsync("final");
            orders.Add(string.Join("|", page.QuerySelectorAll(".questions label.option, .questions .ordering__text").Select(e => e.TextContent.Trim())));
        }

        // Fourteen questions, most with four options: six loads in one order would mean a fixed order.
        Assert.True(orders.Distinct().Count() > 1, "every load showed the options in the same order");
    }

    [Theory]
    [MemberData(nameof(Quizzes))]
    public async Task The_prerendered_quiz_page_holds_no_answer_or_explanation(string quiz)
    {
        var html = (await PageAsync(quiz)).DocumentElement.OuterHtml;

        foreach (var question in await QuestionsAsync(quiz))
        {
            Assert.Contains(question.Prompt, html);
            Assert.DoesNotContain(question.Explanation, html);
            if (question.Body is ShortTextBody text)
            {
                Assert.All(text.Accepted, accepted => Assert.DoesNotContain($">{accepted}<", html));
            }
        }

        Assert.DoesNotContain("\"correct\"", html);
    }

    [Fact]
    public async Task The_chapter_api_lists_quizzes_without_their_questions()
    {
        var json = await app.CreateHttpClient().GetStringAsync("/api/courses/ai-engineering/chapters/foundation-models");

        Assert.Contains("\"slug\":\"final\"", json);
        Assert.Contains("\"questionCount\":14", json);
        Assert.DoesNotContain("explanation", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"correct\"", json);
        Assert.DoesNotContain("¿Qué es un token?", json);
    }

    [Fact]
    public async Task An_unknown_quiz_is_a_404()
    {
        using var response = await app.CreateHttpClient().GetAsync(Chapter + "/quizzes/nope");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<IDocument> PageAsync(string quiz) =>
        await new HtmlParser().ParseDocumentAsync(await app.CreateHttpClient().GetStringAsync($"{Chapter}/quizzes/{quiz}"));

    /// <summary>The values a browser would send back for options: radio and checkbox values, and the matches offered.</summary>
    private static List<string> OptionValues(IDocument page) =>
    [
        .. page.QuerySelectorAll(".questions input[type=radio], .questions input[type=checkbox]").Select(i => i.GetAttribute("value")!),
        .. page.QuerySelectorAll(".questions select option").Select(o => o.GetAttribute("value")!).Where(v => v.Length > 0),
    ];

    private async Task<List<Question>> QuestionsAsync(string quiz)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var rows = await db.QuizQuestions.Where(q => db.Quizzes.Any(z => z.Id == q.QuizId && z.Slug == quiz)).ToListAsync();
        Assert.NotEmpty(rows);
        return [.. rows.Select(r => new Question(r.Key, r.Prompt, r.Explanation, null, QuizJson.Read(r.BodyJson)))];
    }

    private static IEnumerable<string> AuthoringIds(QuestionBody body) => body switch
    {
        ChoiceBody choice => choice.Choices.Select(c => c.Id),
        OrderingBody ordering => ordering.Items.Select(c => c.Id),
        MatchingBody matching => matching.Prompts.Concat(matching.Targets).Select(c => c.Id),
        TrueFalseBody => ["true", "false"],
        _ => [],
    };
}
