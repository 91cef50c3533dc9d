using Course.Web.Chapters;
using Course.Web.Cli;
using Course.Web.Data;
using Course.Web.Narration;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Narration;

/// <summary>
/// <c>clips prune</c> on the real database (SQLite, or PostgreSQL when COURSE_TEST_POSTGRES is set): it removes only
/// clips no draft or version places that were stored before the grace period, a dry run removes nothing, and a
/// trimmed clip's original stays for Undo however old its recording.
/// </summary>
public sealed class ClipPruneTests : AppServicesTest
{
    private const string Ana = ClipStoreTests.Ana;
    private const string Script = ClipStoreTests.Script; // three lines on two slides

    private ChapterStore Store => Get<ChapterStore>();

    private ClipLibrary Library => Get<ClipLibrary>();

    private async Task<string> StoreAsync(byte[] wav, int hoursAgo)
    {
        var hash = Assert.IsType<ClipUpload.Stored>(await Library.StoreAsync(wav, measuredMilliseconds: null)).Hash;
        var when = DateTimeOffset.UtcNow.AddHours(-hoursAgo);
        await using var db = await Db();
        await db.NarrationClips.Where(c => c.Hash == hash).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, when));
        return hash;
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await OperatorCommands.RunAsync(App.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Megabytes(int bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<string>> StoredAsync()
    {
        await using var db = await Db();
        return await db.NarrationClips.Select(c => c.Hash).ToListAsync();
    }

    [Fact]
    public async Task Only_clips_no_draft_or_version_places_and_older_than_the_grace_period_are_removed_and_a_dry_run_removes_none()
    {
        int chapterId;
        await using (var db = await Db())
        {
            chapterId = await Store.CreateAsync((await db.Courses.SingleAsync()).Id, "Clips", "es", Ana, Script);
        }

        var lines = await Store.DraftLinesAsync(chapterId);
        var published = await StoreAsync(TestAudio.Wav(300, 300), hoursAgo: 1000);   // in version 1 only, once re-recorded
        var onDraft = await StoreAsync(TestAudio.Wav(300, 400), hoursAgo: 1000);     // on the draft
        var old = await StoreAsync(TestAudio.Wav(300, 500), hoursAgo: 200);          // placed nowhere, past a week
        var recent = await StoreAsync(TestAudio.Wav(300, 600), hoursAgo: 2);         // placed nowhere, within the week
        var revision = (await Store.GetDraftAsync(chapterId))!.Revision;
        revision = Assert.IsType<ClipResult.Changed>(await Store.SetClipAsync(chapterId, lines[0].SlideKey, lines[0].Line, published, revision, Ana)).Revision;
        revision = Assert.IsType<PublishResult.Published>(await Store.PublishAsync(chapterId, revision, Ana)).Revision;
        Assert.IsType<ClipResult.Changed>(await Store.SetClipAsync(chapterId, lines[0].SlideKey, lines[0].Line, onDraft, revision, Ana));
        var size = Megabytes((await Library.BytesAsync(old))!.Length);

        var dry = await RunAsync("clips", "prune", "--dry-run");

        Assert.Equal((OperatorCommands.Ok, ""), (dry.Exit, dry.Error));
        Assert.Equal($"Would remove 1 clip ({size} MB) that no draft or version uses, stored more than 168 hours ago.{Environment.NewLine}", dry.Output);
        Assert.Equal(4, (await StoredAsync()).Count);

        var pruned = await RunAsync("clips", "prune");

        Assert.Equal($"Removed 1 clip ({size} MB) that no draft or version uses, stored more than 168 hours ago.{Environment.NewLine}", pruned.Output);
        Assert.Equal(new[] { published, onDraft, recent }.Order(), (await StoredAsync()).Order());
        using var learner = SignedInClient.Anonymous(App);
        Assert.Equal(TestAudio.Wav(300, 300), await learner.GetByteArrayAsync(ClipLibrary.UrlOf(published, "wav")));

        var shorter = await RunAsync("clips", "prune", "--older-than", "1");

        Assert.Equal($"Removed 1 clip ({Megabytes(TestAudio.Wav(300, 600).Length)} MB) that no draft or version uses, stored more than 1 hour ago.{Environment.NewLine}", shorter.Output);
        Assert.DoesNotContain(recent, await StoredAsync());
    }

    [Fact]
    public async Task A_trimmed_clips_original_stays_for_undo_however_old_its_recording()
    {
        int chapterId;
        await using (var db = await Db())
        {
            chapterId = await Store.CreateAsync((await db.Courses.SingleAsync()).Id, "Trim", "es", Ana, Script);
        }

        var line = (await Store.DraftLinesAsync(chapterId))[0];
        var padded = TestAudio.Wav(1500, 440, sampleRate: 16_000);
        Array.Clear(padded, 44, 16_000); // half a second of silence first
        var original = await StoreAsync(padded, hoursAgo: 1000);
        var revision = Assert.IsType<ClipResult.Changed>(await Store.SetClipAsync(chapterId, line.SlideKey, line.Line, original,
            (await Store.GetDraftAsync(chapterId))!.Revision, Ana)).Revision;

        var trimmed = Assert.IsType<ClipTrim.Trimmed>(await Library.TrimSilenceAsync(original, () => Task.FromResult<Microsoft.JSInterop.IJSStreamReference?>(null)));
        Assert.IsType<ClipResult.Changed>(await Store.SwapClipAsync(chapterId, line.SlideKey, line.Line, trimmed.Hash, revision, Ana));
        var run = await RunAsync("clips", "prune");

        Assert.StartsWith("Removed 0 clips (0.0 MB)", run.Output, StringComparison.Ordinal);
        Assert.Contains(original, await StoredAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("87601")]
    [InlineData("a week")]
    [InlineData("-5")]
    public async Task A_grace_period_out_of_bounds_is_a_usage_error_and_removes_nothing(string hours)
    {
        await StoreAsync(TestAudio.Wav(300, 500), hoursAgo: 100_000);

        var run = await RunAsync("clips", "prune", "--older-than", hours);

        Assert.Equal(OperatorCommands.UsageError, run.Exit);
        Assert.Contains($"--older-than takes whole hours from 1 to 87600; it is '{hours}'", run.Error);
        Assert.Equal("", run.Output);
        Assert.Single(await StoredAsync());
    }
}
