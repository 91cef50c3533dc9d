using Bunit;
using Course.Web.Accounts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Components.Pages.Studio.Editor;
using Course.Web.Data;
using Course.Web.Lessons;
using Course.Web.Narration;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Course.Web.Tests.Narration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Course.Web.Tests.Components;

/// <summary>
/// "Trim silence" in the slides view against the real store, trimmer and database (decision 8): the trimmed clip is a
/// new WAV clip on the same line, shorter by the silence; the original stays stored and "Undo trim" puts it back;
/// a silent clip is left alone with a clear status; a recording in a format the server cannot decode is trimmed from
/// the browser's decoded WAV when "Trim silence after each recording" is on; a non-instructor's circuit trims nothing.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class NarrationTrimTests : NarrationEditorContext
{
    private readonly IDbContextFactory<CourseDbContext> contexts;
    private readonly BunitJSModuleInterop recorder;

    public NarrationTrimTests(CourseAppFactory app)
        : base(app)
    {
        contexts = app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>();
        recorder = JSInterop.SetupModule(i => i.Identifier == "import" && i.Arguments[0] is string path && path.Contains("recorder", StringComparison.Ordinal));
        recorder.Mode = JSRuntimeMode.Loose;
    }

    private Task<(int Id, IRenderedComponent<ChapterEditor> Editor)> OpenSlidesAsync() =>
        OpenSlidesAsync("Recorte", "One. <break time=\"1s\"/>\nTwo. <break time=\"1s\"/>\n");

    private static void Upload(IRenderedComponent<ChapterEditor> cut, int line, byte[] wav, int expectedMilliseconds)
    {
        cut.FindComponents<InputFile>()[line].UploadFiles(InputFileContent.CreateFromBinary(wav, "take.wav"));
        cut.WaitForAssertion(() => Assert.Contains($"{expectedMilliseconds / 1000.0:0.0} s", cut.FindAll("[data-testid=line-recorder]")[line].TextContent), TimeSpan.FromSeconds(10));
    }

    private static void Press(IRenderedComponent<ChapterEditor> cut, string label) =>
        cut.FindAll("[data-testid=narration-panel] button").Single(b => b.GetAttribute("aria-label") == label).Click();

    private static string Status(IRenderedComponent<ChapterEditor> cut) => cut.Find("[data-testid=narration-status]").TextContent;

    private async Task<(string Hash, string Extension, int Milliseconds)> ClipAsync(int chapterId, int line)
    {
        var placed = (await Store.DraftLinesAsync(chapterId))[line];
        Assert.NotNull(placed.ClipHash);
        return (placed.ClipHash!, placed.Extension!, placed.DurationMilliseconds);
    }

    [Fact]
    public async Task A_trimmed_wav_is_a_new_shorter_clip_on_the_same_line_and_undo_puts_the_stored_original_back()
    {
        var (id, cut) = await OpenSlidesAsync();
        Upload(cut, 1, TestAudio.SilenceToneSilence(1000, 1000, 1000), 3000);
        var original = await ClipAsync(id, 1);

        Press(cut, "Trim silence from line 2 of slide 1");

        cut.WaitForAssertion(() => Assert.Equal("Trimmed 1.76 s from line 2 of slide 1: 3.0 s → 1.24 s.", Status(cut)), TimeSpan.FromSeconds(10));
        var trimmed = await ClipAsync(id, 1);
        Assert.NotEqual(original.Hash, trimmed.Hash);
        Assert.Equal(("wav", 1240), (trimmed.Extension, trimmed.Milliseconds)); // the tone plus 120 ms at each end
        Assert.Null((await Store.DraftLinesAsync(id))[0].ClipHash);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal(2, await db.NarrationClips.CountAsync(c => c.Hash == original.Hash || c.Hash == trimmed.Hash));
        }

        Press(cut, "Undo trim of line 2 of slide 1");

        cut.WaitForAssertion(() => Assert.Equal("The untrimmed recording is back on line 2 of slide 1.", Status(cut)), TimeSpan.FromSeconds(10));
        Assert.Equal(original, await ClipAsync(id, 1));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Undo trim");
    }

    [Fact]
    public async Task A_silent_clip_and_a_clip_without_silence_are_left_as_they_are_with_a_status_that_says_so()
    {
        var (id, cut) = await OpenSlidesAsync();
        Upload(cut, 0, TestAudio.SilenceToneSilence(2000, 0, 0), 2000);
        Upload(cut, 1, TestAudio.Wav(1500, 523), 1500);
        var (silent, whole) = (await ClipAsync(id, 0), await ClipAsync(id, 1));

        Press(cut, "Trim silence from line 1 of slide 1");
        cut.WaitForAssertion(() => Assert.StartsWith("The recording for line 1 of slide 1 is silent throughout", Status(cut)), TimeSpan.FromSeconds(10));
        Press(cut, "Trim silence from line 2 of slide 1");
        cut.WaitForAssertion(() => Assert.Equal("No silence to trim at the ends of line 2 of slide 1.", Status(cut)), TimeSpan.FromSeconds(10));

        Assert.Equal((silent, whole), (await ClipAsync(id, 0), await ClipAsync(id, 1)));
        Assert.Equal("", cut.Find("[data-testid=narration-message]").TextContent);
    }

    [Fact]
    public async Task With_trim_after_recording_on_a_recording_the_server_cannot_decode_is_trimmed_from_the_browsers_wav()
    {
        recorder.Setup<bool>("trimAfterRecording").SetResult(true);
        var decoded = TestAudio.SilenceToneSilence(1000, 1000, 1000, sampleRate: 24_000);
        var decode = recorder.Setup<IJSStreamReference?>("decodeToWav", _ => true);
        decode.SetResult(new BrowserStream(decoded));
        var (id, cut) = await OpenSlidesAsync();
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=narration-panel] input[type=checkbox]").HasAttribute("checked")));

        cut.FindAll("[data-testid=line-recorder]")[0].QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Record").Click();
        var panel = cut.FindComponent<NarrationPanel>();
        byte[] ogg = [.. "OggS"u8, 0, 2, .. Guid.NewGuid().ToByteArray(), .. "OpusHead"u8];
        await cut.InvokeAsync(() => panel.Instance.Recorded(new BrowserStream(ogg), 3050));

        cut.WaitForAssertion(() => Assert.Equal("Trimmed 1.81 s from line 1 of slide 1: 3.05 s → 1.24 s.", Status(cut)), TimeSpan.FromSeconds(10));
        Assert.Equal("wav", (await ClipAsync(id, 0)).Extension);
        Assert.Equal(1240, (await ClipAsync(id, 0)).Milliseconds);
        var url = Assert.Single(decode.Invocations).Arguments[0] as string;
        Assert.Matches(@"^/api/narration/clips/[0-9a-f]{64}\.ogg$", url);
    }

    [Fact]
    public async Task A_circuit_whose_user_is_no_longer_an_instructor_trims_nothing()
    {
        var (id, cut) = await OpenSlidesAsync();
        Upload(cut, 0, TestAudio.SilenceToneSilence(1000, 1000, 1000, sampleRate: 16_000), 3000);
        var before = await ClipAsync(id, 0);
        Auth.SetRoles();

        Press(cut, "Trim silence from line 1 of slide 1");

        cut.WaitForAssertion(() => Assert.Equal("Only instructors may record narration.", cut.Find("[data-testid=narration-message]").TextContent));
        Assert.Equal(before, await ClipAsync(id, 0));
    }

    [Fact]
    public async Task In_spanish_the_trim_controls_and_the_status_name_the_line()
    {
        var (id, cut) = await OpenSlidesAsync();
        Upload(cut, 0, TestAudio.SilenceToneSilence(1000, 1000, 1000), 3000);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("es");
        cut.Render();

        Assert.Contains("Recortar el silencio después de cada grabación", cut.Find("[data-testid=narration-panel] label").TextContent);
        Press(cut, "Recortar silencio de la línea 1 de la diapositiva 1");

        cut.WaitForAssertion(() => Assert.Equal("Se recortaron 1,76 s de la línea 1 de la diapositiva 1: 3,0 s → 1,24 s.", Status(cut)), TimeSpan.FromSeconds(10));
        Assert.Equal(1240, (await ClipAsync(id, 0)).Milliseconds);
        Assert.Contains(cut.FindAll("button"), b => b.GetAttribute("aria-label") == "Deshacer recorte de la línea 1 de la diapositiva 1");
    }

    [Fact]
    public async Task A_trimmed_take_keeps_the_text_it_was_recorded_for_so_a_changed_line_stays_flagged()
    {
        var library = Services.GetRequiredService<ClipLibrary>();
        var id = await Studio.CreateChapterAsync(CourseId, "Bandera " + Guid.NewGuid().ToString("N")[..8], "en", Author,
            "One. <break time=\"1s\"/>\nTwo. <break time=\"1s\"/>\n");
        var key = (await Store.DraftLinesAsync(id))[0].SlideKey;
        var take = Assert.IsType<ClipUpload.Stored>(await library.StoreAsync(TestAudio.SilenceToneSilence(500, 700, 500, 16_000), null));
        var shorter = Assert.IsType<ClipUpload.Stored>(await library.StoreAsync(TestAudio.SilenceToneSilence(0, 700, 0, 16_000), null));
        Assert.IsType<ClipResult.Changed>(await Store.SetClipAsync(id, key, 0, take.Hash, (await Store.GetDraftAsync(id))!.Revision, Author));
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(id, "One, edited. <break time=\"1s\"/>\nTwo. <break time=\"1s\"/>\n", (await Store.GetDraftAsync(id))!.Revision, Author));
        Assert.True((await Store.DraftLinesAsync(id))[0].TextChanged);

        Assert.IsType<ClipResult.Changed>(await Store.SwapClipAsync(id, key, 0, shorter.Hash, (await Store.GetDraftAsync(id))!.Revision, Author));

        var swapped = (await Store.DraftLinesAsync(id))[0];
        Assert.Equal((shorter.Hash, true, "One."), (swapped.ClipHash, swapped.TextChanged, swapped.RecordedText));
        Assert.IsType<ClipResult.Conflict>(await Store.SwapClipAsync(id, key, 0, take.Hash, (await Store.GetDraftAsync(id))!.Revision - 1, Author));
    }

    /// <summary>Bytes the browser hands over through the circuit.</summary>
    private sealed class BrowserStream(byte[] bytes) : IJSStreamReference
    {
        public long Length => bytes.Length;

        public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            bytes.Length > maxAllowedSize ? throw new ArgumentOutOfRangeException(nameof(maxAllowedSize)) : ValueTask.FromResult<Stream>(new MemoryStream(bytes));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
