using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Narration;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Narration;

/// <summary>
/// Recorded clips in the chapter store on the real database (SQLite, or PostgreSQL when COURSE_TEST_POSTGRES
/// is set): they follow their lines across draft edits, publish and restore carry them, a clip change is a
/// content write under the same revision guard, and the same bytes are stored once.
/// </summary>
public sealed class ClipStoreTests : AppServicesTest
{
    internal const string Ana = "ana@example.com";
    internal const string Script = "Uno. <break time=\"1s\"/>\nDos. <break time=\"1s\"/>\n\nTres. <break time=\"1s\"/>\n";

    private ChapterStore Store => Get<ChapterStore>();

    private ClipLibrary Library => Get<ClipLibrary>();

    private async Task<int> NewChapterAsync()
    {
        await using var db = await Db();
        return await Store.CreateAsync((await db.Courses.SingleAsync()).Id, "Clips", "es", Ana, Script);
    }

    private async Task<int> RevisionAsync(int id) => (await Store.GetDraftAsync(id))!.Revision;

    private async Task<string> StoreWavAsync(int milliseconds, double hertz) =>
        Assert.IsType<ClipUpload.Stored>(await Library.StoreAsync(TestAudio.Wav(milliseconds, hertz), measuredMilliseconds: null)).Hash;

    /// <summary>Records a clip on the draft line that says <paramref name="text"/>.</summary>
    private async Task<string> RecordAsync(int id, string text, double hertz)
    {
        var line = (await Store.DraftLinesAsync(id)).Single(l => l.Text == text);
        var hash = await StoreWavAsync(400, hertz);
        Assert.IsType<ClipResult.Changed>(await Store.SetClipAsync(id, line.SlideKey, line.Line, hash, await RevisionAsync(id), Ana));
        return hash;
    }

    /// <summary>The draft's lines as "text[=clip hash prefix][~ when flagged]".</summary>
    private async Task<string> LinesAsync(int id, Dictionary<string, string> names) =>
        string.Join(" | ", (await Store.DraftLinesAsync(id)).Select(l =>
            l.Text + (l.ClipHash is null ? "" : "=" + names[l.ClipHash]) + (l.TextChanged ? "~" : "")));

    [Fact]
    public async Task Clips_follow_their_lines_when_the_draft_is_edited_and_an_edited_line_keeps_its_clip_flagged()
    {
        var id = await NewChapterAsync();
        var names = new Dictionary<string, string>
        {
            [await RecordAsync(id, "Uno.", 300)] = "u",
            [await RecordAsync(id, "Dos.", 400)] = "d",
            [await RecordAsync(id, "Tres.", 500)] = "t",
        };
        Assert.Equal("Uno.=u | Dos.=d | Tres.=t", await LinesAsync(id, names));

        // A line inserted before, "Dos." edited, the slide of "Tres." deleted.
        var edited = "Cero. <break time=\"1s\"/>\nUno. <break time=\"1s\"/>\nDos y medio. <break time=\"1s\"/>\n";
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(id, edited, await RevisionAsync(id), Ana));

        Assert.Equal("Cero. | Uno.=u | Dos y medio.=d~", await LinesAsync(id, names));

