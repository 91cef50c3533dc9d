using System.Text.RegularExpressions;
using Course.Web.Data;
using Course.Web.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// What the dropped-connection tests share: a learner who registers, a live connection that can be cut the way
/// a phone losing its network cuts it, and the learner's rows in the database.
/// </summary>
internal static class DroppedConnection
{
    public const string Chapter = "/courses/ai-engineering/chapters/foundation-models";

    /// <summary>
    /// Routes the context's circuit connections through Playwright so a test can cut them. Going offline alone
    /// does not: Chromium keeps an open WebSocket through its offline emulation (playwright#4910), where a real
    /// phone's connection dies. Returns the sockets to cut.
    /// </summary>
    public static async Task<List<IWebSocketRoute>> RouteCircuitsAsync(IBrowserContext context)
    {
        var sockets = new List<IWebSocketRoute>();
        await context.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            socket.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(socket);
            }
        });
        return sockets;
    }

    /// <summary>The browser goes offline and every live connection it had drops.</summary>
    public static async Task CutAsync(IBrowserContext context, List<IWebSocketRoute> sockets)
    {
        await context.SetOfflineAsync(true);
        IWebSocketRoute[] open;
        lock (sockets)
        {
            open = [.. sockets];
            sockets.Clear();
        }

        foreach (var socket in open)
        {
            await socket.CloseAsync(new() { Code = 4000, Reason = "network lost" });
        }
    }

    public static async Task<string> RegisterAsync(IPage page)
    {
        var email = $"drop-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/account/register");
        // By id: the page may be in English or Spanish.
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("una-clave-larga");
        await page.Locator("#confirm").FillAsync("una-clave-larga");
        await page.Locator("form button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/me$"));
        return email;
    }

    public static async Task LiveAsync(IPage page, string selector) =>
        await Assertions.Expect(page.Locator($"{selector}[data-ready='true']")).ToBeVisibleAsync(new() { Timeout = 60_000 });

    /// <summary>On the final quiz (deferred feedback): question 2's choice and question 3's number, then back to question 1.</summary>
    public static async Task AnswerTwoFinalQuestionsAsync(IPage page)
    {
        var current = page.Locator(".question--current");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
        await current.GetByText(SecondAnswer).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
        await current.GetByRole(AriaRole.Textbox).FillAsync("117");
    }

    public const string SecondAnswer = "El modelo infiere las etiquetas de los propios datos, sin etiquetado manual";

    /// <summary>The final quiz shows both answers given before the connection dropped.</summary>
    public static async Task ExpectTheTwoAnswersAsync(IPage page)
    {
        var current = page.Locator(".question--current");
        await Assertions.Expect(current.Locator(".question__number")).ToHaveTextAsync("Question 1 of 14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
        await Assertions.Expect(current.GetByLabel(SecondAnswer)).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
        await Assertions.Expect(current.GetByRole(AriaRole.Textbox)).ToHaveValueAsync("117");
    }

    /// <summary>Waits until the server has kept the quiz's answers (a learner's are kept within milliseconds of being given).</summary>
    public static async Task WaitForKeptAnswersAsync(IServiceProvider services, string email, string containing)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var states = await db.QuizDrafts.Where(d => d.UserId == user.Id).Select(d => d.State).ToListAsync();
            if (states.Any(s => s.Contains(containing, StringComparison.Ordinal)))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The quiz's answers ('{containing}') were not kept on the server within 30 s.");
            await Task.Delay(50);
        }
    }

    public sealed record LearnerRows(string? ResumeSlideKey, int ResumeSegment, string SlideFourKey, int SlideRows, int DistinctSlideRows,
        int SlideFourMaxRevealed, int FinalAttempts, string? ThirdAnswer, int KeptDrafts);

    /// <summary>The learner's rows once the progress writer has written what it holds.</summary>
    public static async Task<LearnerRows> RowsAsync(IServiceProvider services, string email)
    {
        await services.GetRequiredService<ProgressRecorder>().FlushAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var chapterId = await db.Chapters.Where(c => c.Slug == "foundation-models").Select(c => c.Id).SingleAsync();
        var slideFour = await db.Slides.Where(s => s.ChapterId == chapterId && s.Position == 4).Select(s => s.Key).SingleAsync();
        var progress = await db.ChapterProgress.SingleOrDefaultAsync(p => p.UserId == user.Id && p.ChapterId == chapterId);
        var slides = await db.SlideProgress.Where(p => p.UserId == user.Id).ToListAsync();
        var attempts = await db.QuizAttemptRecords.Where(a => a.UserId == user.Id && a.QuizSlug == "final").Include(a => a.Answers).ToListAsync();
        return new LearnerRows(progress?.CurrentSlideKey, progress?.CurrentSegment ?? 0, slideFour, slides.Count,
            slides.Select(s => (s.ChapterId, s.SlideKey)).Distinct().Count(),
            slides.SingleOrDefault(s => s.SlideKey == slideFour)?.MaxRevealed ?? 0,
            attempts.Count, attempts.SelectMany(a => a.Answers).FirstOrDefault(a => a.QuestionKey == "parametros-gpt1")?.Answer,
            await db.QuizDrafts.CountAsync(d => d.UserId == user.Id));
    }
}
