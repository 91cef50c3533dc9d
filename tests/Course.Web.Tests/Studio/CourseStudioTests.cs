using Course.Web.Catalog;
using Course.Web.Data;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Studio;

/// <summary>Courses created and renamed in the studio, on the real database.</summary>
public sealed class CourseStudioTests : AppServicesTest
{
    private CourseStudio Courses => Get<CourseStudio>();

    [Fact]
    public async Task A_new_course_gets_a_free_slug_from_its_title_and_appears_in_the_studio()
    {
        var first = await Courses.CreateAsync(new CourseDetails("  Prompting práctico ", "es", ""));
        var second = await Courses.CreateAsync(new CourseDetails("Prompting práctico", "en", "Otra vez"));

        var listed = await Get<ChapterStudio>().ListAsync();
        var one = listed.Single(c => c.CourseId == first);
        var two = listed.Single(c => c.CourseId == second);
        Assert.Equal(("prompting-practico", "Prompting práctico", "es", (string?)null), (one.Slug, one.Title, one.Language, one.Description));
        Assert.Equal(("prompting-practico-2", "en", "Otra vez"), (two.Slug, two.Language, two.Description));
        Assert.Empty(one.Chapters);
    }

    [Theory]
    [InlineData("", "es", null, "title")]
    [InlineData("Título", "not a language!", null, "language")]
    public async Task Details_with_a_problem_store_nothing(string title, string language, string? description, string field)
    {
        await using var before = await Db();
        var count = await before.Courses.CountAsync();

        var problem = await Assert.ThrowsAsync<ArgumentException>(() => Courses.CreateAsync(new CourseDetails(title, language, description)));

        Assert.StartsWith(field + ":", problem.Message, StringComparison.Ordinal);
        await using var after = await Db();
        Assert.Equal(count, await after.Courses.CountAsync());
    }

    [Fact]
    public async Task Renaming_a_course_keeps_its_slug_and_learners_see_the_new_title_at_once()
    {
        var catalog = Get<CatalogReader>();
        Assert.NotNull(await catalog.GetChapterAsync("ai-engineering", "foundation-models")); // now cached
        int courseId;
        await using (var db = await Db())
        {
            courseId = (await db.Courses.SingleAsync(c => c.Slug == "ai-engineering")).Id;
        }

        Assert.True(await Courses.UpdateAsync(courseId, new CourseDetails("Ingeniería de IA, 2.ª edición", "es", "Con ejercicios")));

        var chapter = (await catalog.GetChapterAsync("ai-engineering", "foundation-models"))!;
        Assert.Equal("Ingeniería de IA, 2.ª edición", chapter.CourseTitle);
        var course = (await catalog.GetCourseAsync("ai-engineering"))!;
        Assert.Equal("Con ejercicios", course.Description);
        Assert.False(await Courses.UpdateAsync(-1, new CourseDetails("Nada", "es", null)));
    }
}