        // "Keep this recording": no longer flagged.
        var line = (await Store.DraftLinesAsync(id)).Single(l => l.Text == "Dos y medio.");
        Assert.IsType<ClipResult.Changed>(await Store.KeepClipAsync(id, line.SlideKey, line.Line, await RevisionAsync(id), Ana));
        Assert.Equal("Cero. | Uno.=u | Dos y medio.=d", await LinesAsync(id, names));
    }

    [Fact]
    public async Task Publish_makes_the_draft_clips_live_and_restore_brings_a_version_clips_back()
    {
        var id = await NewChapterAsync();
        var uno = await RecordAsync(id, "Uno.", 300);
        Assert.IsType<PublishResult.Published>(await Store.PublishAsync(id, await RevisionAsync(id), Ana));

        var live = Assert.Single(await Get<IPublishedClips>().ForChapterAsync(id));
        Assert.Equal((0, $"/api/narration/clips/{uno}.wav", 400, false), (live.Line, live.Url, live.DurationMilliseconds, live.TextChanged));

        // Version 2: "Uno." re-recorded, "Dos." recorded.
        var uno2 = await RecordAsync(id, "Uno.", 310);
        var dos = await RecordAsync(id, "Dos.", 410);
        Assert.IsType<PublishResult.Published>(await Store.PublishAsync(id, await RevisionAsync(id), Ana));
        Assert.Equal([uno2, dos], (await Get<IPublishedClips>().ForChapterAsync(id)).Select(c => c.Url[21..85]));

        Assert.IsType<SaveResult.Saved>(await Store.RestoreAsync(id, 1, await RevisionAsync(id), Ana));
        var names = new Dictionary<string, string> { [uno] = "v1", [uno2] = "v2", [dos] = "d" };
        Assert.Equal("Uno.=v1 | Dos. | Tres.", await LinesAsync(id, names));

        // Learners keep hearing version 2 until the restore is published.
        Assert.Equal(2, (await Get<IPublishedClips>().ForChapterAsync(id)).Count);
        Assert.IsType<PublishResult.Published>(await Store.PublishAsync(id, await RevisionAsync(id), Ana));
        Assert.Equal([$"/api/narration/clips/{uno}.wav"], (await Get<IPublishedClips>().ForChapterAsync(id)).Select(c => c.Url));
    }

    [Fact]
    public async Task A_clip_change_bumps_the_revision_and_a_stale_one_is_a_conflict_that_changes_nothing()
    {
        var id = await NewChapterAsync();
        var opened = await RevisionAsync(id);
        var line = (await Store.DraftLinesAsync(id))[0];
        var hash = await StoreWavAsync(200, 300);

        var changed = Assert.IsType<ClipResult.Changed>(await Store.SetClipAsync(id, line.SlideKey, line.Line, hash, opened, Ana));
        Assert.Equal(opened + 1, changed.Revision);

        // A second tab still at the old revision: its text save and its clip removal both meet a conflict.
        Assert.IsType<SaveResult.Conflict>(await Store.SaveDraftAsync(id, "Otro. <break time=\"1s\"/>\n", opened, Ana));
        Assert.IsType<ClipResult.Conflict>(await Store.SetClipAsync(id, line.SlideKey, line.Line, null, opened, Ana));
        Assert.Equal(hash, (await Store.DraftLinesAsync(id))[0].ClipHash);

        Assert.IsType<ClipResult.Changed>(await Store.SetClipAsync(id, line.SlideKey, line.Line, null, changed.Revision, Ana));
        Assert.Null((await Store.DraftLinesAsync(id))[0].ClipHash);
        Assert.IsType<ClipResult.NoSuchLine>(await Store.SetClipAsync(id, line.SlideKey, 7, hash, changed.Revision + 1, Ana));
    }

    [Fact]
    public async Task The_same_recording_stored_twice_is_one_row_and_a_wav_is_timed_from_its_header()
    {
        var wav = TestAudio.Wav(1250, 440);
        var first = Assert.IsType<ClipUpload.Stored>(await Library.StoreAsync(wav, measuredMilliseconds: 99));
        var second = Assert.IsType<ClipUpload.Stored>(await Library.StoreAsync(new MemoryStream(wav), measuredMilliseconds: null));

        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(1250, first.DurationMilliseconds); // the header, not the browser's 99
        await using var db = await Db();
        var row = await db.NarrationClips.SingleAsync(c => c.Hash == first.Hash);
        Assert.Equal((wav.Length, "audio/wav"), (row.ByteLength, row.MediaType));
        Assert.Equal(1, await db.NarrationClips.CountAsync(c => c.Hash == first.Hash));
    }

    [Fact]
    public async Task Text_renamed_as_audio_an_oversized_clip_and_an_untimed_or_unbounded_duration_are_refused()
    {
        Assert.IsType<ClipUpload.NotAudio>(await Library.StoreAsync("This is not audio, just text renamed .mp3\n"u8.ToArray(), 1000));
        var big = new byte[Library.MaxBytes + 1];
        TestAudio.Wav(10).CopyTo(big, 0);
        Assert.Equal(Library.MaxBytes, Assert.IsType<ClipUpload.TooLarge>(await Library.StoreAsync(new MemoryStream(big), null)).MaxBytes);

        var ogg = "OggS"u8.ToArray().Concat(new byte[100]).ToArray();
        Assert.IsType<ClipUpload.BadDuration>(await Library.StoreAsync(ogg, measuredMilliseconds: null));
        Assert.IsType<ClipUpload.BadDuration>(await Library.StoreAsync(ogg, measuredMilliseconds: 10 * 60 * 1000 + 1));
        Assert.IsType<ClipUpload.Stored>(await Library.StoreAsync(ogg, measuredMilliseconds: 1500));
    }
}
