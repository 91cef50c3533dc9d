using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Narration;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Course.Web.Tests.Narration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Studio;

/// <summary>
/// The seed course with recorded clips, exported once over HTTP: version 2 published with three clips (the
/// same recording on two lines), then a clip recorded on the draft only. Tests that refuse a spoiled copy
/// of <see cref="Archive"/> share it; nothing they send is stored.
/// </summary>
public sealed partial class RecordedCourseFixture : IAsyncLifetime
{
    public const string Instructor = "prof@example.com";

    public CourseAppFactory App { get; } = new();

    public byte[] Archive { get; private set; } = [];

    public string? ArchiveMediaType { get; private set; }

    public int CourseId { get; private set; }

    public int ChapterId { get; private set; }

    public byte[] SharedWav { get; } = TestAudio.Wav(400, 300);

    public async Task InitializeAsync()
    {
        await SignedInClient.CreateUserAsync(App, Instructor, instructor: true);
        await using var scope = App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ChapterStore>();
        await using (var db = await Db(App))
        {
            var chapter = await db.Chapters.SingleAsync();
            (CourseId, ChapterId) = (chapter.CourseId, chapter.Id);
        }

        var lines = await store.DraftLinesAsync(ChapterId);
        var shared = await StoreAsync(SharedWav);
        var revision = (await store.GetDraftAsync(ChapterId))!.Revision;
        foreach (var (line, hash) in new[] { (lines[0], shared), (lines[1], await StoreAsync(TestAudio.Wav(500, 400))), (lines[3], shared) })
        {
            revision = Assert.IsType<ClipResult.Changed>(await store.SetClipAsync(ChapterId, line.SlideKey, line.Line, hash, revision, Instructor)).Revision;
        }

        revision = Assert.IsType<PublishResult.Published>(await store.PublishAsync(ChapterId, revision, Instructor)).Revision;
        Assert.IsType<ClipResult.Changed>(await store.SetClipAsync(ChapterId, lines[2].SlideKey, lines[2].Line, await StoreAsync(TestAudio.Wav(600, 500)), revision, Instructor));

        using var client = await SignedInClient.SignInAsync(App, Instructor);
        using var response = await client.GetAsync($"/studio/courses/{CourseId}/package");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ArchiveMediaType = response.Content.Headers.ContentType?.MediaType;
        Archive = await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// <see cref="Archive"/> under another course slug with two 6 MB WAV clips (trimmed clips are WAV) in place of two
    /// of its clips: a package of about 12 MB, past the app's 10 MB request limit (Limits:MaxRequestBodyBytes) and
    /// within the 64 MB package limit. Returns the package and the large clips' bytes.
    /// </summary>
    public (byte[] Package, List<byte[]> LargeClips) LargeCopy(string slug)
    {
        var (text, files) = PackageArchive.Read(Archive, PackageOptions.DefaultMaxBytes);
        var replaced = files.Keys.Order(StringComparer.Ordinal).Take(2).ToList();
        var large = replaced.Select((_, i) => TestAudio.Wav(375_000, hertz: 300 + (100 * i))).ToList();
        foreach (var (name, bytes) in replaced.Zip(large))
        {
            // The fixture's clips are WAV too: the new hash replaces the old one in the clip list and every placement.
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            text = text.Replace(name[6..70], hash, StringComparison.Ordinal);
            files.Remove(name);
            files[$"clips/{hash}.wav"] = bytes;
        }

        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        node["course"]!["slug"] = slug;
        return (PackageArchive.Write(node.ToJsonString(), files), large);
    }

    private async Task<string> StoreAsync(byte[] wav) =>
        Assert.IsType<ClipUpload.Stored>(await App.Services.GetRequiredService<ClipLibrary>().StoreAsync(wav, measuredMilliseconds: null)).Hash;

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    public static async Task<CourseDbContext> Db(CourseAppFactory app) =>
        await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();

    /// <summary>Uploads a package file as the studio's import form does.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var html = await client.GetStringAsync("/me/password");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value)), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync("/studio/packages", form);
    }

    /// <summary>A chapter's published clips as (slide number, line, clip URL), sorted.</summary>
    public static async Task<List<(int Slide, int Line, string Url)>> PublishedClipsAsync(CourseAppFactory app, int chapterId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var clips = await scope.ServiceProvider.GetRequiredService<IPublishedClips>().ForChapterAsync(chapterId);
        await using var db = await Db(app);
        var numbers = await db.Slides.Where(s => s.ChapterId == chapterId).ToDictionaryAsync(s => s.Key, s => s.Position);
        return [.. clips.Select(c => (numbers[c.SlideKey], c.Line, c.Url)).Order()];
    }

    /// <summary>A chapter's draft lines that have a clip, as (text, hash, flagged).</summary>
    public static async Task<List<(string Text, string Hash, bool Flagged)>> DraftClipsAsync(CourseAppFactory app, int chapterId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var lines = await scope.ServiceProvider.GetRequiredService<ChapterStore>().DraftLinesAsync(chapterId);
        return [.. lines.Where(l => l.HasClip).Select(l => (l.Text, l.ClipHash!, l.TextChanged))];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
