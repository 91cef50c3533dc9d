using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Quizzes;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Studio;

/// <summary>
/// A quiz edit and a chapter edit at the same time, on the real database: the quiz edit never meets the
/// chapter editor's concurrency token (no false conflict on publish), and learners see both changes at once.
/// </summary>
public sealed class QuizEditsAndChapterEditsTests : AppServicesTest
{
    private const string Course = "ai-engineering";
    private const string Chapter = "foundation-models";
    private const string Author = "ana@example.com";

    private async Task<(int Id, Guid Version)> SeedChapterAsync()
    {
        await using var db = await Db();
        var chapter = await db.Chapters.AsNoTracking().SingleAsync(c => c.Slug == Chapter);
        return (chapter.Id, chapter.Version);
    }

    [Fact]
    public async Task A_quiz_edit_while_a_draft_is_being_published_is_no_conflict_and_learners_see_both()
    {
        var (id, _) = await SeedChapterAsync();
        var studio = Get<ChapterStudio>();
        var before = (await Get<CatalogReader>().GetChapterAsync(Course, Chapter))!; // learners' view, cached
        var editor = (await studio.GetDraftAsync(id))!;
        var saved = Assert.IsType<SaveResult.Saved>(
            await studio.SaveDraftAsync(id, "Una diapositiva nueva al principio. <break time=\"1s\"/>\n\n" + editor.Text, editor.Revision, Author));
        // Another instructor adds a checkpoint just after the publish has read the chapter, before it writes.
        StudioChange? quizEdit = null;
        var afterKey = before.Slides[49].Key;
        var intercepted = new InterceptedContextFactory(Get<IDbContextFactory<CourseDbContext>>(), new BeforeFirstTransaction(async () =>
            quizEdit = await Get<QuizStudio>().CreateQuizAsync(id, new QuizSettingsForm { Title = "Repaso a mitad", AfterSlideKey = afterKey })));
        var publishing = new ChapterStudio(intercepted, new ChapterStore(intercepted, Get<CatalogChanges>(), TimeProvider.System),
            Get<CatalogChanges>(), Get<ProgressRecorder>(), Get<CatalogReader>(), TimeProvider.System);

        var result = await publishing.PublishAsync(id, saved.Revision, Author);

        Assert.True(quizEdit?.Succeeded);
        Assert.IsType<PublishResult.Published>(result);
        var after = (await Get<CatalogReader>().GetChapterAsync(Course, Chapter))!;
        Assert.Equal(before.Slides.Count + 1, after.Slides.Count);
        var added = Assert.Single(after.QuizList, q => q.Title == "Repaso a mitad");
        Assert.Equal(51, added.AfterSlide); // slide 50 moved down by the new first slide
        Assert.NotNull(await Get<QuizCatalog>().GetAsync(Course, Chapter, added.Slug));
    }

    [Fact]
    public async Task A_quiz_edit_reaches_learners_at_once_and_leaves_the_chapters_own_version_to_its_editors()
    {
        var (id, version) = await SeedChapterAsync();
        var before = (await Get<CatalogReader>().GetChapterAsync(Course, Chapter))!; // cached from here
        var editor = (await Get<ChapterStudio>().GetDraftAsync(id))!;

        var created = await Get<QuizStudio>().CreateQuizAsync(id, new QuizSettingsForm { Title = "Repaso rápido", AfterSlideKey = before.Slides[59].Key });

        Assert.True(created.Succeeded);
        var after = (await Get<CatalogReader>().GetChapterAsync(Course, Chapter))!;
        var added = Assert.Single(after.QuizList, q => q.Title == "Repaso rápido");
        Assert.NotNull(await Get<QuizCatalog>().GetAsync(Course, Chapter, added.Slug));
        Assert.Equal(version, (await SeedChapterAsync()).Version);
        // The editor who had the chapter open before the quiz edit publishes without a conflict.
        Assert.IsType<PublishResult.Published>(await Get<ChapterStudio>().PublishAsync(id, editor.Revision, Author));
    }
}
