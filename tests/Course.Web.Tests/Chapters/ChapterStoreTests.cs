using Course.Core.Scripts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Chapters;

/// <summary>
/// The chapter store on the real database (SQLite, or PostgreSQL when COURSE_TEST_POSTGRES is set): one
/// content revision that only grows and that every save, publish and restore checks, and creation that
/// gives every path the same chapter.
/// </summary>
public sealed class ChapterStoreTests : AppServicesTest
{
    private const string Ana = "ana@example.com";
    private const string Luis = "luis@example.com";

    private ChapterStore Store => Get<ChapterStore>();

    private async Task<int> NewChapterAsync(string script)
    {
        await using var db = await Db();
        return await Store.CreateAsync((await db.Courses.SingleAsync()).Id, "Tokens en la práctica", "es", Ana, script);
    }

    private async Task<int> RevisionAsync(int chapterId)
    {
        await using var db = await Db();
        return await db.Chapters.Where(c => c.Id == chapterId).Select(c => c.ContentRevision).SingleAsync();
    }

    [Fact]
    public async Task The_second_publish_from_a_second_tab_meets_a_conflict_and_the_first_stays_the_only_version()
    {
        var id = await NewChapterAsync("Uno <break time=\"1s\"/>\n");
        var opened = (await Store.GetDraftAsync(id))!.Revision; // both tabs hold this

        var first = Assert.IsType<PublishResult.Published>(await Store.PublishAsync(id, opened, Ana));
        var second = Assert.IsType<PublishResult.Conflict>(await Store.PublishAsync(id, opened, Luis));

        Assert.Equal(first.Revision, second.TheirRevision);
        Assert.Equal("Uno <break time=\"1s\"/>", second.TheirText);
        Assert.Equal(Ana, second.TheirAuthor);
        Assert.Equal(Ana, Assert.Single(await Store.HistoryAsync(id)).PublishedBy);
    }

