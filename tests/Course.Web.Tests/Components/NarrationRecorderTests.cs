using Bunit;
using Course.Web.Accounts;
using Course.Web.Chapters;
using Course.Web.Catalog;
using Course.Web.Components.Pages.Studio.Editor;
using Course.Web.Lessons;
using Course.Web.Narration;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Course.Web.Tests.Narration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Course.Web.Tests.Components;

/// <summary>
/// The slides view's recorder against the real store and database: labelled controls per spoken line, uploads
/// checked by content and size with messages that say which line, a recording placed on the line that was
/// recording, and every action refused on the server to a circuit whose user is not an instructor.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class NarrationRecorderTests(CourseAppFactory app) : NarrationEditorContext(app)
{
    private async Task<(int Id, IRenderedComponent<ChapterEditor> Editor)> OpenSlidesAsync(bool instructor = true)
    {
        if (!instructor)
        {
            Auth.SetRoles();
        }

        return await OpenSlidesAsync("Voz", "One. <break time=\"1s\"/>\nTwo. <break time=\"1s\"/>\n");
    }

    private static string Summary(IRenderedComponent<ChapterEditor> cut) => cut.Find("[data-testid=narration-summary]").TextContent.Trim();

    private static string Message(IRenderedComponent<ChapterEditor> cut) => cut.Find("[data-testid=narration-message]").TextContent;

    [Fact]
    public async Task Each_spoken_line_has_labelled_controls_and_the_chapter_says_what_is_missing()
    {
        var (_, cut) = await OpenSlidesAsync();

        Assert.Equal("0 of 2 lines recorded · 0.0 s spoken", Summary(cut));
        Assert.Contains("Lines without a recording: line 1 of slide 1, line 2 of slide 1", cut.Find(".narration-panel__missing").TextContent);
        var first = cut.FindAll("[data-testid=line-recorder]")[0];
        Assert.Equal("line 1 of slide 1", first.QuerySelector("[role=group]")!.GetAttribute("aria-label"));
        var buttons = first.QuerySelectorAll("button").ToDictionary(b => b.TextContent.Trim(), b => b);
        Assert.Equal("Record line 1 of slide 1", buttons["Record"].GetAttribute("aria-label"));
        Assert.True(buttons["Play"].HasAttribute("disabled"));
        Assert.Contains("Upload file", first.QuerySelector("label")!.TextContent);
    }

    [Fact]
    public async Task A_text_file_renamed_mp3_and_an_oversized_file_are_refused_by_line_and_a_wav_is_placed()
    {
        var (id, cut) = await OpenSlidesAsync();

        cut.FindComponents<InputFile>()[1].UploadFiles(InputFileContent.CreateFromText("just some notes, not audio", "voice.mp3", contentType: "audio/mpeg"));
        cut.WaitForAssertion(() => Assert.Contains("The file for line 2 of slide 1 is not audio", Message(cut)));

        cut.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(new byte[(10 * 1024 * 1024) + 1], "long.wav"));
        cut.WaitForAssertion(() => Assert.Contains("The recording for line 1 of slide 1 is larger than 10 MB", Message(cut)));
        Assert.All(await Store.DraftLinesAsync(id), l => Assert.Null(l.ClipHash));

        cut.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(TestAudio.Wav(1500, 262), "one.wav"));
        cut.WaitForAssertion(() => Assert.Equal("1 of 2 lines recorded · 1.5 s spoken", Summary(cut)), TimeSpan.FromSeconds(10));
        Assert.Equal("", Message(cut));
        Assert.NotNull((await Store.DraftLinesAsync(id))[0].ClipHash);
        Assert.Contains(cut.FindAll("[data-testid=line-recorder]")[0].QuerySelectorAll("button"), b => b.TextContent.Trim() == "Re-record");
    }

    [Fact]
    public async Task A_recording_goes_to_the_line_that_was_recording_and_the_editor_saves_on_from_its_revision()
    {
        var (id, cut) = await OpenSlidesAsync();
        var revision = (await Store.GetDraftAsync(id))!.Revision;

        cut.FindAll("[data-testid=line-recorder]")[1].QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Record").Click();
        Assert.Contains("Recording…", cut.FindAll("[data-testid=line-recorder]")[1].TextContent);
        var panel = cut.FindComponent<NarrationPanel>();
        await cut.InvokeAsync(() => panel.Instance.Recorded(new RecordedClip(TestAudio.Wav(800, 300)), 800));

        cut.WaitForAssertion(() => Assert.Equal("1 of 2 lines recorded · 0.8 s spoken", Summary(cut)), TimeSpan.FromSeconds(10));
        var lines = await Store.DraftLinesAsync(id);
        Assert.Null(lines[0].ClipHash);
        Assert.NotNull(lines[1].ClipHash);
        Assert.Equal(revision + 1, (await Store.GetDraftAsync(id))!.Revision);
    }

    [Fact]
    public async Task A_circuit_whose_user_is_no_longer_an_instructor_is_refused_and_nothing_is_stored()
    {
        // The editor itself turns away a circuit that is not an instructor's (StudioAccess, CircuitActionTests); the
        // recorder checks again on every action, so an instructor demoted while the editor is open records nothing.
        var (id, cut) = await OpenSlidesAsync();
        Auth.SetRoles();

        cut.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(TestAudio.Wav(500, 777), "one.wav"));

        cut.WaitForAssertion(() => Assert.Equal("Only instructors may record narration.", Message(cut)));
        Assert.All(await Store.DraftLinesAsync(id), l => Assert.Null(l.ClipHash));
    }

    /// <summary>What the browser hands over when a recording stops.</summary>
    private sealed class RecordedClip(byte[] bytes) : IJSStreamReference
    {
        public long Length => bytes.Length;

        public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            bytes.Length > maxAllowedSize ? throw new ArgumentOutOfRangeException(nameof(maxAllowedSize)) : ValueTask.FromResult<Stream>(new MemoryStream(bytes));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
