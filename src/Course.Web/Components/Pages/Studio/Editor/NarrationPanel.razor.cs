using Course.Web.Accounts;
using Course.Web.Chapters;
using Course.Web.Components.Shared;
using Course.Web.Narration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>A file chosen for a line, with its input (so the browser can time it).</summary>
public sealed record LineUpload(IBrowserFile File, ElementReference? Input);

/// <summary>
/// Records, uploads and places narration clips on the draft's lines. Every action checks on the server that
/// the circuit's user is an instructor; the bytes come through the circuit (a JS stream or an
/// <see cref="IBrowserFile"/>) and never past <see cref="ClipLibrary.MaxBytes"/>.
/// </summary>
public sealed partial class NarrationPanel : ComponentBase, IAsyncDisposable
{
    private const int MissingShown = 12;

    private IReadOnlyList<DraftLineClip>? lines;
    private List<string> slideKeys = [];
    private int loadedRevision = -1;
    private (string Key, int Line)? recording;
    private bool busy;
    private string? message;
    private string? status;
    private JsModule? module;
    private bool recordMode;
    private bool focusRecordModeButton;
    private RecordMode? recordModeView;
    private ElementReference recordModeButton;
    private DotNetObjectReference<NarrationPanel>? self;
    private bool trimAfterRecording;
    private readonly LineTrims trims = new();

    [Parameter, EditorRequired]
    public int ChapterId { get; set; }

    [Parameter, EditorRequired]
    public EditorSession Session { get; set; } = null!;

    [Parameter, EditorRequired]
    public string Author { get; set; } = "";

    [Inject]
    private ChapterStore Store { get; set; } = null!;

    [Inject]
    private ClipLibrary Library { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = null!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        if (Session.Revision != loadedRevision)
        {
            await ReloadAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            trimAfterRecording = await (await ModuleAsync()).InvokeAsync<bool>("trimAfterRecording");
            StateHasChanged();
        }

        if (focusRecordModeButton)
        {
            focusRecordModeButton = false;
            await recordModeButton.FocusAsync();
        }
    }

    private int SlideNumber(string key) => slideKeys.IndexOf(key) + 1;

    private async Task ReloadAsync()
    {
        loadedRevision = Session.Revision;
        lines = await Store.DraftLinesAsync(ChapterId);
        slideKeys = [.. lines.Select(l => l.SlideKey).Distinct()];
    }

    private async Task<bool> IsInstructorAsync()
    {
        if ((await Authentication.GetAuthenticationStateAsync()).User.IsInRole(Roles.Instructor))
        {
            return true;
        }

        message = L["NarrationNotAllowed"];
        return false;
    }

    private async Task<JsModule> ModuleAsync() => module ??= await JsModule.ImportAsync(JS, Assets["js/recorder.js"]);

    private async Task RecordAsync(DraftLineClip line)
    {
        if (!await IsInstructorAsync())
        {
            return;
        }

        message = null;
        self ??= DotNetObjectReference.Create(this);
        var problem = await (await ModuleAsync()).InvokeAsync<string>("start", self);
        if (!string.IsNullOrEmpty(problem))
        {
            message = L["NarrationNoMicrophone"];
            return;
        }

        recording = (line.SlideKey, line.Line);
        status = L["NarrationRecordingNow"];
    }

    private async Task StopAsync()
    {
        if (module is not null)
        {
            await module.CallAsync("stop");
        }
    }

    /// <summary>The browser's recording, once stopped: stored and put on the line that was recording.</summary>
    [JSInvokable]
    public async Task Recorded(IJSStreamReference clip, int? measuredMilliseconds)
    {
        await using var _ = clip;
        if (recording is not { } target || lines?.FirstOrDefault(l => (l.SlideKey, l.Line) == target) is not { } line)
        {
            return;
        }

        recording = null;
        if (clip.Length > Library.MaxBytes)
        {
            message = L["NarrationTooLarge", Where(line), Megabytes(Library.MaxBytes)];
        }
        else
        {
            await using var stream = await clip.OpenReadStreamAsync(Library.MaxBytes);
            await StoreAndPlaceAsync(line, stream, measuredMilliseconds);
            if (trimAfterRecording && message is null && lines?.FirstOrDefault(l => (l.SlideKey, l.Line) == target) is { HasClip: true } placed)
            {
                await TrimAsync(placed);
            }

            if (message is null)
            {
                recordModeView?.Saved(line);
            }
        }

        await InvokeAsync(StateHasChanged);
    }

    private async Task UploadAsync(DraftLineClip line, LineUpload upload)
    {
        if (!await IsInstructorAsync())
        {
            return;
        }

        if (upload.File.Size > Library.MaxBytes)
        {
            message = L["NarrationTooLarge", Where(line), Megabytes(Library.MaxBytes)];
            return;
        }

        var measured = upload.Input is { } input ? await (await ModuleAsync()).InvokeAsync<int?>("measureInput", input) : null;
        await using var stream = upload.File.OpenReadStream(Library.MaxBytes);
        await StoreAndPlaceAsync(line, stream, measured);
    }