    [Fact]
    public async Task A_save_with_the_revision_from_before_a_publish_is_a_conflict_that_keeps_both_texts()
    {
        var id = await NewChapterAsync("Primera. <break time=\"1s\"/>\n");
        var aOpened = (await Store.GetDraftAsync(id))!;
        var published = Assert.IsType<PublishResult.Published>(await Store.PublishAsync(id, aOpened.Revision, Luis));
        Assert.False((await Store.GetDraftAsync(id))!.HasDraft); // publishing removed the draft row, not the revision

        var aText = "Primera, según Ana. <break time=\"1s\"/>\n";
        var conflict = Assert.IsType<SaveResult.Conflict>(await Store.SaveDraftAsync(id, aText, aOpened.Revision, Ana));

        // Theirs comes back to compare; Ana's is still hers to keep (the editor holds it), and nothing was overwritten.
        Assert.Equal("Primera. <break time=\"1s\"/>", conflict.TheirText);
        Assert.Equal(published.Revision, conflict.TheirRevision);
        var now = (await Store.GetDraftAsync(id))!;
        Assert.False(now.HasDraft);
        Assert.Equal("Primera. <break time=\"1s\"/>", now.PublishedText);

        // Keeping hers is a save against their revision: a draft over the published text, the version kept.
        var kept = Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(id, aText, conflict.TheirRevision, Ana));
        Assert.Equal(aText, (await Store.GetDraftAsync(id))!.Text);
        Assert.Equal("Primera. <break time=\"1s\"/>", await Store.VersionTextAsync(id, 1));
        Assert.True(kept.Revision > conflict.TheirRevision);
    }

    [Fact]
    public async Task A_restore_with_a_stale_revision_is_a_conflict_and_the_draft_being_edited_stays()
    {
        var id = await NewChapterAsync("Primera. <break time=\"1s\"/>\n");
        var published = Assert.IsType<PublishResult.Published>(await Store.PublishAsync(id, (await Store.GetDraftAsync(id))!.Revision, Ana));
        var historyOpened = published.Revision; // Ana opens the history here
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(id, "Segunda. <break time=\"1s\"/>\n", published.Revision, Luis));

        var conflict = Assert.IsType<SaveResult.Conflict>(await Store.RestoreAsync(id, 1, historyOpened, Ana));

        Assert.Equal("Segunda. <break time=\"1s\"/>\n", conflict.TheirText);
        Assert.Equal(Luis, conflict.TheirAuthor);
        Assert.Equal("Segunda. <break time=\"1s\"/>\n", (await Store.GetDraftAsync(id))!.Text);
    }

    [Fact]
    public async Task The_revision_grows_with_every_content_write_and_never_goes_back()
    {
        var id = await NewChapterAsync("Uno <break time=\"1s\"/>\n");
        var revisions = new List<int> { await RevisionAsync(id) };

        revisions.Add(((SaveResult.Saved)await Store.SaveDraftAsync(id, "Dos <break time=\"1s\"/>\n", revisions[^1], Ana)).Revision);
        revisions.Add(((PublishResult.Published)await Store.PublishAsync(id, revisions[^1], Ana)).Revision);
        revisions.Add(((SaveResult.Saved)await Store.SaveDraftAsync(id, "Tres <break time=\"1s\"/>\n", revisions[^1], Ana)).Revision);
        revisions.Add(((SaveResult.Saved)await Store.RestoreAsync(id, 1, revisions[^1], Ana)).Revision);
        revisions.Add(((PublishResult.Published)await Store.PublishAsync(id, revisions[^1], Ana)).Revision);

        Assert.Equal([1, 2, 3, 4, 5, 6], revisions);
        Assert.Equal(6, await RevisionAsync(id));
    }

    [Fact]
    public async Task A_quiz_edit_leaves_the_content_revision_so_an_open_editor_saves_without_a_conflict()
    {
        var id = await NewChapterAsync("Uno <break time=\"1s\"/>\n\nDos <break time=\"1s\"/>\n");
        var editor = (await Store.GetDraftAsync(id))!;
        var quizzes = Get<QuizStudio>();
        var slide = (await quizzes.GetChapterAsync(id))!.Slides[0].Key;

        var change = await quizzes.CreateQuizAsync(id, new QuizSettingsForm { Title = "Repaso", AfterSlideKey = slide });

        Assert.True(change.Succeeded, string.Join("; ", change.Problems.Select(p => p.Message)));
        Assert.Equal(editor.Revision, await RevisionAsync(id));
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(id, editor.Text + "\nTres <break time=\"1s\"/>\n", editor.Revision, Ana));
    }

    [Fact]
    public async Task A_chapter_created_with_published_slides_a_history_and_a_draft_keeps_the_published_keys_in_its_draft()
    {
        await using var db = await Db();
        var course = await db.Courses.SingleAsync();
        var published = ScriptParser.Parse("Uno <break time=\"1s\"/>\n\nDos <break time=\"1s\"/>\n").GetScriptOrThrow();
        var at = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.FromHours(1));

        var chapter = await Store.AddAsync(db, course, new NewChapter("llevado", "Llevado", "es", null, ChapterImporter.ImportedBy)
        {
            Status = ChapterStatus.Published,
            Slides = published,
            PublishedAt = at,
            Versions = [new NewVersion(1, "Uno <break time=\"1s\"/>\n\nDos <break time=\"1s\"/>\n", Luis, at)],
            Draft = "Cero <break time=\"1s\"/>\n\nUno <break time=\"1s\"/>\n\nDos <break time=\"1s\"/>\n",
        });

        await using var check = await Db();
        var rows = await check.Slides.Where(s => s.ChapterId == chapter.Id).OrderBy(s => s.Position).Select(s => s.Key).ToListAsync();
        var working = await ChapterReads.WorkingSlidesAsync(check, chapter.Id, default);
        Assert.Equal(3, working.Count);
        Assert.Equal(rows, working.Skip(1).Select(s => s.Key)); // the draft's slides two and three are the published one and two
        Assert.DoesNotContain(working[0].Key, rows);
        var stored = await check.Chapters.SingleAsync(c => c.Id == chapter.Id);
        Assert.Equal((2, 1, at.ToUniversalTime()), (stored.SlideCount, stored.ContentRevision, stored.PublishedAt!.Value.ToUniversalTime()));
        Assert.Equal(2, (await check.ChapterVersions.SingleAsync(v => v.ChapterId == chapter.Id)).SlideCount);
    }

    [Fact]
    public async Task A_chapter_with_a_bad_language_is_refused_by_field_and_nothing_is_stored()
    {
        await using var db = await Db();
        var course = await db.Courses.SingleAsync();
        var before = await db.Chapters.CountAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(db, course, new NewChapter("malo", "Malo", "es ES", null, Ana)));

        Assert.StartsWith("language: 'es ES' is not a language tag", refused.Message);
        await using var check = await Db();
        Assert.Equal(before, await check.Chapters.CountAsync());
    }
}
