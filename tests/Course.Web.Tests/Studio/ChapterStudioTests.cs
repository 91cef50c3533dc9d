using Course.Core.Scripts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Studio;

/// <summary>Drafts, publishing, versions, restore and conflicts, on the real database.</summary>
public sealed class ChapterStudioTests : AppServicesTest
{
    private ChapterStudio Studio => Get<ChapterStudio>();

    private CatalogReader Catalog => Get<CatalogReader>();

    private async Task<int> SeedChapterIdAsync()
    {
        await using var db = await Db();
        return (await db.Chapters.SingleAsync(c => c.Slug == "foundation-models")).Id;
    }

    private async Task<int> NewChapterAsync(string script)
    {
        await using var db = await Db();
        var courseId = (await db.Courses.SingleAsync()).Id;
        return await Studio.CreateChapterAsync(courseId, "Tokens en la práctica", "es", "ana@example.com", script);
    }

    [Fact]
    public async Task A_draft_is_saved_with_errors_and_all_and_comes_back_as_typed()
    {
        var id = await NewChapterAsync("Hola <break time=\"1s\"/>\n");
        var draft = (await Studio.GetDraftAsync(id))!;

        var saved = await Studio.SaveDraftAsync(id, "Hola <break time=\"uno\"/>\n", draft.Revision, "ana@example.com");
        var reloaded = (await Studio.GetDraftAsync(id))!;

        var ok = Assert.IsType<SaveResult.Saved>(saved);
        Assert.Equal(draft.Revision + 1, ok.Revision);
        Assert.Equal("Hola <break time=\"uno\"/>\n", reloaded.Text);
        Assert.Equal(ok.Revision, reloaded.Revision);
        Assert.Equal("ana@example.com", reloaded.SavedBy);
    }

    [Fact]
    public async Task A_last_save_of_the_published_text_right_after_publishing_leaves_no_draft()
    {
        var id = await NewChapterAsync("Uno <break time=\"1s\"/>\n");
        var publish = Assert.IsType<PublishResult.Published>(await Studio.PublishAsync(id, (await Studio.GetDraftAsync(id))!.Revision, "ana@example.com"));
        var published = (await Studio.GetDraftAsync(id))!;
        Assert.Equal(publish.Revision, published.Revision);

        // The tab closes: its final save sends the text it had, which is what was just published.
        var saved = Assert.IsType<SaveResult.Saved>(await Studio.SaveDraftAsync(id, published.Text, publish.Revision, "ana@example.com"));

        Assert.Equal(publish.Revision, saved.Revision); // nothing was written
        Assert.False((await Studio.ListAsync()).SelectMany(c => c.Chapters).Single(c => c.ChapterId == id).HasDraft);
        Assert.IsType<SaveResult.Saved>(await Studio.SaveDraftAsync(id, published.Text + "\nDos\n", saved.Revision, "ana@example.com"));
        Assert.True((await Studio.ListAsync()).SelectMany(c => c.Chapters).Single(c => c.ChapterId == id).HasDraft);
    }

    [Fact]
    public async Task The_second_of_two_editors_meets_a_conflict_with_the_first_ones_text_and_nothing_is_overwritten()
    {
        var id = await NewChapterAsync("Uno\n");
        var both = (await Studio.GetDraftAsync(id))!.Revision;

        var first = await Studio.SaveDraftAsync(id, "Uno, de Ana\n", both, "ana@example.com");
        var second = await Studio.SaveDraftAsync(id, "Uno, de Luis\n", both, "luis@example.com");

        Assert.IsType<SaveResult.Saved>(first);
        var conflict = Assert.IsType<SaveResult.Conflict>(second);
        Assert.Equal("Uno, de Ana\n", conflict.TheirText);
        Assert.Equal("ana@example.com", conflict.TheirAuthor);
        Assert.Equal("Uno, de Ana\n", (await Studio.GetDraftAsync(id))!.Text);

        // Luis chooses to keep his: he saves again against Ana's revision.
        Assert.IsType<SaveResult.Saved>(await Studio.SaveDraftAsync(id, "Uno, de Luis\n", conflict.TheirRevision, "luis@example.com"));
        Assert.Equal("Uno, de Luis\n", (await Studio.GetDraftAsync(id))!.Text);
    }

