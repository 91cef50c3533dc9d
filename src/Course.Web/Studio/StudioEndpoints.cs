using Course.Web.Accounts;
using Course.Web.Catalog;

namespace Course.Web.Studio;

public static class StudioEndpoints
{
    public static IEndpointRouteBuilder MapStudioEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/studio/analytics/{course}/{chapter}/{table}.csv", async (string course, string chapter, string table,
            CatalogReader catalog, ChapterAnalytics analytics, CancellationToken ct) =>
        {
            if (await catalog.GetChapterAsync(course, chapter, ct) is not { } view)
            {
                return Results.Problem(statusCode: 404, title: "Chapter not found", detail: $"There is no published chapter '{chapter}' in course '{course}'.");
            }

            var figures = await analytics.ComputeAsync(view, ct);
            var csv = table switch
            {
                "slides" => ChapterAnalytics.SlidesCsv(figures),
                "quizzes" => ChapterAnalytics.QuizzesCsv(figures),
                "questions" => ChapterAnalytics.QuestionsCsv(figures),
                _ => null,
            };
            return csv is null
                ? Results.Problem(statusCode: 404, title: "Unknown table", detail: $"'{table}' is not a table: use slides, quizzes or questions.")
                : Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"{course}-{chapter}-{table}.csv");
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Instructor));
        return app;
    }
}
