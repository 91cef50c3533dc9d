using Course.Core.Quizzes;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Quizzes;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Studio;

/// <summary>
/// Draft slides have keys from their first save, so a chapter's quizzes can be written before it is ever
/// published, and publishing keeps the keys the quizzes point at.
/// </summary>
public sealed class DraftSlideKeysTests : AppServicesTest
{
    private const string Author = "ana@example.com";
    private const string Script = "Qué es un token <break time=\"1s\"/>\n\nCuántos tokens tiene una frase <break time=\"1s\"/>\n\nResumen <break time=\"1s\"/>\n";

    private ChapterStudio Chapters => Get<ChapterStudio>();

    private QuizStudio Quizzes => Get<QuizStudio>();

    private async Task<int> NewChapterAsync(string script)
    {
        await using var db = await Db();
        var courseId = (await db.Courses.SingleAsync()).Id;
        return await Chapters.CreateChapterAsync(courseId, "Tokens en la práctica", "es", Author, script);
    }

    private async Task<(int QuizId, int QuestionId)> CheckpointWithQuestionAsync(int chapterId, string afterSlideKey, string teachingSlideKey)
    {
        var quiz = await Quizzes.CreateQuizAsync(chapterId, new QuizSettingsForm
        {
            Title = "Comprueba",
            Kind = QuizKind.Checkpoint,
            AfterSlideKey = afterSlideKey,
            Feedback = FeedbackMode.Immediate,
            PassMarkPercent = "50",
        });
        Assert.True(quiz.Succeeded, string.Join("; ", quiz.Problems.Select(p => p.Message)));
        var form = QuestionForm.New(QuestionKind.TrueFalse, teachingSlideKey);
        form.Prompt = "Un token puede ser un trozo de palabra.";
        form.Explanation = "Los tokenizadores cortan palabras largas.";
        form.TrueFalseAnswer = true;
        var question = await Quizzes.SaveQuestionAsync(chapterId, quiz.Id!.Value, form);
        Assert.True(question.Succeeded, string.Join("; ", question.Problems.Select(p => p.Message)));
        return (quiz.Id.Value, question.Id!.Value);
    }

    [Fact]
    public async Task A_never_published_chapter_offers_its_draft_slides_and_publishing_keeps_the_quiz_links()
    {
        var id = await NewChapterAsync(Script);

        var editing = (await Quizzes.GetChapterAsync(id))!;
        Assert.Equal(["Qué es un token", "Cuántos tokens tiene una frase", "Resumen"], editing.Slides.Select(s => s.FirstLine));
        Assert.All(editing.Slides, s => Assert.Null(s.PublishedNumber));
        await CheckpointWithQuestionAsync(id, afterSlideKey: editing.Slides[1].Key, teachingSlideKey: editing.Slides[0].Key);

        // The author keeps writing: a slide goes in at the start before the chapter is published.
        var draft = (await Chapters.GetDraftAsync(id))!;
        var saved = Assert.IsType<SaveResult.Saved>(await Chapters.SaveDraftAsync(id, "Bienvenida <break time=\"1s\"/>\n\n" + Script, draft.Revision, Author));
        Assert.IsType<PublishResult.Published>(await Chapters.PublishAsync(id, saved.Revision, Author));

        var view = (await Get<CatalogReader>().GetChapterAsync(draft.CourseSlug, draft.ChapterSlug))!;
        var checkpoint = Assert.Single(view.QuizList);
        Assert.Equal(3, checkpoint.AfterSlide);
        var play = (await Get<QuizCatalog>().GetAsync(draft.CourseSlug, draft.ChapterSlug, checkpoint.Slug))!;
        Assert.Equal(2, view.SlideNumberOf(Assert.Single(play.Definition.Questions).TeachingSlideKey));
    }

    [Fact]
    public async Task A_slide_new_in_the_draft_of_a_published_chapter_can_be_linked_before_it_is_published()
    {
        var id = await NewChapterAsync(Script);
        Assert.IsType<PublishResult.Published>(await Chapters.PublishAsync(id, (await Chapters.GetDraftAsync(id))!.Revision, Author));
        var draft = (await Chapters.GetDraftAsync(id))!;
        Assert.IsType<SaveResult.Saved>(await Chapters.SaveDraftAsync(id, Script + "\nTokens y precio <break time=\"1s\"/>\n", draft.Revision, Author));

        var editing = (await Quizzes.GetChapterAsync(id))!;
        Assert.Equal([1, 2, 3, null], editing.Slides.Select(s => s.PublishedNumber));
        var added = editing.Slides[3];
        var (quizId, _) = await CheckpointWithQuestionAsync(id, afterSlideKey: added.Key, teachingSlideKey: added.Key);

        // Learners don't see a checkpoint after a slide they don't have yet; after the publish they do.
        var catalog = Get<CatalogReader>();
        Assert.Null(Assert.Single((await catalog.GetChapterAsync(draft.CourseSlug, draft.ChapterSlug))!.QuizList).AfterSlide);
        var revision = (await Chapters.GetDraftAsync(id))!.Revision;
        Assert.IsType<PublishResult.Published>(await Chapters.PublishAsync(id, revision, Author));
        Assert.Equal(4, Assert.Single((await catalog.GetChapterAsync(draft.CourseSlug, draft.ChapterSlug))!.QuizList).AfterSlide);
        Assert.Equal(added.Key, (await Quizzes.GetChapterAsync(id))!.Quizzes.Single(q => q.Id == quizId).Questions.Single().Question.TeachingSlideKey);
    }

