using Course.Core.Narration;
using Course.Core.Rendering;
using Course.Web.Chapters;
using Course.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// The focused Record mode: where the walk is, what each key does, and "go to the next line after Stop". It
/// writes nothing itself: recording, uploading and keeping go to the narration panel, which checks the
/// circuit's user and stores (<see cref="NarrationPanel"/>).
/// </summary>
public sealed partial class RecordMode : ComponentBase, IAsyncDisposable
{
    private readonly RecordingWalk walk = new([]);
    private ElementReference dialog;
    private ElementReference recordButton;
    private InputFile? input;
    private JsModule? module;
    private DotNetObjectReference<RecordMode>? self;
    private bool autoAdvance;
    private bool focusRecord;
    private string? status;
    private (string Key, int Line)? saved;

    /// <summary>The chapter's spoken lines, in order.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<DraftLineClip> Lines { get; set; } = [];

    [Parameter, EditorRequired]
    public Func<string, int> SlideNumber { get; set; } = _ => 0;

    [Parameter]
    public int SlideCount { get; set; }

    /// <summary>The line recording, if any.</summary>
    [Parameter]
    public (string Key, int Line)? Recording { get; set; }

    /// <summary>A clip is being stored.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>The panel's latest problem (a refused file, a conflict, a missing microphone).</summary>
    [Parameter]
    public string? Message { get; set; }

    [Parameter]
    public EventCallback<DraftLineClip> OnRecord { get; set; }

    [Parameter]
    public EventCallback OnStop { get; set; }

    [Parameter]
    public EventCallback<DraftLineClip> OnPlay { get; set; }

    [Parameter]
    public EventCallback<DraftLineClip> OnKeep { get; set; }

    [Parameter]
    public EventCallback<(DraftLineClip Line, LineUpload Upload)> OnUpload { get; set; }

    [Parameter]
    public EventCallback OnLeave { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    private DraftLineClip? Current => walk.Count == 0 ? null : Lines[walk.Position];

    private DraftLineClip? Before => walk.Previous is null ? null : Lines[walk.Position - 1];

    private DraftLineClip? After => walk.Next is null ? null : Lines[walk.Position + 1];

    private bool CanWalk => Recording is null;

    private bool CanRecordOrStop => Recording is { } r ? Current is { } c && r == (c.SlideKey, c.Line) : !Busy;

    private int Percent => walk.Count == 0 ? 0 : walk.RecordedCount * 100 / walk.Count;

    protected override void OnParametersSet()
    {
        var first = walk.Count == 0;
        walk.Update([.. Lines.Select(l => new WalkLine(l.SlideKey, l.Line, l.HasClip))]);
        // It opens on the first line without a recording.
        if (first && walk.Current is { Recorded: true })
        {
            walk.MoveToNextUnrecorded();
        }

        if (saved is { } done && Lines.FirstOrDefault(l => (l.SlideKey, l.Line) == done) is { HasClip: true } line)
        {
            saved = null;
            status = L["RecordModeSavedStatus", walk.Position + 1, walk.Count, PauseText.Seconds(line.DurationMilliseconds)];
            if (autoAdvance && Current == line && walk.MoveNext())
            {
                status += " " + AtStatus();
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            self = DotNetObjectReference.Create(this);
            module = await JsModule.ImportAsync(JS, Assets["js/recordmode.js"]);
            autoAdvance = await module.InvokeAsync<bool>("open", dialog, self);
            status = AtStatus();
            focusRecord = true;
            StateHasChanged();
        }
        else if (focusRecord && Current is not null)
        {
            focusRecord = false;
            await recordButton.FocusAsync();
        }
    }

    /// <summary>The panel stored a recording of this line: say so, and go on to the next line when asked to.</summary>
    public void Saved(DraftLineClip line) => saved = (line.SlideKey, line.Line);

    /// <summary>A key pressed in the view (recordmode.js), with where the focus was.</summary>
    [JSInvokable]
    public async Task Key(string key, bool shift, bool otherModifier, string target)
    {
        var action = RecordModeKeys.For(key, shift, otherModifier, Enum.TryParse<KeyTarget>(target, out var where) && Enum.IsDefined(where) ? where : KeyTarget.TextField);
        switch (action)
        {
            case RecordModeAction.RecordOrStop: await RecordOrStopAsync(); break;
            case RecordModeAction.Play: await PlayAsync(); break;
            case RecordModeAction.Leave: await LeaveAsync(); return;
            case RecordModeAction.None: return;
            default: Walk(action); break;
        }

        await InvokeAsync(StateHasChanged);
    }

    private async Task RecordOrStopAsync()
    {
        if (Current is not { } line || !CanRecordOrStop)
        {
            return;
        }

        if (Recording is null)
        {
            await OnRecord.InvokeAsync(line);
            // The panel re-rendered this view: Recording is set only when the microphone started (else its message says why).
            status = Recording is not null ? L["RecordModeRecordingStatus", walk.Position + 1, walk.Count] : status;
        }
        else
        {
            await OnStop.InvokeAsync();
        }
    }

    private async Task PlayAsync()
    {
        if (Current is { HasClip: true } line && Recording is null)
        {
            await OnPlay.InvokeAsync(line);
        }
    }

    private void Walk(RecordModeAction action)
    {
        if (!CanWalk)
        {
            return;
        }

        var moved = action switch
        {
            RecordModeAction.Next => walk.MoveNext(),
            RecordModeAction.Previous => walk.MovePrevious(),
            _ => walk.MoveToNextUnrecorded(),
        };
        status = moved ? AtStatus() : action == RecordModeAction.NextUnrecorded ? L["RecordModeAllRecorded"] : status;
    }

    private async Task SetAutoAdvanceAsync(ChangeEventArgs e)
    {
        autoAdvance = e.Value is true;
        if (module is not null)
        {
            await module.CallAsync("remember", autoAdvance);
        }
    }

    private async Task LeaveAsync()
    {
        if (module is not null)
        {
            await module.CallAsync("close");
        }

        await OnLeave.InvokeAsync();
    }

    private string AtStatus() => Current is { } line
        ? L["RecordModeAtStatus", walk.Position + 1, walk.Count, Where(line), StateText(line)]
        : L["RecordModeEmpty"];

    private string StateText(DraftLineClip line) =>
        Recording == (line.SlideKey, line.Line) ? L["NarrationRecordingNow"]
        : line.HasClip ? L["RecordModeRecorded", PauseText.Seconds(line.DurationMilliseconds)]
        : L["NarrationNoClip"];

    private string Where(DraftLineClip line) => L["NarrationLine", line.Line + 1, SlideNumber(line.SlideKey)];

    private static string Plain(DraftLineClip line) => line.Words;

    private string KeyName(string key) => key switch
    {
        "Space" => L["KeySpace"],
        "Enter" => L["KeyEnter"],
        _ => key,
    };

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            await module.CallAsync("close");
            await module.DisposeAsync();
        }

        self?.Dispose();
    }
}