    [Fact]
    public async Task An_editor_left_open_over_a_publish_meets_a_conflict_and_the_published_work_stays()
    {
        // A and B open the same published chapter; no draft exists.
        var id = await SeedChapterIdAsync();
        var opened = (await Studio.GetDraftAsync(id))!;
        Assert.False(opened.HasDraft);

        // B edits and publishes: the draft row is gone again, but the revision is not back where A started.
        var bText = "Diapositiva de B. <break time=\"1s\"/>\n\n" + opened.Text;
        var bSaved = Assert.IsType<SaveResult.Saved>(await Studio.SaveDraftAsync(id, bText, opened.Revision, "b@example.com"));
        var bPublished = Assert.IsType<PublishResult.Published>(await Studio.PublishAsync(id, bSaved.Revision, "b@example.com"));

        // A, still on the page from before, types: the save is refused with B's work to compare.
        var aText = opened.Text + "\nDiapositiva de A. <break time=\"1s\"/>\n";
        var conflict = Assert.IsType<SaveResult.Conflict>(await Studio.SaveDraftAsync(id, aText, opened.Revision, "a@example.com"));
        Assert.Equal(ScriptWriter.Write(ScriptParser.Parse(bText).Script!, includeMetadata: false), conflict.TheirText);
        Assert.Equal("b@example.com", conflict.TheirAuthor);
        Assert.Equal(bPublished.Revision, conflict.TheirRevision);
        Assert.IsType<PublishResult.Conflict>(await Studio.PublishAsync(id, opened.Revision, "a@example.com"));

        var learners = (await Catalog.GetChapterAsync("ai-engineering", "foundation-models"))!;
        Assert.Equal("Diapositiva de B.", learners.Slides[0].Segments[0].PlainText);
        Assert.Equal(2, (await Studio.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task Publishing_from_two_tabs_at_once_publishes_once_and_the_other_tab_meets_a_conflict()
    {
        var id = await NewChapterAsync("Uno <break time=\"1s\"/>\n");
        var saved = (SaveResult.Saved)await Studio.SaveDraftAsync(id, "Dos <break time=\"1s\"/>\n", (await Studio.GetDraftAsync(id))!.Revision, "ana@example.com");

        // Two tabs, two scopes, the same revision, at the same moment.
        await using var other = App.Services.CreateAsyncScope();
        var results = await Task.WhenAll(
            Studio.PublishAsync(id, saved.Revision, "ana@example.com"),
            other.ServiceProvider.GetRequiredService<ChapterStudio>().PublishAsync(id, saved.Revision, "ana@example.com"));

        Assert.Single(results.OfType<PublishResult.Published>());
        Assert.Single(results.OfType<PublishResult.Conflict>());
        Assert.Single(await Studio.HistoryAsync(id));
    }

    [Fact]
    public async Task A_restore_while_someone_edits_makes_their_next_save_a_conflict()
    {
        var id = await NewChapterAsync("Primera. <break time=\"1s\"/>\n");
        var published = Assert.IsType<PublishResult.Published>(await Studio.PublishAsync(id, (await Studio.GetDraftAsync(id))!.Revision, "ana@example.com"));
        var editing = (SaveResult.Saved)await Studio.SaveDraftAsync(id, "Segunda. <break time=\"1s\"/>\n", published.Revision, "luis@example.com");

        Assert.IsType<SaveResult.Saved>(await Studio.RestoreAsync(id, 1, editing.Revision, "ana@example.com"));
        var conflict = Assert.IsType<SaveResult.Conflict>(await Studio.SaveDraftAsync(id, "Segunda, más. <break time=\"1s\"/>\n", editing.Revision, "luis@example.com"));

        Assert.Equal("Primera. <break time=\"1s\"/>", conflict.TheirText);
        Assert.IsType<SaveResult.Conflict>(await Studio.RestoreAsync(id, 1, editing.Revision, "luis@example.com")); // a stale restore too
    }

    [Fact]
    public async Task Publishing_an_invalid_draft_lists_errors_by_line_and_changes_nothing_learners_see()
    {
        var id = await SeedChapterIdAsync();
        var before = await Catalog.GetChapterAsync("ai-engineering", "foundation-models");
        var draft = (await Studio.GetDraftAsync(id))!;
        var broken = draft.Text.Replace("<break time=\"1.5s\"/>", "<break time=\"1.5 s\"/>", StringComparison.Ordinal);
        var saved = (SaveResult.Saved)await Studio.SaveDraftAsync(id, broken, draft.Revision, "ana@example.com");

        var result = await Studio.PublishAsync(id, saved.Revision, "ana@example.com");

        var invalid = Assert.IsType<PublishResult.Invalid>(result);
        Assert.NotEmpty(invalid.Errors);
        Assert.All(invalid.Errors, e => Assert.True(e.Line > 0 && e.Column > 0));
        var after = await Catalog.GetChapterAsync("ai-engineering", "foundation-models");
        Assert.Equal(before!.Chapter.SlideCount, after!.Chapter.SlideCount);
        Assert.Equal(broken, (await Studio.GetDraftAsync(id))!.Text); // the draft is kept to be fixed
    }

    [Fact]
    public async Task Publishing_a_draft_with_a_thirty_digit_break_time_is_refused_at_its_line_and_column()
    {
        var id = await SeedChapterIdAsync();
        var draft = (await Studio.GetDraftAsync(id))!;
        var broken = "Hola <break time=\"999999999999999999999999999999s\"/>\n\n" + draft.Text;
        var saved = (SaveResult.Saved)await Studio.SaveDraftAsync(id, broken, draft.Revision, "ana@example.com");

        var result = await Studio.PublishAsync(id, saved.Revision, "ana@example.com");

        var error = Assert.Single(Assert.IsType<PublishResult.Invalid>(result).Errors);
        Assert.Equal((Course.Core.Scripts.ScriptErrorCode.TimeOverMaximum, 1, 19), (error.Code!.Value, error.Line, error.Column));
        Assert.Equal(broken, (await Studio.GetDraftAsync(id))!.Text);
    }

    [Fact]
    public async Task Publishing_keeps_slide_keys_so_progress_and_checkpoints_follow_their_slides()
    {
        var id = await SeedChapterIdAsync();
        var before = (await Catalog.GetChapterAsync("ai-engineering", "foundation-models"))!;
        var draft = (await Studio.GetDraftAsync(id))!;
        var edited = "Una diapositiva nueva al principio. <break time=\"1s\"/>\n\n" + draft.Text;
        var saved = (SaveResult.Saved)await Studio.SaveDraftAsync(id, edited, draft.Revision, "ana@example.com");

        var published = Assert.IsType<PublishResult.Published>(await Studio.PublishAsync(id, saved.Revision, "ana@example.com"));

        var after = (await Catalog.GetChapterAsync("ai-engineering", "foundation-models"))!;
        Assert.Equal(2, published.Version); // the seed was version 1
        Assert.Equal(before.Slides.Count + 1, after.Slides.Count);
        Assert.Equal("Una diapositiva nueva al principio.", after.Slides[0].Segments[0].PlainText);
        Assert.DoesNotContain(after.Slides[0].Key, before.Slides.Select(s => s.Key));
        Assert.Equal(before.Slides.Select(s => s.Key), after.Slides.Skip(1).Select(s => s.Key));
        var checkpointBefore = before.QuizList.First(q => q.AfterSlide is not null).AfterSlide;
        Assert.Equal(checkpointBefore + 1, after.QuizList.First(q => q.AfterSlide is not null).AfterSlide);
        var reopened = (await Studio.GetDraftAsync(id))!;
        Assert.False(reopened.HasDraft); // the draft became the published chapter
        Assert.Equal(published.Revision, reopened.Revision);
        Assert.True(published.Revision > saved.Revision); // the revision only grows
    }

    [Fact]
    public async Task Each_publication_is_a_version_with_author_and_an_old_one_can_be_restored_as_a_draft()
    {
        var id = await NewChapterAsync("Primera versión. <break time=\"1s\"/>\n");
        var v1 = (await Studio.GetDraftAsync(id))!;
        var first = Assert.IsType<PublishResult.Published>(await Studio.PublishAsync(id, v1.Revision, "ana@example.com"));
        var v2 = (SaveResult.Saved)await Studio.SaveDraftAsync(id, "Segunda versión. <break time=\"2s\"/>\n", first.Revision, "luis@example.com");
        var second = Assert.IsType<PublishResult.Published>(await Studio.PublishAsync(id, v2.Revision, "luis@example.com"));

        var history = await Studio.HistoryAsync(id);
        var restored = await Studio.RestoreAsync(id, 1, second.Revision, "ana@example.com");

        Assert.Equal([2, 1], history.Select(v => v.Number));
        Assert.Equal(["luis@example.com", "ana@example.com"], history.Select(v => v.PublishedBy));
        Assert.IsType<SaveResult.Saved>(restored);
        // Versions keep the script as the writer writes it (no trailing newline), like every export.
        Assert.Equal("Primera versión. <break time=\"1s\"/>", (await Studio.GetDraftAsync(id))!.Text);
        Assert.Equal("Segunda versión. <break time=\"2s\"/>", (await Studio.GetDraftAsync(id))!.PublishedText); // learners still see v2
    }

    [Fact]
    public async Task A_never_published_chapter_is_deleted_and_a_published_one_is_retired_with_its_progress()
    {
        var draftOnly = await NewChapterAsync("Borrador\n");
        var seeded = await SeedChapterIdAsync();
        await using (var db = await Db())
        {
            var user = await db.Users.FirstAsync();
            db.ChapterProgress.Add(new ChapterProgress { UserId = user.Id, ChapterId = seeded, CurrentSlideKey = "k", CurrentSegment = 1 });
            await db.SaveChangesAsync();
        }

        Assert.Equal(ChapterStatus.Draft, await Studio.DeleteOrRetireAsync(draftOnly));
        Assert.Equal(ChapterStatus.Retired, await Studio.DeleteOrRetireAsync(seeded));

        await using var check = await Db();
        Assert.False(await check.Chapters.AnyAsync(c => c.Id == draftOnly));
        Assert.Equal(ChapterStatus.Retired, (await check.Chapters.SingleAsync(c => c.Id == seeded)).Status);
        Assert.Equal(1, await check.ChapterProgress.CountAsync(p => p.ChapterId == seeded));
        Assert.Null(await Catalog.GetChapterAsync("ai-engineering", "foundation-models"));
    }

    [Fact]
    public async Task The_published_text_written_back_parses_to_the_same_chapter()
    {
        var id = await SeedChapterIdAsync();

        var draft = (await Studio.GetDraftAsync(id))!;

        Assert.False(draft.HasDraft);
        Assert.Equal(draft.Text, draft.PublishedText);
        Assert.Equal(73, ScriptParser.Parse(draft.Text).Script!.Slides.Count);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(SeedFile.Bytes()).TrimStart('\uFEFF'), draft.Text);
    }

    [Fact]
    public async Task Moving_a_published_chapter_shows_its_new_number_to_learners_at_once()
    {
        var id = await NewChapterAsync("Uno <break time=\"1s\"/>\n");
        Assert.IsType<PublishResult.Published>(await Studio.PublishAsync(id, (await Studio.GetDraftAsync(id))!.Revision, "ana@example.com"));
        var slug = (await Studio.GetDraftAsync(id))!.ChapterSlug;
        Assert.Equal(2, (await Catalog.GetChapterAsync("ai-engineering", slug))!.Chapter.Number); // cached from here

        await Studio.MoveAsync(id, -1);

        Assert.Equal(1, (await Catalog.GetChapterAsync("ai-engineering", slug))!.Chapter.Number);
        Assert.Equal(2, (await Catalog.GetChapterAsync("ai-engineering", "foundation-models"))!.Chapter.Number);
    }
}