    [Fact]
    public async Task A_draft_with_errors_keeps_the_keys_of_its_last_good_save()
    {
        var id = await NewChapterAsync(Script);
        var before = (await Quizzes.GetChapterAsync(id))!.Slides;

        var draft = (await Chapters.GetDraftAsync(id))!;
        Assert.IsType<SaveResult.Saved>(await Chapters.SaveDraftAsync(id, Script + "\nRoto <break time=\"uno\"/>\n", draft.Revision, Author));

        Assert.Equal(before, (await Quizzes.GetChapterAsync(id))!.Slides);
    }

    [Fact]
    public async Task A_slide_that_is_in_neither_the_draft_nor_the_published_chapter_is_refused()
    {
        var id = await NewChapterAsync(Script);
        var quiz = await Quizzes.CreateQuizAsync(id, new QuizSettingsForm
        {
            Title = "Comprueba",
            Kind = QuizKind.Checkpoint,
            AfterSlideKey = "0123456789ab",
            Feedback = FeedbackMode.Immediate,
            PassMarkPercent = "50",
        });

        Assert.Equal(QuizChecks.Codes.UnknownSlide, Assert.Single(quiz.Problems).Code);
    }

    [Fact]
    public async Task A_never_published_chapters_quizzes_travel_in_a_course_package_with_their_slides()
    {
        var id = await NewChapterAsync(Script);
        var slides = (await Quizzes.GetChapterAsync(id))!.Slides;
        await CheckpointWithQuestionAsync(id, afterSlideKey: slides[2].Key, teachingSlideKey: slides[1].Key);
        var packages = Get<CoursePackages>();
        int courseId;
        await using (var db = await Db())
        {
            courseId = (await db.Courses.SingleAsync()).Id;
        }

        var package = (await packages.ExportAsync(courseId))!;
        var chapter = package.Chapters.Single(c => c.Script is null);
        var quiz = Assert.Single(chapter.Quizzes.Quizzes);
        Assert.Equal(3, quiz.AfterSlide);
        Assert.Equal(2, Assert.Single(quiz.Questions).Slide);

        // Into another instance and out again: the same file, so the links were found there too.
        using var other = CourseAppFactory.With(sharedPostgresDatabase: null);
        await using (var db = await other.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync())
        {
            db.Chapters.RemoveRange(db.Chapters);
            await db.SaveChangesAsync();
            db.Courses.RemoveRange(db.Courses);
            await db.SaveChangesAsync();
        }

        await using var otherScope = other.Services.CreateAsyncScope();
        var otherPackages = otherScope.ServiceProvider.GetRequiredService<CoursePackages>();
        var newId = await otherPackages.ImportAsync(CoursePackages.Read(CoursePackages.Write(package)));
        Assert.Equal(CoursePackages.Write(package), CoursePackages.Write((await otherPackages.ExportAsync(newId))!));
    }

    [Fact]
    public async Task A_link_to_a_slide_only_the_draft_has_travels_in_a_course_package_by_its_number_in_the_draft()
    {
        var id = await NewChapterAsync(Script);
        Assert.IsType<PublishResult.Published>(await Chapters.PublishAsync(id, (await Chapters.GetDraftAsync(id))!.Revision, Author));
        var draft = (await Chapters.GetDraftAsync(id))!;
        Assert.IsType<SaveResult.Saved>(await Chapters.SaveDraftAsync(id, Script + "\nTokens y precio <break time=\"1s\"/>\n", draft.Revision, Author));
        var added = (await Quizzes.GetChapterAsync(id))!.Slides[3];
        await CheckpointWithQuestionAsync(id, afterSlideKey: added.Key, teachingSlideKey: added.Key);
        int courseId;
        await using (var db = await Db())
        {
            courseId = (await db.Courses.SingleAsync()).Id;
        }

        var package = (await Get<CoursePackages>().ExportAsync(courseId))!;
        var quiz = Assert.Single(package.Chapters.Single(c => c.Slug == draft.ChapterSlug).Quizzes.Quizzes);
        Assert.Equal((null, 4), (quiz.AfterSlide, quiz.AfterDraftSlide));
        Assert.Equal((null, 4), (quiz.Questions[0].Slide, quiz.Questions[0].DraftSlide));

        using var other = CourseAppFactory.With(sharedPostgresDatabase: null);
        await using (var db = await other.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync())
        {
            db.Chapters.RemoveRange(db.Chapters);
            await db.SaveChangesAsync();
            db.Courses.RemoveRange(db.Courses);
            await db.SaveChangesAsync();
        }

        await using var otherScope = other.Services.CreateAsyncScope();
        var otherPackages = otherScope.ServiceProvider.GetRequiredService<CoursePackages>();
        var newId = await otherPackages.ImportAsync(CoursePackages.Read(CoursePackages.Write(package)));
        Assert.Equal(CoursePackages.Write(package), CoursePackages.Write((await otherPackages.ExportAsync(newId))!));
    }
}
