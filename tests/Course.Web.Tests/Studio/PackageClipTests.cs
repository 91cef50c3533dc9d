using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Course.Fuzzing;
using Course.Web.Chapters;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Course.Web.Tests.Narration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Studio;

/// <summary>
/// Course packages with recorded clips over the studio's HTTP endpoints (SQLite, or PostgreSQL when
/// COURSE_TEST_POSTGRES is set): the archive's clips folder, a round trip to a fresh instance that keeps every clip
/// on its line and serves the published ones to learners, refusals that name the file or field and store nothing,
/// and a package in the format from before clips.
/// </summary>
public sealed class PackageClipTests(RecordedCourseFixture course) : IClassFixture<RecordedCourseFixture>
{
    [Fact]
    public async Task The_export_is_an_archive_with_each_clip_once_named_by_its_hash_and_the_same_bytes_every_time()
    {
        Assert.Equal("application/zip", course.ArchiveMediaType);
        using var zip = new ZipArchive(new MemoryStream(course.Archive));
        var clipFiles = zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("clips/", StringComparison.Ordinal)).ToList();
        Assert.Equal("course.json", zip.Entries[0].FullName);
        Assert.Equal(3, clipFiles.Count); // four placements, one recording on two lines
        Assert.Equal(clipFiles.Order(StringComparer.Ordinal), clipFiles);
        Assert.Contains($"clips/{Hash(course.SharedWav)}.wav", clipFiles);
        foreach (var entry in zip.Entries.Where(e => clipFiles.Contains(e.FullName)))
        {
            using var bytes = new MemoryStream();
            await entry.Open().CopyToAsync(bytes);
            Assert.Equal(entry.Name[..64], Hash(bytes.ToArray()));
        }

        using var json = JsonDocument.Parse(zip.GetEntry("course.json")!.Open());
        Assert.Equal(2, json.RootElement.GetProperty("formatVersion").GetInt32());
        var chapter = json.RootElement.GetProperty("chapters")[0];
        Assert.Equal(3, chapter.GetProperty("versions")[1].GetProperty("clips").GetArrayLength());
        Assert.Equal(4, chapter.GetProperty("draftClips").GetArrayLength()); // the published three and one recorded since

