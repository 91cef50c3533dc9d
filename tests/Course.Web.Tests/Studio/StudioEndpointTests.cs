using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Studio;

/// <summary>Uploads, exports, the draft beacon and course packages over plain HTTP, as the studio's pages use them.</summary>
public sealed partial class StudioEndpointTests : IDisposable
{
    private readonly CourseAppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<HttpClient> InstructorAsync()
    {
        var email = $"ines-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(app, email, instructor: true);
        return await SignedInClient.SignInAsync(app, email);
    }

    /// <summary>An antiforgery token for this signed-in client, from one of its pages.</summary>
    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/me/password");
        return WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
    }

    private async Task<int> CourseIdAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        return (await db.Courses.SingleAsync()).Id;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string fileName, byte[] content, Dictionary<string, string>? fields = null, string? token = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token ?? await TokenAsync(client)), "__RequestVerificationToken");
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", fileName);
        return await client.PostAsync(url, form);
    }

    [Fact]
    public async Task Importing_a_markdown_file_creates_a_draft_chapter()
    {
        using var client = await InstructorAsync();
        var markdown = "# Tokens\n\n## Qué es un token\n\nUn token es un trozo de texto. <break time=\"1s\"/>\n\n- palabras\n- signos\n";

        using var response = await UploadAsync(client, "/studio/import", "tokens.md", Encoding.UTF8.GetBytes(markdown),
            new() { ["courseId"] = (await CourseIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var chapterId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("chapterId").GetInt32();
        await using var scope = app.Services.CreateAsyncScope();
        var draft = (await scope.ServiceProvider.GetRequiredService<ChapterStudio>().GetDraftAsync(chapterId))!;
        Assert.Equal("Tokens", draft.Title);
        Assert.Equal(ChapterStatus.Draft, draft.Status);
        Assert.Contains("Un token es un trozo de texto. <break time=\"1s\"/>", draft.Text);
    }

    [Fact]
    public async Task A_script_with_errors_lists_them_by_line_and_column_and_stores_nothing()
    {
        using var client = await InstructorAsync();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var chapters = await db.Chapters.CountAsync();

        using var response = await UploadAsync(client, "/studio/import", "roto.txt", Encoding.UTF8.GetBytes("Bien <break time=\"1s\"/>\nMal <break time=\"dos\"/>\n"),
            new() { ["courseId"] = (await CourseIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("errors")[0];
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() > 1);
        Assert.Contains("nothing was stored", body.RootElement.GetProperty("title").GetString());
        Assert.Equal(chapters, await db.Chapters.CountAsync());
    }

    [Theory]
    [InlineData("roto.txt", "Hola <break time=\"999999999999999999999999999999s\"/>\n", 1, 19)]
    [InlineData("roto.md", "# Título\n\nHola\n\n[pause 999999999999999999999999999999s]\n", 5, 8)]
    public async Task A_break_time_of_thirty_digits_is_refused_at_its_line_and_column_not_answered_with_500(string fileName, string content, int line, int column)
    {
        using var client = await InstructorAsync();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var chapters = await db.Chapters.CountAsync();

        using var response = await UploadAsync(client, "/studio/import", fileName, Encoding.UTF8.GetBytes(content),
            new() { ["courseId"] = (await CourseIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal((line, column, "TimeOverMaximum"), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32(), error.GetProperty("code").GetString()));
        Assert.Equal("break time '999999999999999999999999999999s' is over the maximum of 10s", error.GetProperty("message").GetString());
        Assert.Equal(chapters, await db.Chapters.CountAsync());
    }

    [Theory]
    [InlineData("\"number\": 1,", "\"number\": 999999999999999999999999999999,", "line ")]
    [InlineData("\"passMark\": 0.7", "\"passMark\": 70", "passMark: the pass mark is a share between 0 and 1")]
    [InlineData("\"slide\": 10,", "\"slide\": 2147483648,", "line ")]
    public async Task A_package_with_a_value_past_its_bound_is_refused_with_its_field_not_answered_with_500(string from, string to, string expected)
    {
        using var client = await InstructorAsync();
        var exported = await client.GetStringAsync($"/studio/courses/{await CourseIdAsync()}/package");
        Assert.Contains(from, exported);
        var spoiled = ReplaceFirst(exported, from, to);

        using var response = await UploadAsync(client, "/studio/packages", "course.json", Encoding.UTF8.GetBytes(spoiled));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(body.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("message").GetString()!.Contains(expected, StringComparison.Ordinal));
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + to + text[(at + from.Length)..];
    }

    [Fact]
    public async Task An_oversized_upload_gets_413_with_the_limit_in_words()
    {
        using var client = await InstructorAsync();
        var token = await TokenAsync(client);

        using var response = await UploadAsync(client, "/studio/import", "huge.txt", new byte[StudioEndpoints.MaxScriptBytes + 1], token: token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The limit is 2 MB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_learner_cannot_upload_and_a_forged_post_without_token_is_refused()
    {
        var email = $"luis-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(app, email);
        using var learner = await SignedInClient.SignInAsync(app, email);
        using var instructor = await InstructorAsync();

        using var asLearner = await UploadAsync(learner, "/studio/import", "a.txt", "Hola\n"u8.ToArray());
        using var forged = await UploadAsync(instructor, "/studio/import", "a.txt", "Hola\n"u8.ToArray(), token: "forged");

        Assert.Equal(HttpStatusCode.Redirect, asLearner.StatusCode); // to the access-denied page
        Assert.Contains("/account/denied", asLearner.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("expired", await forged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_draft_beacon_saves_and_a_stale_one_meets_a_conflict()
    {
        using var client = await InstructorAsync();
        int chapterId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            chapterId = await scope.ServiceProvider.GetRequiredService<ChapterStudio>().CreateChapterAsync(await CourseIdAsync(), "Beacon", "es", "x", "Uno\n");
        }

        var token = await TokenAsync(client);
        FormUrlEncodedContent Form(string text, int revision) => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["text"] = text, ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        using var saved = await client.PostAsync($"/studio/chapters/{chapterId}/draft", Form("Dos\n", 1));
        using var stale = await client.PostAsync($"/studio/chapters/{chapterId}/draft", Form("Tres\n", 1));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Dos", await stale.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("script", "text/plain", "title: Desarrollo de software con Foundation Models")]
    [InlineData("markdown", "text/markdown", "# Desarrollo de software con Foundation Models")]
    [InlineData("ssml", "application/ssml+xml", "<speak")]
    public async Task A_chapter_exports_as_script_markdown_and_ssml(string format, string mediaType, string expected)
    {
        using var client = await InstructorAsync();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var id = (await db.Chapters.SingleAsync()).Id;

        using var response = await client.GetAsync($"/studio/chapters/{id}/export?format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_course_package_moves_to_another_instance_unchanged()
    {
        using var client = await InstructorAsync();
        var courseId = await CourseIdAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A pending draft and a published version, so the package carries both.
            var studio = scope.ServiceProvider.GetRequiredService<ChapterStudio>();
            var id = (await studio.ListAsync()).Single().Chapters.Single().ChapterId;
            var draft = (await studio.GetDraftAsync(id))!;
            var saved = (SaveResult.Saved)await studio.SaveDraftAsync(id, draft.Text + "\nUna más. <break time=\"1s\"/>\n", draft.Revision, "ana@example.com");
            var published = Assert.IsType<PublishResult.Published>(await studio.PublishAsync(id, saved.Revision, "ana@example.com"));
            Assert.IsType<SaveResult.Saved>(await studio.SaveDraftAsync(id, "Borrador pendiente\n", published.Revision, "ana@example.com"));
        }

        var exported = await client.GetByteArrayAsync($"/studio/courses/{courseId}/package");

        using var other = CourseAppFactory.With(sharedPostgresDatabase: null);
        await using (var db = await other.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync())
        {
            // The other instance seeded the same course; remove it so the package's slug is free.
            db.Chapters.RemoveRange(db.Chapters);
            await db.SaveChangesAsync();
            db.Courses.RemoveRange(db.Courses);
            await db.SaveChangesAsync();
        }

        var email = $"eva-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(other, email, instructor: true);
        using var otherClient = await SignedInClient.SignInAsync(other, email);
        using var imported = await UploadAsync(otherClient, "/studio/packages", "course.json", exported);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var newId = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement.GetProperty("courseId").GetInt32();
        var reexported = await otherClient.GetByteArrayAsync($"/studio/courses/{newId}/package");

        Assert.Equal(Encoding.UTF8.GetString(exported), Encoding.UTF8.GetString(reexported));
        using var package = JsonDocument.Parse(exported);
        var chapter = package.RootElement.GetProperty("chapters")[0];
        Assert.Equal("Borrador pendiente\n", chapter.GetProperty("draft").GetString());
        Assert.Equal(4, chapter.GetProperty("quizzes").GetProperty("quizzes").GetArrayLength());
        Assert.Equal(2, chapter.GetProperty("versions").GetArrayLength()); // the seed's import, then the publish above

        // The same package again is refused whole: the course exists there now.
        using var again = await UploadAsync(otherClient, "/studio/packages", "course.json", exported);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("exists already", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_a_package_is_refused_with_a_reason()
    {
        using var client = await InstructorAsync();

        using var response = await UploadAsync(client, "/studio/packages", "x.json", "{\"hello\": 1}"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a course package", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
