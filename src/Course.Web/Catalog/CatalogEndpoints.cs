using Course.Core.Scripts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Course.Web.Catalog;

/// <summary>The public read API: published courses and chapters, as JSON, script, SSML and WebVTT captions.</summary>
public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/courses").WithTags("Catalog");

        api.MapGet("/", async (CatalogReader reader, CancellationToken ct) =>
            TypedResults.Ok(await reader.GetCoursesAsync(ct)));

        api.MapGet("/{course}", async Task<Results<Ok<CourseSummary>, ProblemHttpResult>> (string course, CatalogReader reader, CancellationToken ct) =>
            await reader.GetCourseAsync(course, ct) is { } found
                ? TypedResults.Ok(found)
                : CourseNotFound(course));

        api.MapGet("/{course}/chapters/{chapter}", async Task<Results<Ok<ChapterDocument>, ProblemHttpResult>> (
            string course, string chapter, CatalogReader reader, CancellationToken ct) =>
            await reader.GetChapterAsync(course, chapter, ct) is { } view
                ? TypedResults.Ok(ChapterDocument.From(view))
                : ChapterNotFound(course, chapter));

        api.MapGet("/{course}/chapters/{chapter}/script", async Task<Results<ContentHttpResult, ProblemHttpResult>> (
            string course, string chapter, bool? frontMatter, CatalogReader reader, CancellationToken ct) =>
            await reader.GetScriptAsync(course, chapter, ct) is { } found
                ? TypedResults.Text(ScriptWriter.Write(found.Script, includeMetadata: frontMatter ?? false), "text/plain; charset=utf-8")
                : ChapterNotFound(course, chapter));

        api.MapGet("/{course}/chapters/{chapter}/ssml", async Task<Results<ContentHttpResult, ProblemHttpResult>> (
            string course, string chapter, CatalogReader reader, CancellationToken ct) =>
            await reader.GetScriptAsync(course, chapter, ct) is { } found
                ? TypedResults.Text(SsmlWriter.Write(found.Script, found.Chapter.Language), "application/ssml+xml; charset=utf-8")
                : ChapterNotFound(course, chapter));

        api.MapGet("/{course}/chapters/{chapter}/captions.vtt", async Task<Results<ContentHttpResult, ProblemHttpResult>> (
            string course, string chapter, CatalogReader reader, Narration.IPublishedClips clips, CancellationToken ct) =>
            await reader.GetChapterAsync(course, chapter, ct) is { } view
                ? TypedResults.Text(ChapterCaptions.WebVtt(view, await clips.ForChapterAsync(view.Chapter.ChapterId, ct)), Course.Core.Captions.WebVttWriter.MediaType)
                : ChapterNotFound(course, chapter));

        return app;
    }

    private static ProblemHttpResult CourseNotFound(string course) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Course not found",
            detail: $"There is no published course '{course}'.");

    private static ProblemHttpResult ChapterNotFound(string course, string chapter) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Chapter not found",
            detail: $"There is no published chapter '{chapter}' in course '{course}'.");
}

/// <summary>The chapter as the API returns it: metadata, totals and every slide's segments.</summary>
public sealed record ChapterDocument(
    string Course,
    string CourseTitle,
    int Number,
    string Slug,
    string Title,
    string Language,
    string? Description,
    int SlideCount,
    int SegmentCount,
    int TotalPauseMilliseconds,
    int EstimatedMilliseconds,
    IReadOnlyList<SlideView> Slides,
    IReadOnlyList<QuizSummary> Quizzes)
{
    public static ChapterDocument From(ChapterView view) =>
        new(view.CourseSlug, view.CourseTitle, view.Chapter.Number, view.Chapter.Slug, view.Chapter.Title, view.Chapter.Language,
            view.Chapter.Description, view.Chapter.SlideCount, view.Chapter.SegmentCount, view.Chapter.TotalPauseMilliseconds,
            view.Chapter.EstimatedMilliseconds, view.Slides, view.QuizList);
}
