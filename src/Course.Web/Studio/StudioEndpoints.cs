using System.Text;
using Course.Core.Authoring;
using Course.Core.Scripts;
using Course.Web.Accounts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

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

        var studio = app.MapGroup("/studio").RequireAuthorization(policy => policy.RequireRole(Roles.Instructor));

        // The editor's last save when the tab is hidden or closed (navigator.sendBeacon): a plain form post.
        studio.MapPost("/chapters/{id:int}/draft", async (int id, [FromForm] string text, [FromForm] int revision, HttpContext context, ChapterStudio chapters) =>
            SaveResultToHttp(await chapters.SaveDraftAsync(id, text, revision, Author(context))))
            .WithMetadata(new RequestSizeLimitAttribute(MaxScriptBytes * 2));

        studio.MapPost("/import", ImportAsync).WithMetadata(new RequestSizeLimitAttribute(MaxScriptBytes + 64 * 1024));

        studio.MapGet("/chapters/{id:int}/export", async (int id, string? format, string? source, ChapterStudio chapters) =>
        {
            if (await chapters.GetDraftAsync(id) is not { } draft)
            {
                return Results.Problem(statusCode: 404, title: "Chapter not found", detail: $"There is no chapter {id}.");
            }

            var text = source == "draft" ? draft.Text : draft.PublishedText;
            var parsed = ScriptParser.Parse(text);
            if (!parsed.Succeeded)
            {
                return Results.Problem(statusCode: 422, title: "The script has errors",
                    detail: string.Join("\n", parsed.Errors.Select(e => e.ToString())));
            }

            var script = parsed.Script! with
            {
                Metadata = new ScriptMetadata(draft.Title, draft.Language, draft.ChapterSlug, draft.Description),
            };
            var name = $"{draft.CourseSlug}-{draft.ChapterSlug}";
            try
            {
                return (format ?? "script") switch
                {
                    "script" => Results.File(Encoding.UTF8.GetBytes(ScriptWriter.Write(script)), "text/plain; charset=utf-8", name + ".txt"),
                    "markdown" => Results.File(Encoding.UTF8.GetBytes(MarkdownChapterWriter.Write(script)), "text/markdown; charset=utf-8", name + ".md"),
                    "ssml" => Results.File(Encoding.UTF8.GetBytes(SsmlWriter.Write(script, draft.Language)), "application/ssml+xml; charset=utf-8", name + ".ssml"),
                    _ => Results.Problem(statusCode: 400, title: "Unknown format", detail: $"'{format}' is not an export format: use script, markdown or ssml."),
                };
            }
            catch (ArgumentException e)
            {
                return Results.Problem(statusCode: 422, title: "This chapter cannot be written as " + format, detail: e.Message);
            }
        });

        studio.MapGet("/courses/{id:int}/package", async (int id, CoursePackages packages) =>
            await packages.ExportFileAsync(id) is { } package
                ? Results.File(package.ToBytes(), package.MediaType, package.FileName)
                : Results.Problem(statusCode: 404, title: "Course not found", detail: $"There is no course {id}."));

        studio.MapPost("/packages", ImportPackageAsync);
        return app;
    }

    /// <summary>The largest script or Markdown file an instructor may upload.</summary>
    public const int MaxScriptBytes = 2 * 1024 * 1024;

    private static string Author(HttpContext context) => context.User.Identity?.Name ?? "unknown";

    private static IResult SaveResultToHttp(SaveResult result) => result switch
    {
        SaveResult.Saved saved => Results.Ok(new { revision = saved.Revision, savedAt = saved.At }),
        SaveResult.Conflict conflict => Results.Conflict(new { theirRevision = conflict.TheirRevision, theirAuthor = conflict.TheirAuthor, theirText = conflict.TheirText }),
        _ => Results.Problem(statusCode: 404, title: "Chapter not found"),
    };

    /// <summary>What a multipart form adds around its file (boundaries, headers, the antiforgery token).</summary>
    private const int FormOverhead = 64 * 1024;

    private static IResult TooLarge(long limit) => Results.Problem(statusCode: 413, title: "The file is too large",
        detail: $"The limit is {limit / (1024 * 1024)} MB; split the chapter or remove what it does not need.");

    /// <summary>
    /// Reads the upload within its limit, then checks its antiforgery token (here rather than in the
    /// middleware, so an oversized file gets its own clear answer instead of a generic 400).
    /// </summary>
    private static async Task<(IFormCollection? Form, IFormFile? File, IResult? Problem)> ReadUploadAsync(HttpRequest request, long limit)
    {
        var bodyLimit = limit + FormOverhead;
        if (request.ContentLength > bodyLimit)
        {
            return (null, null, TooLarge(limit));
        }

        // This upload's own limit, above or below the app's (Limits:MaxRequestBodyBytes): the body and its form part.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = bodyLimit;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit });
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, null, TooLarge(limit));
        }
        catch (InvalidDataException)
        {
            return (null, null, TooLarge(limit));
        }

        try
        {
            await request.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().ValidateRequestAsync(request.HttpContext);
        }
        catch (Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException)
        {
            return (null, null, Results.Problem(statusCode: 400, title: "The form has expired", detail: "Reload the page and upload the file again."));
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return (form, null, Results.Problem(statusCode: 400, title: "No file", detail: "Choose a file to upload."));
        }

        return file.Length > limit ? (form, null, TooLarge(limit)) : (form, file, null);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, ChapterStudio chapters)
    {
        var (form, file, problem) = await ReadUploadAsync(context.Request, MaxScriptBytes);
        if (problem is not null)
        {
            return problem;
        }

        using var memory = new MemoryStream();
        await file!.CopyToAsync(memory);
        var bytes = memory.ToArray();
        var markdown = file.FileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || file.FileName.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);
        var parsed = markdown ? MarkdownChapterReader.Read(bytes) : ScriptParser.Parse(bytes);
        if (!parsed.Succeeded)
        {
            return Results.Json(new
            {
                title = $"{file.FileName} has {parsed.Errors.Count} error(s); nothing was stored",
                errors = parsed.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message, code = e.Code?.ToString(), arguments = e.Arguments }),
            }, statusCode: 400);
        }

        var script = parsed.Script!;
        var text = ScriptWriter.Write(script, includeMetadata: !script.Metadata.Equals(ScriptMetadata.Empty));
        var author = Author(context);
        if (int.TryParse(form!["chapterId"], out var chapterId))
        {
            _ = int.TryParse(form["revision"], out var revision);
            var saved = await chapters.SaveDraftAsync(chapterId, text, revision, author);
            return saved is SaveResult.Saved s ? Results.Ok(new { chapterId, revision = s.Revision }) : SaveResultToHttp(saved);
        }

        var course = int.TryParse(form["courseId"], out var courseId) ? (await chapters.ListAsync()).FirstOrDefault(c => c.CourseId == courseId) : null;
        if (course is null)
        {
            return Results.Problem(statusCode: 400, title: "No such course", detail: "Choose the course the chapter belongs to.");
        }

        var title = script.Metadata.Title ?? Path.GetFileNameWithoutExtension(file.FileName);
        try
        {
            var created = await chapters.CreateChapterAsync(courseId, title, script.Metadata.Language ?? course.Language, author,
                ScriptWriter.Write(script with { Metadata = script.Metadata with { Title = null, Slug = null } }, includeMetadata: true));
            return Results.Ok(new { chapterId = created, revision = 1 });
        }
        catch (ArgumentException e)
        {
            // A title taken from the file's name may break the metadata rules (empty, say): say which field, store nothing.
            return Results.Problem(statusCode: 400, title: "The chapter's details are not valid", detail: e.Message.Split(" (Parameter")[0]);
        }
    }

    private static async Task<IResult> ImportPackageAsync(HttpContext context, CoursePackages packages, IOptions<PackageOptions> options)
    {
        var limit = options.Value.MaxBytes;
        var (_, file, problem) = await ReadUploadAsync(context.Request, limit);
        if (problem is not null)
        {
            return problem;
        }

        // One copy in memory, of the length already checked against the limit (the form keeps large files on disk).
        var bytes = new byte[file!.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes);
        }

        try
        {
            var courseId = await packages.ImportAsync(CoursePackages.Read(bytes, limit));
            return Results.Ok(new { courseId });
        }
        catch (CoursePackageException e)
        {
            return Results.Json(new { title = $"{file.FileName} was not imported; nothing was stored", errors = e.Problems.Select(p => new { message = p }) }, statusCode: 400);
        }
    }
}
