using System.Text.RegularExpressions;
using Course.Web.Chapters;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>The studio in a real browser: writing, fixing, saving, publishing, conflicts, closing the tab, accessibility.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public partial class StudioBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private const string Password = "a-good-password";

    [GeneratedRegex(@"/studio/chapters/(\d+)$")]
    private static partial Regex EditorAddress();

    [GeneratedRegex(@"^Saved ")]
    private static partial Regex SavedStatus();

    /// <summary>A new instructor, signed in on a new browser context.</summary>
    private async Task<IPage> InstructorPageAsync(string? email = null, int width = 1280, int height = 800, string? timeZone = null)
    {
        email ??= $"prof-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(browser.App, email, Password, instructor: true);
        var page = await browser.NewPageAsync(width, height, timeZone: timeZone);
        await SignInAsync(page, email);
        return page;
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" }).GetByRole(AriaRole.Link, new() { Name = "Studio" })).ToBeVisibleAsync();
    }

    private async Task<int> NewChapterAsync(string title, string? script = null)
    {
        using var scope = browser.App.Services.CreateScope();
        var studio = scope.ServiceProvider.GetRequiredService<ChapterStudio>();
        var course = (await studio.ListAsync())[0];
        return await studio.CreateChapterAsync(course.CourseId, title, "en", "setup@example.com", script);
    }

    private async Task<DraftView> DraftAsync(int chapterId)
    {
        using var scope = browser.App.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ChapterStudio>().GetDraftAsync(chapterId))!;
    }

    // The status line already reads "Saved …" for the text the page opened with, so it cannot tell
    // whether the latest edit has reached the server; the stored draft can.
    private async Task<string> SavedDraftTextAsync(int chapterId, Func<string, bool> arrived)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var text = (await DraftAsync(chapterId)).Text;
        while (!arrived(text) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            text = (await DraftAsync(chapterId)).Text;
        }

        return text;
    }

    private Task<string> SavedDraftTextAsync(int chapterId, string expected) => SavedDraftTextAsync(chapterId, text => text == expected);

    private static async Task<ILocator> OpenEditorAsync(IPage page, int chapterId)
    {
        await page.GotoAsync($"/studio/chapters/{chapterId}");
        await Assertions.Expect(page.Locator(".editor[data-ready='true']")).ToBeVisibleAsync();
        return page.Locator("#script-text");
    }

    /// <summary>The issue's scenario, end to end, on a chapter that has never been published.</summary>
    [Fact]
    public async Task An_instructor_pastes_a_chapter_fixes_it_adds_a_question_previews_and_publishes_and_a_learner_plays_it()
    {
        var page = await InstructorPageAsync();
        await page.GotoAsync("/studio");
        await Assertions.Expect(page.Locator(".studio[data-ready='true']")).ToBeVisibleAsync();
        var title = $"Studio walk {Guid.NewGuid():N}"[..20];
        await page.Locator("#new-title").FillAsync(title);
        await page.Locator("#new-language").FillAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and open" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(EditorAddress());
        await Assertions.Expect(page.Locator(".editor[data-ready='true']")).ToBeVisibleAsync();
        var chapterId = int.Parse(EditorAddress().Match(page.Url).Groups[1].Value);

        // Pasted with a mistake on line 3, column 34: the pause's time is not a number.
        const string broken = "Welcome to the studio <break time=\"1s\"/>\nThis line is fine <break time=\"0.5s\"/>\nThis pause is wrong <break time=\"abc\"/>\n\nA second slide <break time=\"1s\"/>";
        var script = page.Locator("#script-text");
        await script.FillAsync(broken);

        var place = page.GetByRole(AriaRole.Button, new() { Name = "Line 3, column 34" });
        await Assertions.Expect(place).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".problems")).ToContainTextAsync("The break time “abc” is not a number");
        await Assertions.Expect(page.Locator(".script-editor__mirror .mline--error")).ToHaveAttributeAsync("data-line", "3");
        await place.ClickAsync();
        var caret = await script.EvaluateAsync<int>("t => t.selectionStart");
        Assert.Equal(broken.IndexOf("abc", StringComparison.Ordinal), caret);

        var fixedScript = broken.Replace("abc", "2s", StringComparison.Ordinal);
        await script.FillAsync(fixedScript);
        await Assertions.Expect(page.Locator(".problems")).ToHaveTextAsync("No problems.");
        await Assertions.Expect(page.Locator(".timeline button")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("save-status")).ToHaveTextAsync(SavedStatus());
        Assert.Equal(fixedScript, await SavedDraftTextAsync(chapterId, fixedScript));

        // A checkpoint after the first slide, with a question that slide teaches: before any publish.
        await page.GetByRole(AriaRole.Link, new() { Name = "Quizzes", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".qe[data-ready='true']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+ New quiz" }).ClickAsync();
        var settings = page.Locator("form.qe-settings");
        await settings.GetByLabel("Title").FillAsync("Check the welcome");
        await settings.GetByLabel("Checkpoint").CheckAsync();
        await settings.GetByLabel("Offered after slide").SelectOptionAsync(new SelectOptionValue { Label = "1. Welcome to the studio" });
        await settings.GetByRole(AriaRole.Button, new() { Name = "Create quiz" }).ClickAsync();
        await page.GetByLabel("New question type").SelectOptionAsync("TrueFalse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question to Check the welcome" }).ClickAsync();
        var question = page.Locator("form.qe-editor__form");
        await question.GetByLabel("Question", new() { Exact = true }).FillAsync("The studio welcomes you.");
        await question.GetByLabel("Slide that teaches it").SelectOptionAsync(new SelectOptionValue { Label = "1. Welcome to the studio" });
        await question.GetByLabel("Explanation").FillAsync("The first line says so.");
        await question.GetByLabel("True").CheckAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Save question" }).ClickAsync();
        await Assertions.Expect(page.Locator(".qe-status")).ToContainTextAsync("Question added");
        await Assertions.Expect(page.Locator(".qe-question__meta")).ToContainTextAsync("slide 1");

        // Back in the editor, the second slide plays in the preview with the real player.
        await page.GetByRole(AriaRole.Link, new() { Name = "← " + title }).ClickAsync();
        await Assertions.Expect(page.Locator(".editor[data-ready='true']")).ToBeVisibleAsync();
        await page.Locator(".timeline button").Nth(1).ClickAsync();
        var preview = page.Locator(".preview .player");
        await Assertions.Expect(preview.Locator(".player__counter")).ToHaveTextAsync("2 / 2");
        await preview.GetByRole(AriaRole.Button, new() { Name = "Show all" }).ClickAsync();
        await Assertions.Expect(preview.Locator(".segment")).ToHaveTextAsync("A second slide");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Version 1 published.")).ToBeVisibleAsync();
        var playerLink = await page.GetByRole(AriaRole.Link, new() { Name = "Open it in the player" }).GetAttributeAsync("href");

        // A learner, in a browser context of their own, plays it and meets the checkpoint after slide 1.
        var learner = await browser.NewPageAsync();
        await learner.GotoAsync(playerLink!);
        await Assertions.Expect(learner.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
        await Assertions.Expect(learner.Locator(".player__counter")).ToHaveTextAsync("1 / 2");
        await Assertions.Expect(learner.Locator(".segment").First).ToHaveTextAsync("Welcome to the studio");
        await learner.GetByRole(AriaRole.Button, new() { Name = "Show all" }).ClickAsync();
        await Assertions.Expect(learner.Locator(".segment")).ToHaveCountAsync(3);
        await Assertions.Expect(learner.Locator(".segment").Last).ToHaveTextAsync("This pause is wrong");
        await learner.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
        await Assertions.Expect(learner.GetByRole(AriaRole.Heading, new() { Name = "Check the welcome" })).ToBeVisibleAsync();
        await learner.GetByRole(AriaRole.Link, new() { Name = "Take the checkpoint" }).ClickAsync();
        await Assertions.Expect(learner.Locator(".quiz[data-ready='true']")).ToBeVisibleAsync();
        var current = learner.Locator(".question--current");
        await Assertions.Expect(current.Locator(".question__prompt")).ToContainTextAsync("The studio welcomes you.");
        await current.GetByText("True", new() { Exact = true }).ClickAsync();
        await current.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(current.Locator(".feedback--correct")).ToContainTextAsync("The first line says so.");
        await Assertions.Expect(current.GetByRole(AriaRole.Link, new() { Name = "Review this slide" })).ToHaveAttributeAsync("href", new Regex("/slides/1\\?"));
    }

    /// <summary>The segment texts in these text boxes, in order.</summary>
    private static async Task ExpectTextsAsync(ILocator boxes, params string[] texts)
    {
        await Assertions.Expect(boxes).ToHaveCountAsync(texts.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            await Assertions.Expect(boxes.Nth(i)).ToHaveValueAsync(texts[i]);
        }
    }

    [Fact]
    public async Task In_the_slides_view_a_slide_and_a_segment_are_dragged_to_new_places_and_the_draft_follows()
    {
        var id = await NewChapterAsync("Drag me", "One <break time=\"1s\"/>\n\nTwo <break time=\"1s\"/>\n\nThree <break time=\"1s\"/>\nThree b <break time=\"1s\"/>\n");
        var page = await InstructorPageAsync(height: 1800); // every card in view: a drag does not scroll
        await OpenEditorAsync(page, id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Slides", Exact = true }).ClickAsync();
        var cards = page.Locator(".slide-card");
        await Assertions.Expect(cards).ToHaveCountAsync(3);

        await cards.Nth(2).Locator(".slide-card__header .drag-grip").DragToAsync(cards.Nth(0).Locator(".slide-card__header"));
        await Assertions.Expect(page.Locator(".slides-view__status")).ToHaveTextAsync("Slide 3 moved up; it is now slide 1.");
        await ExpectTextsAsync(cards.Nth(0).Locator(".segment-row__text"), "Three", "Three b");

        var rows = cards.Nth(0).Locator(".segment-row");
        await rows.Nth(1).Locator(".drag-grip").DragToAsync(rows.Nth(0));
        await ExpectTextsAsync(cards.Nth(0).Locator(".segment-row__text"), "Three b", "Three");

        // Dropped somewhere it cannot go (a segment onto another slide): nothing moves.
        await cards.Nth(0).Locator(".segment-row").Nth(0).Locator(".drag-grip").DragToAsync(cards.Nth(1));
        await ExpectTextsAsync(cards.Nth(1).Locator(".segment-row__text"), "One");

        await Assertions.Expect(page.GetByTestId("save-status")).ToHaveTextAsync(SavedStatus());
        const string reordered = "Three b <break time=\"1s\"/>\nThree <break time=\"1s\"/>\n\nOne <break time=\"1s\"/>\n\nTwo <break time=\"1s\"/>";
        Assert.Equal(reordered, await SavedDraftTextAsync(id, reordered));

        // The rarer actions are in a "More" menu, by keyboard: Enter opens it, Escape closes it, an item acts.
        var more = page.Locator("#slides-1-more");
        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var add = page.GetByRole(AriaRole.Button, new() { Name = "Add a slide after slide 1" });
        await Assertions.Expect(add).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(add).Not.ToBeVisibleAsync();
        await Assertions.Expect(more).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(add).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(add).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(cards).ToHaveCountAsync(4);
        await Assertions.Expect(add).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_second_save_meets_the_conflict_sees_both_versions_and_keeping_mine_saves_it()
    {
        var chapter = await NewChapterAsync("Two editors", "Shared first line <break time=\"1s\"/>");
        var first = await InstructorPageAsync();
        var second = await InstructorPageAsync();
        var firstScript = await OpenEditorAsync(first, chapter);
        var secondScript = await OpenEditorAsync(second, chapter);

        await firstScript.FillAsync("Shared first line <break time=\"1s\"/>\nAdded by the first editor <break time=\"1s\"/>");
        await Assertions.Expect(first.GetByTestId("save-status")).ToHaveTextAsync(SavedStatus());

        const string mine = "Shared first line <break time=\"1s\"/>\nWritten by the second editor <break time=\"1s\"/>";
        await secondScript.FillAsync(mine);
        var conflict = second.Locator(".conflict");
        await Assertions.Expect(conflict.GetByRole(AriaRole.Heading, new() { Name = "Someone else saved this chapter" })).ToBeVisibleAsync();
        await Assertions.Expect(conflict.Locator(".diff__line--removed")).ToContainTextAsync("Added by the first editor");
        await Assertions.Expect(conflict.Locator(".diff__line--removed")).ToContainTextAsync("removed");
        await Assertions.Expect(conflict.Locator(".diff__line--added")).ToContainTextAsync("Written by the second editor");
        await Assertions.Expect(conflict.Locator(".diff__line--added")).ToContainTextAsync("added");
        await Assertions.Expect(second.GetByTestId("save-status")).ToHaveTextAsync("Not saved: two versions to choose from");

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Keep mine" }).ClickAsync();

        await Assertions.Expect(conflict).ToHaveCountAsync(0);
        await Assertions.Expect(second.GetByTestId("save-status")).ToHaveTextAsync(SavedStatus());
        Assert.Equal(mine, await SavedDraftTextAsync(chapter, mine));
    }

    [Fact]
    public async Task An_editor_left_open_while_another_publishes_meets_a_conflict_and_the_published_work_stays()
    {
        // A published chapter, no draft: both editors open it at the same revision.
        var chapter = await NewChapterAsync("Publish under me", "Shared first line <break time=\"1s\"/>");
        using (var scope = browser.App.Services.CreateScope())
        {
            Assert.IsType<PublishResult.Published>(await scope.ServiceProvider.GetRequiredService<ChapterStudio>().PublishAsync(chapter, 1, "setup@example.com"));
        }

        var a = await InstructorPageAsync();
        var b = await InstructorPageAsync();
        var aScript = await OpenEditorAsync(a, chapter);
        var bScript = await OpenEditorAsync(b, chapter);

        // B edits and publishes, which removes the draft again.
        const string bText = "Shared first line <break time=\"1s\"/>\nPublished by B <break time=\"1s\"/>";
        await bScript.FillAsync(bText);
        await Assertions.Expect(b.GetByTestId("save-status")).ToHaveTextAsync(SavedStatus());
        await b.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(b.GetByText("Version 2 published.")).ToBeVisibleAsync();

        // A, on the page from before, types: A meets B's work instead of silently replacing it.
        await aScript.FillAsync("Shared first line <break time=\"1s\"/>\nWritten by A <break time=\"1s\"/>");
        var conflict = a.Locator(".conflict");
        await Assertions.Expect(conflict.GetByRole(AriaRole.Heading, new() { Name = "Someone else saved this chapter" })).ToBeVisibleAsync();
        await Assertions.Expect(conflict.Locator(".diff__line--removed")).ToContainTextAsync("Published by B");
        await Assertions.Expect(conflict.Locator(".diff__line--added")).ToContainTextAsync("Written by A");

        var stored = await DraftAsync(chapter);
        Assert.False(stored.HasDraft);
        Assert.Equal(bText, stored.PublishedText);
    }

    [Fact]
    public async Task Publishing_from_two_tabs_publishes_once_and_the_second_tab_meets_the_first()
    {
        var chapter = await NewChapterAsync("Two tabs publish", "First line <break time=\"1s\"/>");
        var a = await InstructorPageAsync();
        var b = await InstructorPageAsync();
        var aScript = await OpenEditorAsync(a, chapter);
        await OpenEditorAsync(b, chapter);

        const string aText = "First line <break time=\"1s\"/>\nAdded in tab A <break time=\"1s\"/>";
        await aScript.FillAsync(aText);
        await Assertions.Expect(a.GetByTestId("save-status")).ToHaveTextAsync(SavedStatus());
        await a.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(a.GetByText("Version 1 published.")).ToBeVisibleAsync();

        // Tab B still holds the draft as it was before A's save and publication: publishing it would put
        // the old text live over A's, so B meets A's work instead.
        await b.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        var conflict = b.Locator(".conflict");
        await Assertions.Expect(conflict.GetByRole(AriaRole.Heading, new() { Name = "Someone else saved this chapter" })).ToBeVisibleAsync();
        await Assertions.Expect(b.GetByText("Version 2 published.")).ToHaveCountAsync(0);

        using var scope = browser.App.Services.CreateScope();
        var versions = await scope.ServiceProvider.GetRequiredService<ChapterStudio>().HistoryAsync(chapter);
        Assert.Equal([1], versions.Select(v => v.Number));
        Assert.Equal(aText, (await DraftAsync(chapter)).PublishedText);
    }

    [Fact]
    public async Task A_restore_in_the_history_meets_an_editor_left_open_with_a_conflict_not_a_silent_overwrite()
    {
        var chapter = await NewChapterAsync("Restore under me", "Version one <break time=\"1s\"/>");
        using (var scope = browser.App.Services.CreateScope())
        {
            var studio = scope.ServiceProvider.GetRequiredService<ChapterStudio>();
            var first = Assert.IsType<PublishResult.Published>(await studio.PublishAsync(chapter, 1, "ana@example.com"));
            var second = Assert.IsType<SaveResult.Saved>(await studio.SaveDraftAsync(chapter, "Version two <break time=\"1s\"/>", first.Revision, "ana@example.com"));
            Assert.IsType<PublishResult.Published>(await studio.PublishAsync(chapter, second.Revision, "ana@example.com"));
        }

        var editor = await InstructorPageAsync();
        var historian = await InstructorPageAsync();
        var script = await OpenEditorAsync(editor, chapter);

        await historian.GotoAsync($"/studio/chapters/{chapter}/history");
        await historian.GetByRole(AriaRole.Button, new() { Name = "Restore as draft (Version 1)" }).ClickAsync();
        await Assertions.Expect(historian.GetByText("Version 1 is now the draft.")).ToBeVisibleAsync();

        // The editor, opened before the restore, types: it meets the restored draft and keeps what it typed.
        const string typed = "Version two <break time=\"1s\"/>\nTyped in the open editor <break time=\"1s\"/>";
        await script.FillAsync(typed);
        var conflict = editor.Locator(".conflict");
        await Assertions.Expect(conflict.GetByRole(AriaRole.Heading, new() { Name = "Someone else saved this chapter" })).ToBeVisibleAsync();
        await Assertions.Expect(conflict.Locator(".diff__line--removed")).ToContainTextAsync("Version one");
        await Assertions.Expect(script).ToHaveValueAsync(typed);
        Assert.Equal("Version one <break time=\"1s\"/>", (await DraftAsync(chapter)).Text);
    }

    [Fact]
    public async Task Taking_theirs_keeps_my_text_on_the_page_to_copy_from()
    {
        var chapter = await NewChapterAsync("Take theirs", "One <break time=\"1s\"/>");
        var first = await InstructorPageAsync();
        var second = await InstructorPageAsync();
        var firstScript = await OpenEditorAsync(first, chapter);
        var secondScript = await OpenEditorAsync(second, chapter);
        const string theirs = "One <break time=\"1s\"/>\nTheirs <break time=\"1s\"/>";
        await firstScript.FillAsync(theirs);
        await Assertions.Expect(first.GetByTestId("save-status")).ToHaveTextAsync(SavedStatus());
        const string mine = "One <break time=\"1s\"/>\nMine <break time=\"1s\"/>";
        await secondScript.FillAsync(mine);

        await second.GetByRole(AriaRole.Button, new() { Name = "Take theirs" }).ClickAsync();

        await Assertions.Expect(secondScript).ToHaveValueAsync(theirs);
        await Assertions.Expect(second.GetByLabel("My text")).ToHaveValueAsync(mine);
        Assert.Equal(theirs, await SavedDraftTextAsync(chapter, theirs));
    }

    [Fact]
    public async Task Closing_the_tab_right_after_typing_keeps_the_text()
    {
        var chapter = await NewChapterAsync("Closed tab", "Before <break time=\"1s\"/>");
        var page = await InstructorPageAsync();
        // The circuit hears nothing from this page once typing starts, so only the page's own save on
        // closing (a beacon over plain HTTP) can bring the text to the server.
        var deaf = false;
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame =>
            {
                if (deaf)
                {
                    return;
                }

                if (frame.Binary is { } binary)
                {
                    server.Send(binary);
                }
                else
                {
                    server.Send(frame.Text ?? "");
                }
            });
        });
        var script = await OpenEditorAsync(page, chapter);
        const string typed = "Before <break time=\"1s\"/>\nTyped just before closing <break time=\"1s\"/>";

        deaf = true;
        await script.FillAsync(typed);
        await page.CloseAsync(new() { RunBeforeUnload = true });

        Assert.Equal(typed, await SavedDraftTextAsync(chapter, typed));
        var again = await page.Context.NewPageAsync();
        var reopened = await OpenEditorAsync(again, chapter);
        await Assertions.Expect(reopened).ToHaveValueAsync(typed);
        await Assertions.Expect(again.GetByText("Restore my text")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Unsaved_text_kept_by_the_browser_is_offered_back()
    {
        var chapter = await NewChapterAsync("Backup", "Saved text <break time=\"1s\"/>");
        var page = await InstructorPageAsync();
        await OpenEditorAsync(page, chapter);
        // As a crash would leave it: text in this browser's storage that never reached the server.
        await page.EvaluateAsync("([key, text]) => localStorage.setItem(key, JSON.stringify({ text, revision: 1, at: Date.now() }))",
            new object[] { $"course.studio.draft.{chapter}", "Saved text <break time=\"1s\"/>\nNever saved <break time=\"1s\"/>" });

        var script = await OpenEditorAsync(page, chapter);
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore my text" }).ClickAsync();

        await Assertions.Expect(script).ToHaveValueAsync("Saved text <break time=\"1s\"/>\nNever saved <break time=\"1s\"/>");
        await Assertions.Expect(page.GetByTestId("save-status")).ToHaveTextAsync(SavedStatus());
        Assert.Contains("Never saved", await SavedDraftTextAsync(chapter, text => text.Contains("Never saved", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_over_unpublished_changes_asks_first_and_keeping_the_draft_loses_nothing()
    {
        var chapter = await NewChapterAsync("Restore asks", "Published text <break time=\"1s\"/>");
        const string unpublished = "Published text <break time=\"1s\"/>\nAn edit not yet published <break time=\"1s\"/>";
        using (var scope = browser.App.Services.CreateScope())
        {
            var studio = scope.ServiceProvider.GetRequiredService<ChapterStudio>();
            var published = Assert.IsType<PublishResult.Published>(await studio.PublishAsync(chapter, 1, "ana@example.com"));
            Assert.IsType<SaveResult.Saved>(await studio.SaveDraftAsync(chapter, unpublished, published.Revision, "ana@example.com"));
        }

        var page = await InstructorPageAsync();
        await page.GotoAsync($"/studio/chapters/{chapter}/history");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore as draft (Version 1)" }).ClickAsync();

        var confirm = page.Locator(".history__confirm");
        await Assertions.Expect(confirm.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Restore version 1 over your unpublished changes?");
        Assert.Equal(unpublished, (await DraftAsync(chapter)).Text);
        await confirm.GetByRole(AriaRole.Link, new() { Name = "Keep the draft" }).ClickAsync();
        await Assertions.Expect(confirm).ToHaveCountAsync(0);
        Assert.Equal(unpublished, (await DraftAsync(chapter)).Text);

        await page.GetByRole(AriaRole.Button, new() { Name = "Restore as draft (Version 1)" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Replace the draft with version 1" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Version 1 is now the draft.")).ToBeVisibleAsync();
        Assert.Equal("Published text <break time=\"1s\"/>", (await DraftAsync(chapter)).Text);
    }

    [Fact]
    public async Task History_compares_two_versions_and_restores_one_as_the_draft()
    {
        var chapter = await NewChapterAsync("History", "First version <break time=\"1s\"/>");
        using (var scope = browser.App.Services.CreateScope())
        {
            var studio = scope.ServiceProvider.GetRequiredService<ChapterStudio>();
            var first = Assert.IsType<PublishResult.Published>(await studio.PublishAsync(chapter, 1, "ana@example.com"));
            var second = Assert.IsType<SaveResult.Saved>(await studio.SaveDraftAsync(chapter, "Second version <break time=\"1s\"/>", first.Revision, "ana@example.com"));
            Assert.IsType<PublishResult.Published>(await studio.PublishAsync(chapter, second.Revision, "ana@example.com"));
        }

        var page = await InstructorPageAsync(timeZone: "America/Bogota");
        await page.GotoAsync($"/studio/chapters/{chapter}/history");
        var row = page.Locator(".history__versions").GetByRole(AriaRole.Row, new() { Name = "Version 2" });
        await Assertions.Expect(row).ToContainTextAsync("ana@example.com");

        // Published at in the instructor's own time zone (Bogotá is UTC−5 all year), not the server's.
        DateTimeOffset publishedAt;
        using (var scope = browser.App.Services.CreateScope())
        {
            publishedAt = (await scope.ServiceProvider.GetRequiredService<ChapterStudio>().HistoryAsync(chapter)).Single(v => v.Number == 2).PublishedAt;
        }

        var shown = await (await row.Locator("course-time").ElementHandleAsync()).EvaluateAsync<string>(
            "e => new Promise(done => { const read = () => e.shadowRoot ? done(e.shadowRoot.textContent) : setTimeout(read, 50); read(); })");
        var bogota = publishedAt.ToOffset(TimeSpan.FromHours(-5));
        Assert.Equal(bogota.ToString("MMM d, yyyy, h:mm tt", System.Globalization.CultureInfo.GetCultureInfo("en-US")), shown.Replace('\u202F', ' '));
        var diff = page.Locator(".diff");
        await Assertions.Expect(diff.Locator(".diff__line--removed")).ToContainTextAsync("First version");
        await Assertions.Expect(diff.Locator(".diff__line--added")).ToContainTextAsync("Second version");

        await page.GetByRole(AriaRole.Button, new() { Name = "Restore as draft (Version 1)" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Version 1 is now the draft.")).ToBeVisibleAsync();
        Assert.Equal("First version <break time=\"1s\"/>", (await DraftAsync(chapter)).Text);
    }

    [Fact]
    public async Task An_instructor_creates_a_course_gives_it_a_first_chapter_and_renames_it()
    {
        var page = await InstructorPageAsync();
        await page.GotoAsync("/studio");
        await Assertions.Expect(page.Locator(".studio[data-ready='true']")).ToBeVisibleAsync();
        var title = $"Course {Guid.NewGuid():N}"[..16];

        // A title is needed: said, and nothing created.
        var newCourse = page.GetByRole(AriaRole.Form, new() { Name = "New course" });
        await newCourse.GetByLabel("Title").FillAsync(" ");
        await newCourse.GetByRole(AriaRole.Button, new() { Name = "Create course" }).ClickAsync();
        await Assertions.Expect(newCourse.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Write a title.");

        await newCourse.GetByLabel("Title").FillAsync(title);
        await newCourse.GetByLabel("Language").FillAsync("es");
        await newCourse.GetByRole(AriaRole.Button, new() { Name = "Create course" }).ClickAsync();
        var section = page.Locator("section.course", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await Assertions.Expect(section).ToContainTextAsync("no chapters");

        // The new-chapter form now points at the new course, ready to type into.
        await Assertions.Expect(page.Locator("#new-title")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#new-course option:checked")).ToHaveTextAsync(title);
        await page.Locator("#new-title").FillAsync("Primer capítulo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and open" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(EditorAddress());
        await page.GotoAsync("/studio");
        await Assertions.Expect(section.Locator(".chapter__title")).ToContainTextAsync("Primer capítulo");

        await section.GetByRole(AriaRole.Button, new() { Name = "Course details" }).ClickAsync();
        var details = page.GetByRole(AriaRole.Form, new() { Name = $"Details of {title}" });
        await details.GetByLabel("Title").FillAsync(title + " (2.ª ed.)");
        await details.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title + " (2.ª ed.)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Course details" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Chapters_move_with_the_keyboard_and_a_draft_is_deleted_after_confirming()
    {
        var title = $"Movable {Guid.NewGuid():N}"[..16];
        var chapter = await NewChapterAsync(title);
        var page = await InstructorPageAsync();
        await page.GotoAsync("/studio");
        await Assertions.Expect(page.Locator(".studio[data-ready='true']")).ToBeVisibleAsync();
        var row = page.Locator(".chapter", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title }) });
        var before = await row.Locator(".chapter__number").TextContentAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Move “{title}” up" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(row.Locator(".chapter__number")).Not.ToHaveTextAsync(before!);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Move “{title}” up" })).ToBeFocusedAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Yes, delete it" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Null(await DraftOrNullAsync(chapter));
    }

    [Fact]
    public async Task Importing_a_script_with_errors_lists_them_by_line_and_a_good_one_opens_in_the_editor()
    {
        var page = await InstructorPageAsync();
        await page.GotoAsync("/studio");
        await Assertions.Expect(page.Locator(".studio[data-ready='true']")).ToBeVisibleAsync();

        var importForm = page.GetByRole(AriaRole.Region, new() { Name = "Import a file" });
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "broken.txt",
            MimeType = "text/plain",
            Buffer = "Fine <break time=\"1s\"/>\nBad <break time=\"12s\"/>"u8.ToArray(),
        });
        await importForm.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(importForm.Locator(".tool__result")).ToContainTextAsync("Line 2, column 18");
        await Assertions.Expect(importForm.Locator(".tool__result")).ToContainTextAsync("over the maximum");

        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "imported.txt",
            MimeType = "text/plain",
            Buffer = "---\ntitle: Imported chapter\n---\n\nFrom a file <break time=\"1s\"/>"u8.ToArray(),
        });
        await importForm.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(EditorAddress());
        await Assertions.Expect(page.Locator(".editor[data-ready='true']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#script-text")).ToHaveValueAsync(new Regex("From a file"));
    }

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violation_in_the_studio()
    {
        var chapter = await NewChapterAsync("Axe", "First <break time=\"1s\"/>");
        using (var scope = browser.App.Services.CreateScope())
        {
            var studio = scope.ServiceProvider.GetRequiredService<ChapterStudio>();
            var published = Assert.IsType<PublishResult.Published>(await studio.PublishAsync(chapter, 1, "ana@example.com"));
            Assert.IsType<SaveResult.Saved>(await studio.SaveDraftAsync(chapter, "First <break time=\"1s\"/>\nSecond <break time=\"abc\"/>", published.Revision, "ana@example.com"));
        }

        var page = await InstructorPageAsync();
        foreach (var (url, ready) in new[]
        {
            ("/studio", ".studio[data-ready='true']"),
            ($"/studio/chapters/{chapter}", ".editor[data-ready='true']"),
            ($"/studio/chapters/{chapter}/history", ".diff"),
            ($"/studio/chapters/{await NewChapterAsync("Axe slides", "One <break time=\"1s\"/>\n\nTwo")}#slides", ".slides-more[open]"),
        })
        {
            await page.GotoAsync(url);
            if (url.EndsWith("#slides", StringComparison.Ordinal))
            {
                // The slides view with a "more" menu open.
                await Assertions.Expect(page.Locator(".editor[data-ready='true']")).ToBeVisibleAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Slides", Exact = true }).ClickAsync();
                await page.Locator("#slides-1-more").ClickAsync();
            }

            await Assertions.Expect(page.Locator(ready)).ToBeVisibleAsync();

            var result = await page.RunAxe();

            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, url + "\n" + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
        }
    }

    private async Task<DraftView?> DraftOrNullAsync(int chapterId)
    {
        using var scope = browser.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ChapterStudio>().GetDraftAsync(chapterId);
    }
}
