using Course.Core.Quizzes;
using Course.Web.Data;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Api;

/// <summary>Correct answers never reach the browser before the learner submits.</summary>
[Collection(SharedAppCollection.Name)]
public class QuizSecrecyTests(CourseAppFactory app)
{
    public static IEnumerable<object[]> Quizzes => [["tokens"], ["tipos-de-modelos"], ["a-produccion"], ["final"]];

    [Theory]
    [MemberData(nameof(Quizzes))]
    public async Task The_prerendered_quiz_page_holds_no_answer_or_explanation(string quiz)
    {
        var html = System.Net.WebUtility.HtmlDecode(await app.CreateHttpClient()
            .GetStringAsync($"/courses/ai-engineering/chapters/foundation-models/quizzes/{quiz}"));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var questions = await db.QuizQuestions.Where(q => db.Quizzes.Any(z => z.Id == q.QuizId && z.Slug == quiz)).ToListAsync();
        Assert.NotEmpty(questions);
        foreach (var question in questions)
        {
            Assert.Contains(question.Prompt, html);
            Assert.DoesNotContain(question.Explanation, html);
            if (QuizJson.Read(question.BodyJson) is ShortTextBody text)
            {
                Assert.All(text.Accepted, accepted => Assert.DoesNotContain($">{accepted}<", html));
            }
        }

        Assert.DoesNotContain("BodyJson", html);
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
        using var response = await app.CreateHttpClient().GetAsync("/courses/ai-engineering/chapters/foundation-models/quizzes/nope");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