    private async Task StoreAndPlaceAsync(DraftLineClip line, Stream content, int? measuredMilliseconds)
    {
        if (!await IsInstructorAsync())
        {
            return;
        }

        busy = true;
        try
        {
            message = await Library.StoreAsync(content, measuredMilliseconds) switch
            {
                ClipUpload.Stored stored => await PlaceAsync(line, stored.Hash),
                ClipUpload.TooLarge tooLarge => L["NarrationTooLarge", Where(line), Megabytes(tooLarge.MaxBytes)],
                ClipUpload.NotAudio => L["NarrationNotAudio", Where(line)],
                _ => L["NarrationBadDuration", Where(line)],
            };
        }
        finally
        {
            busy = false;
        }
    }

    private async Task KeepAsync(DraftLineClip line)
    {
        if (await IsInstructorAsync())
        {
            message = await ChangeAsync(line, (revision, author) => Store.KeepClipAsync(ChapterId, line.SlideKey, line.Line, revision, author));
        }
    }

    private async Task PlayAsync(DraftLineClip line)
    {
        if (line.ClipHash is not null)
        {
            await (await ModuleAsync()).CallAsync("play", ClipLibrary.UrlOf(line.ClipHash, line.Extension!));
        }
    }

    /// <summary>Saves the typed text first (a clip change goes on from the latest revision), then changes the clip; answers a problem, or null.</summary>
    private async Task<string?> ChangeAsync(DraftLineClip line, Func<int, string, Task<ClipResult>> change)
    {
        if (Session.Dirty)
        {
            await Session.SaveAsync();
        }

        var result = await change(Session.Revision, Author);
        if (result is ClipResult.Changed changed)
        {
            await Session.ClipChangedAsync(changed.Revision);
            await ReloadAsync();
            status = L["NarrationSaved", Where(line)];
            return null;
        }

        await ReloadAsync();
        return result is ClipResult.Conflict ? L["NarrationConflict"] : L["NarrationLineGone", Where(line)];
    }

    /// <summary>Opens Record mode (issue 14): the same recording, storing and checks, one line at a time with keys.</summary>
    private async Task OpenRecordModeAsync()
    {
        // Not disabled while a line records, so that leaving Record mode mid-recording can still give it the focus.
        if (recording is null && await IsInstructorAsync())
        {
            message = null;
            recordMode = true;
        }
    }

    /// <summary>Leaves Record mode (a recording under way stops and is stored); the focus returns to its button.</summary>
    private async Task LeaveRecordModeAsync()
    {
        if (recording is not null)
        {
            await StopAsync();
        }

        recordMode = false;
        recordModeView = null;
        focusRecordModeButton = true;
    }

    private async Task TrimAsync(DraftLineClip line)
    {
        if (!await IsInstructorAsync() || line.ClipHash is not { } hash)
        {
            return;
        }

        message = null;
        busy = true;
        try
        {
            var trim = await Library.TrimSilenceAsync(hash, async () => await (await ModuleAsync()).InvokeAsync<IJSStreamReference?>("decodeToWav", ClipLibrary.UrlOf(hash, line.Extension!)));
            if (trim is ClipTrim.Trimmed trimmed && (message = await SwapAsync(line, trimmed.Hash)) is null)
            {
                trims.Remember(line, hash, trimmed.Hash);
            }

            if (message is null)
            {
                (message, status) = LineTrims.Describe(trim, Where(line), L);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task UndoTrimAsync(DraftLineClip line)
    {
        if (await IsInstructorAsync() && trims.OriginalOf(line) is { } original && (message = await SwapAsync(line, original)) is null)
        {
            trims.Forget(line);
            status = L["NarrationTrimUndone", Where(line)];
        }
    }

    private async Task TrimAfterRecordingChanged(ChangeEventArgs e)
    {
        trimAfterRecording = e.Value is true;
        await (await ModuleAsync()).CallAsync("rememberTrimAfterRecording", trimAfterRecording);
    }

    private Task<string?> PlaceAsync(DraftLineClip line, string hash) =>
        ChangeAsync(line, (revision, author) => Store.SetClipAsync(ChapterId, line.SlideKey, line.Line, hash, revision, author));

    private Task<string?> SwapAsync(DraftLineClip line, string hash) =>
        ChangeAsync(line, (revision, author) => Store.SwapClipAsync(ChapterId, line.SlideKey, line.Line, hash, revision, author));

    private string Where(DraftLineClip line) => L["NarrationLine", line.Line + 1, SlideNumber(line.SlideKey)];

    private static string Megabytes(int bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture);

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            await module.CallAsync("stop");
            await module.DisposeAsync();
        }

        self?.Dispose();
    }
}