        using var client = await SignedInClient.SignInAsync(course.App, RecordedCourseFixture.Instructor);
        Assert.Equal(course.Archive, await client.GetByteArrayAsync($"/studio/courses/{course.CourseId}/package"));
    }

    [Fact]
    public async Task A_round_trip_to_a_fresh_instance_keeps_every_clip_on_its_line_and_learners_hear_the_published_ones()
    {
        using var other = CourseAppFactory.With(sharedPostgresDatabase: null);
        await using (var db = await RecordedCourseFixture.Db(other))
        {
            // The other instance seeded the same course; remove it so the package's slug is free.
            db.Chapters.RemoveRange(db.Chapters);
            await db.SaveChangesAsync();
            db.Courses.RemoveRange(db.Courses);
            await db.SaveChangesAsync();
        }

        await SignedInClient.CreateUserAsync(other, RecordedCourseFixture.Instructor, instructor: true);
        using var client = await SignedInClient.SignInAsync(other, RecordedCourseFixture.Instructor);
        using var imported = await RecordedCourseFixture.UploadAsync(client, "course.zip", course.Archive);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var courseId = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement.GetProperty("courseId").GetInt32();
        int chapterId;
        await using (var db = await RecordedCourseFixture.Db(other))
        {
            chapterId = await db.Chapters.Where(c => c.CourseId == courseId).Select(c => c.Id).SingleAsync();
        }

        var published = await RecordedCourseFixture.PublishedClipsAsync(other, chapterId);
        Assert.Equal(3, published.Count);
        Assert.Equal(await RecordedCourseFixture.PublishedClipsAsync(course.App, course.ChapterId), published);
        Assert.Equal(await RecordedCourseFixture.DraftClipsAsync(course.App, course.ChapterId), await RecordedCourseFixture.DraftClipsAsync(other, chapterId));

        using var learner = SignedInClient.Anonymous(other);
        Assert.Equal(course.SharedWav, await learner.GetByteArrayAsync($"/api/narration/clips/{Hash(course.SharedWav)}.wav"));

        // Nothing lost on the way: exported there, it is the same file.
        Assert.Equal(course.Archive, await client.GetByteArrayAsync($"/studio/courses/{courseId}/package"));

        // History carries them: version 2 restored brings its three clips back onto the draft.
        await using (var scope = other.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ChapterStore>();
            Assert.IsType<SaveResult.Saved>(await store.RestoreAsync(chapterId, 2, (await store.GetDraftAsync(chapterId))!.Revision, "eva@example.com"));
        }

        Assert.Equal(3, (await RecordedCourseFixture.DraftClipsAsync(other, chapterId)).Count);
    }

    [Fact]
    public async Task A_clip_whose_bytes_do_not_match_its_name_is_refused_naming_the_file()
    {
        var name = $"clips/{Hash(course.SharedWav)}.wav";
        var problems = await RefusedAsync(Spoil(files: f => f[name] = TestAudio.Wav(400, 310)));
        Assert.Contains(problems, p => p.StartsWith($"{name}: its content's SHA-256 is ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text", "mp3", 1000, "not audio (its content is none of WebM, Ogg, MP3, M4A/AAC or WAV, whatever its name says)")]
    [InlineData("webm", "webm", 0, "its length cannot be timed (durationMilliseconds 0 must be 1 to 600000; a WAV's comes from its header)")]
    [InlineData("webm", "webm", 600_001, "its length cannot be timed (durationMilliseconds 600001 must be 1 to 600000; a WAV's comes from its header)")]
    public async Task A_clip_an_upload_would_refuse_is_refused_naming_the_file(string content, string extension, int duration, string expected)
    {
        // A text file renamed .mp3, or a WebM header (the format sniffed by content) timed out of bounds.
        byte[] bytes = content == "text"
            ? "not audio at all, just words"u8.ToArray()
            : [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, .. "webm"u8, .. new byte[100]];
        var name = $"clips/{Hash(bytes)}.{extension}";
        var problems = await RefusedAsync(Spoil(
            json => json["clips"]!.AsArray().Add(new JsonObject { ["sha256"] = Hash(bytes), ["file"] = name, ["mediaType"] = "audio/" + extension, ["durationMilliseconds"] = duration }),
            files => files[name] = bytes));
        Assert.Contains($"{name}: {expected}", problems);
    }

    [Fact]
    public async Task A_missing_clip_file_is_refused_naming_it()
    {
        var name = $"clips/{Hash(course.SharedWav)}.wav";
        var problems = await RefusedAsync(Spoil(files: f => f.Remove(name)));
        Assert.Contains(problems, p => p.StartsWith($"{name}: missing from the package", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clip_on_a_line_or_clip_that_does_not_exist_is_refused_with_its_field()
    {
        var problems = await RefusedAsync(Spoil(json =>
        {
            var clips = json["chapters"]![0]!["versions"]![1]!["clips"]!;
            clips[0]!["line"] = 99;
            clips[1]!["clip"] = new string('0', 64);
        }));
        Assert.Contains(problems, p => p.StartsWith("chapters[0].versions[1].clips[0].line: slide ", StringComparison.Ordinal) && p.EndsWith("so no line 99", StringComparison.Ordinal));
        Assert.Contains($"chapters[0].versions[1].clips[1].clip: '{new string('0', 64)}' is not one of the package's clips", problems);
    }

    [Fact]
    public async Task A_package_in_the_format_from_before_clips_still_imports()
    {
        // Version 1: the JSON file alone, no "clips" anywhere (as written before clips existed).
        var old = ImporterFuzz.SeedPackage().Replace("\"slug\": \"ai-engineering\"", "\"slug\": \"ai-engineering-v1\"", StringComparison.Ordinal);
        Assert.Contains("\"formatVersion\": 1,", old);
        Assert.DoesNotContain("clips", old, StringComparison.OrdinalIgnoreCase);
        using var client = await SignedInClient.SignInAsync(course.App, RecordedCourseFixture.Instructor);

        using var response = await RecordedCourseFixture.UploadAsync(client, "old.course.json", Encoding.UTF8.GetBytes(old));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var courseId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("courseId").GetInt32();
        await using var db = await RecordedCourseFixture.Db(course.App);
        var chapter = await db.Chapters.Where(c => c.CourseId == courseId).SingleAsync();
        Assert.Equal(1, await db.ChapterVersions.CountAsync(v => v.ChapterId == chapter.Id));
        Assert.True(await db.ChapterDrafts.AnyAsync(d => d.ChapterId == chapter.Id));
        Assert.False(await db.ClipPlacements.AnyAsync(p => p.ChapterId == chapter.Id));
        Assert.Equal(4, await db.Quizzes.CountAsync(q => q.ChapterId == chapter.Id));
    }

    [Fact]
    public async Task A_package_larger_than_the_apps_request_limit_imports_within_the_package_limit_and_learners_hear_it()
    {
        var (package, large) = course.LargeCopy("copia-grande");
        Assert.InRange(package.Length, 11 * 1024 * 1024, PackageOptions.DefaultMaxBytes);
        using var client = await SignedInClient.SignInAsync(course.App, RecordedCourseFixture.Instructor);

        using var response = await RecordedCourseFixture.UploadAsync(client, "copia-grande.course.zip", package);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var courseId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("courseId").GetInt32();
        int chapterId;
        await using (var db = await RecordedCourseFixture.Db(course.App))
        {
            chapterId = await db.Chapters.Where(c => c.CourseId == courseId).Select(c => c.Id).SingleAsync();
        }

        var published = (await RecordedCourseFixture.PublishedClipsAsync(course.App, chapterId)).Select(c => c.Url).ToList();
        using var learner = SignedInClient.Anonymous(course.App);
        foreach (var bytes in large.Where(b => published.Contains($"/api/narration/clips/{Hash(b)}.wav")))
        {
            Assert.Equal(bytes, await learner.GetByteArrayAsync($"/api/narration/clips/{Hash(bytes)}.wav"));
        }

        Assert.Contains(large, b => published.Contains($"/api/narration/clips/{Hash(b)}.wav"));
    }

    [Fact]
    public async Task A_package_over_the_instances_limit_gets_413_with_the_limit_and_nothing_is_stored()
    {
        using var small = CourseAppFactory.With(new Dictionary<string, string?> { ["Packages:MaxBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await SignedInClient.CreateUserAsync(small, RecordedCourseFixture.Instructor, instructor: true);
        using var client = await SignedInClient.SignInAsync(small, RecordedCourseFixture.Instructor);
        var files = new Dictionary<string, byte[]> { ["clips/big.wav"] = TestAudio.Wav(70_000) }; // 1.1 MB

        using var response = await RecordedCourseFixture.UploadAsync(client, "big.course.zip", PackageArchive.Write("{}", files));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The limit is 1 MB", await response.Content.ReadAsStringAsync());
        await using var db = await RecordedCourseFixture.Db(small);
        Assert.Equal(0, await db.NarrationClips.CountAsync());
    }

    [Theory]
    [InlineData("5")]
    [InlineData("1073741824")]
    public void The_app_does_not_start_with_a_package_limit_out_of_bounds_and_names_the_setting(string value)
    {
        var error = Record.Exception(() => CourseAppFactory.With(new Dictionary<string, string?> { ["Packages:MaxBytes"] = value }).Dispose());

        Assert.NotNull(error);
        Assert.Contains("Packages:MaxBytes (Packages__MaxBytes) must be between 1048576 (1 MB) and 536870912 (512 MB) bytes.", error.ToString());
    }

    /// <summary>Uploads a spoiled package; it must be refused with nothing stored. Returns its problems.</summary>
    private async Task<List<string>> RefusedAsync(byte[] package)
    {
        using var client = await SignedInClient.SignInAsync(course.App, RecordedCourseFixture.Instructor);
        await using var db = await RecordedCourseFixture.Db(course.App);
        var before = (await db.Courses.CountAsync(), await db.NarrationClips.CountAsync(), await db.ClipPlacements.CountAsync());

        using var response = await RecordedCourseFixture.UploadAsync(client, "spoiled.zip", package);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("nothing was stored", body.RootElement.GetProperty("title").GetString());
        Assert.Equal(before, (await db.Courses.CountAsync(), await db.NarrationClips.CountAsync(), await db.ClipPlacements.CountAsync()));
        return [.. body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!)];
    }

    /// <summary>The fixture's archive under a free course slug, its JSON and files changed.</summary>
    private byte[] Spoil(Action<JsonNode>? json = null, Action<Dictionary<string, byte[]>>? files = null)
    {
        var (text, clipFiles) = PackageArchive.Read(course.Archive, PackageOptions.DefaultMaxBytes);
        var node = JsonNode.Parse(text)!;
        node["course"]!["slug"] = "copia";
        json?.Invoke(node);
        files?.Invoke(clipFiles);
        return PackageArchive.Write(node.ToJsonString(), clipFiles);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
