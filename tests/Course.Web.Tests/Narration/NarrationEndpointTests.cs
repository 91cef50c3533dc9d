using System.Net;
using System.Net.Http.Headers;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Narration;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Narration;

/// <summary>
/// GET /api/narration/clips/{hash}.{ext} over real HTTP: byte ranges, the hash as strong ETag, a year of caching,
/// and a clip only for those who may hear it (anyone for a published chapter's clip, instructors for the rest).
/// </summary>
public sealed class NarrationEndpointTests : IAsyncLifetime
{
    private readonly CourseAppFactory app = new();
    private readonly byte[] publishedWav = TestAudio.Wav(600, 330);
    private readonly byte[] draftWav = TestAudio.Wav(700, 550);
    private string publishedUrl = "";
    private string draftUrl = "";

    public async Task InitializeAsync()
    {
        await SignedInClient.CreateUserAsync(app, "ana@example.com");
        await SignedInClient.CreateUserAsync(app, "prof@example.com", instructor: true);
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ChapterStore>();
        var library = scope.ServiceProvider.GetRequiredService<ClipLibrary>();
        int courseId;
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync())
        {
            courseId = await db.Courses.Select(c => c.Id).FirstAsync();
        }

        var id = await store.CreateAsync(courseId, "Con voz", "es", "prof@example.com", "Uno. <break time=\"1s\"/>\nDos. <break time=\"1s\"/>\n");
        var lines = await store.DraftLinesAsync(id);
        var published = Assert.IsType<ClipUpload.Stored>(await library.StoreAsync(publishedWav, null));
        var revision = Assert.IsType<ClipResult.Changed>(await store.SetClipAsync(id, lines[0].SlideKey, 0, published.Hash, (await store.GetDraftAsync(id))!.Revision, "prof")).Revision;
        revision = Assert.IsType<PublishResult.Published>(await store.PublishAsync(id, revision, "prof")).Revision;

        // Recorded after the publish: in the draft only.
        var draft = Assert.IsType<ClipUpload.Stored>(await library.StoreAsync(draftWav, null));
        Assert.IsType<ClipResult.Changed>(await store.SetClipAsync(id, lines[1].SlideKey, 1, draft.Hash, revision, "prof"));
        (publishedUrl, draftUrl) = (published.Url, draft.Url);
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_published_clip_is_served_to_anyone_whole_or_by_range_with_its_hash_as_etag_and_a_year_of_caching()
    {
        using var anonymous = SignedInClient.Anonymous(app);
        using var whole = await anonymous.GetAsync(publishedUrl);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(publishedWav, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal("audio/wav", whole.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["bytes"], whole.Headers.AcceptRanges);
        var hash = publishedUrl[21..85];
        Assert.Equal(new EntityTagHeaderValue($"\"{hash}\"", isWeak: false), whole.Headers.ETag);
        Assert.Equal("public, max-age=31536000, immutable", string.Join(", ", whole.Headers.GetValues("Cache-Control")));

        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, publishedUrl);
        rangeRequest.Headers.Range = new RangeHeaderValue(100, 199);
        using var range = await anonymous.SendAsync(rangeRequest);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(publishedWav[100..200], await range.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 100-199/{publishedWav.Length}", range.Content.Headers.ContentRange!.ToString());

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, publishedUrl);
        revalidate.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{hash}\""));
        using var notModified = await anonymous.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.NotFound)]
    [InlineData("learner", HttpStatusCode.NotFound)]
    [InlineData("instructor", HttpStatusCode.OK)]
    public async Task A_clip_only_in_a_draft_is_served_to_instructors_alone(string who, HttpStatusCode expected)
    {
        using var client = who switch
        {
            "anonymous" => SignedInClient.Anonymous(app),
            "learner" => await SignedInClient.SignInAsync(app, "ana@example.com"),
            _ => await SignedInClient.SignInAsync(app, "prof@example.com"),
        };

        using var response = await client.GetAsync(draftUrl);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(draftWav, await response.Content.ReadAsByteArrayAsync());
            Assert.True(response.Headers.CacheControl!.Private); // a shared cache never keeps an unpublished recording
        }
    }

    [Fact]
    public async Task A_published_clip_asked_for_with_another_extension_or_a_malformed_name_is_not_found()
    {
        using var anonymous = SignedInClient.Anonymous(app);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(publishedUrl.Replace(".wav", ".mp3"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/narration/clips/..%2Fetc.wav")).StatusCode);
    }
}
