using System.Diagnostics;
using Course.Web.Accounts;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// The load client (tests/Course.Load, run as its own process) against real Chromium: five learners each do the
/// same fixed script — five reveals from slide 1, then the "tokens" checkpoint answered to the end with the
/// same deterministic choices — and both leave the same progress rows and quiz attempts in the database.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class LoadClientComparisonTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Chapter = "/courses/ai-engineering/chapters/foundation-models";
    private const int Learners = 5;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task Five_client_learners_and_five_browser_learners_leave_the_same_progress_and_attempts()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var (exitCode, output) = await RunLoadClientAsync($"client-{run}");
        Assert.True(exitCode == 0, $"the load client exited with {exitCode}:\n{output}");
        Assert.Contains("errors: 0", output);

        await Task.WhenAll(Enumerable.Range(0, Learners).Select(i => BrowserLearnerAsync($"browser-{run}-{i}@load.test")));
        await browser.App.Services.GetRequiredService<ProgressRecorder>().FlushAsync();

        var client = await RecordsAsync($"client-{run}-");
        var real = await RecordsAsync($"browser-{run}-");
        Assert.Equal(Learners, client.Count);
        Assert.Equal(Learners, real.Count);
        var expected = real[0];
        Assert.Contains("tokens", expected); // an attempt was stored
        Assert.All(real, learner => Assert.Equal(expected, learner));
        Assert.All(client, learner => Assert.Equal(expected, learner));
    }

    /// <summary>Each learner's rows, without times: chapter position, slides reached, the attempt and its answers.</summary>
    private async Task<List<string>> RecordsAsync(string emailPrefix)
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var users = await db.Set<AppUser>().Where(u => u.Email!.StartsWith(emailPrefix)).Select(u => u.Id).ToListAsync();
        var result = new List<string>();
        foreach (var user in users)
        {
            var chapter = await db.ChapterProgress.Where(p => p.UserId == user).Select(p => $"at {p.CurrentSlideKey}:{p.CurrentSegment}").ToListAsync();
            var slides = await db.SlideProgress.Where(p => p.UserId == user)
                .Select(p => $"slide {p.SlideKey} revealed {p.MaxRevealed}/{p.SegmentCount}").ToListAsync();
            var attempts = await db.QuizAttemptRecords.Where(a => a.UserId == user).Include(a => a.Answers).ToListAsync();
            result.Add(string.Join("\n", chapter.Concat(slides.Order(StringComparer.Ordinal)).Concat(attempts.Select(a =>
                $"{a.QuizSlug} score {a.Score:0.###} passed {a.Passed}: " +
                string.Join("; ", a.Answers.OrderBy(x => x.QuestionKey, StringComparer.Ordinal).Select(x => $"{x.QuestionKey}={x.Score:0.###} '{x.Answer}'"))))));
        }

        return result;
    }

    private async Task<(int ExitCode, string Output)> RunLoadClientAsync(string accountPrefix)
    {
        // Built beside this project (ProjectReference without its assembly); same configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<configuration>/net10.0
        var client = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../Course.Load/bin", configuration, "net10.0/Course.Load.dll"));
        Assert.True(File.Exists(client), $"build tests/Course.Load first: {client} is missing");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { client, "--server", browser.App.BaseAddress.ToString(), "--scenario", "script", "--learners", $"{Learners}",
                "--ramp", "0", "--duration", "120", "--account-prefix", accountPrefix },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The same script in Chromium: register, five reveals, the checkpoint answered as the client answers it.</summary>
    private async Task BrowserLearnerAsync(string email)
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync("/account/register");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("load-client-password");
        await page.GetByLabel("Repeat the password").FillAsync("load-client-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My learning", Level = 1 })).ToBeVisibleAsync();

        await page.GotoAsync(Chapter + "/slides/1");
        await Assertions.Expect(page.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
        for (var i = 0; i < 5; i++)
        {
            var before = await page.Locator(".player").EvaluateAsync<string>("e => e.outerHTML");
            await page.GetByRole(AriaRole.Button, new() { Name = "Next step", Exact = true }).ClickAsync();
            await page.WaitForFunctionAsync("before => document.querySelector('.player').outerHTML !== before", before);
        }

        await page.GotoAsync(Chapter + "/quizzes/tokens");
        await Assertions.Expect(page.Locator(".quiz[data-ready='true']")).ToBeVisibleAsync();
        for (var tries = 0; await page.Locator(".result").CountAsync() == 0; tries++)
        {
            Assert.True(tries < 30, "the quiz never showed a result");
            await AnswerCurrentAsync(page);
        }

        Assert.Empty(errors);
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// QuizActions' choices, in the page: options by the ordinal order of their labels (the n-th try takes the
    /// n-th), typed answers "8" then "9", then Check; a closed question moves on with Next.
    /// </summary>
    private static async Task AnswerCurrentAsync(IPage page)
    {
        var current = page.Locator(".question--current");
        var attempt = await current.Locator(".feedback--retry").CountAsync();
        await current.EvaluateAsync("""
            (question, attempt) => {
              const text = e => e.textContent.replace(/\s+/g, ' ').trim();
              const byLabel = inputs => [...inputs].sort((a, b) => { const x = text(a.parentElement), y = text(b.parentElement); return x < y ? -1 : x > y ? 1 : 0; });
              question.querySelectorAll('[data-choose]').forEach(e => delete e.dataset.choose);
              for (const kind of ['radio', 'checkbox']) {
                const options = byLabel(question.querySelectorAll(`input[type=${kind}]`));
                if (options.length) options[attempt % options.length].dataset.choose = 'yes';
              }
            }
            """, attempt);
        foreach (var option in await current.Locator("input[data-choose='yes']").AllAsync())
        {
            await option.ClickAsync();
        }

        foreach (var text in await current.Locator("input[type=text]").AllAsync())
        {
            await text.FillAsync(attempt == 0 ? "8" : $"{attempt + 8}");
        }

        var check = current.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true });
        var status = await current.Locator("[role=status]").InnerHTMLAsync();
        await Assertions.Expect(check).ToBeEnabledAsync();
        await check.ClickAsync();
        await Assertions.Expect(current.Locator("[role=status]")).Not.ToHaveJSPropertyAsync("innerHTML", status);
        var closed = await current.Locator(".feedback:not(.feedback--retry)").CountAsync() > 0;
        var next = page.GetByRole(AriaRole.Button, new() { Name = "Next →" });
        if (closed && await page.Locator(".result").CountAsync() == 0 && await next.IsEnabledAsync())
        {
            await next.ClickAsync();
        }
    }
}
