using Course.Web.Chapters;
using System.Globalization;
using Course.Core.Scripts;
using Course.Web.Data;
using Course.Web.Studio;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// The chapter editor: the script as text (or as slides), parsed as it is typed, previewed in the real
/// player, published as a version. What is saved when, and what a conflict holds, is the
/// <see cref="EditorSession"/>'s; this component connects it to the browser (studio.js) and the page's parts.
/// </summary>
public sealed partial class ChapterEditor : ComponentBase, IEditorHost, IAsyncDisposable
{
    private DraftView? draft;
    private EditorSession? session;
    private readonly DraftAnalysis analysis = new();
    private ParsedScript? slidesParse;
    private string author = "";
    private string? publishedMessage;
    private IReadOnlyList<Course.Core.Scripts.ScriptError> publishErrors = [];
    private bool slidesView;
    private DateTimeOffset? backupAt;
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private EditorBrowser? browser;
    private DotNetObjectReference<ChapterEditor>? self;

    /// <summary>Whether the browser side (studio.js) has been started for this editor.</summary>
    private bool browserStarted;
    private ScriptPane? scriptPane;

    [Parameter, EditorRequired]
    public int ChapterId { get; set; }

    [Inject]
    private ChapterStudio Studio { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    [Inject]
    private ILogger<ChapterEditor> Logger { get; set; } = null!;

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    private string Language => analysis.Current.Preview?.Chapter.Language ?? draft?.Language ?? "en";

    /// <summary>The circuit's user is no instructor (markers replayed from another's page): nothing is loaded.</summary>
    private bool denied;

    protected override async Task OnInitializedAsync()
    {
        if (!await StudioAccess.IsInstructorAsync(Authentication))
        {
            denied = true;
            return;
        }

        author = (await Authentication!).User.Identity?.Name ?? "";
        draft = await Studio.GetDraftAsync(ChapterId);
        if (draft is null)
        {
            return;
        }

        session = new EditorSession(draft, this, Clock, Logger);
        Analyse();
        analysis.FallBackToPublished(draft);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not "firstRender": when loading the draft really waits (PostgreSQL), the first render comes
        // before the editor's textarea exists, and the browser side must start on the next one.
        if (browserStarted || session is null || !RendererInfo.IsInteractive)
        {
            return;
        }

        browserStarted = true;
        self = DotNetObjectReference.Create(this);
        try
        {
            (browser, var foundZone, backupAt) = await EditorBrowser.StartAsync(JS, Assets["js/studio.js"], self, scriptPane!.Textarea, scriptPane.Mirror,
                ChapterId, session.Revision, session.Buffer.Epoch, session.Text.Length);
            zone = foundZone ?? zone;
            await SendErrorsAsync();
        }
        catch (JSDisconnectedException)
        {
            return;
        }

        StateHasChanged();
    }

    // ---- From the browser ----------------------------------------------------------------------

    [JSInvokable]
    public bool OnEdit(int epoch, long version, int start, int remove, string insert, bool final, int length)
    {
        // Calls from the browser run on the circuit's dispatcher, one at a time, in the order sent.
        var outcome = session!.Edit(epoch, version, start, remove, insert ?? "", final, length);
        if (outcome == EditOutcome.Complete)
        {
            publishedMessage = null;
            StateHasChanged();
        }

        return outcome is not EditOutcome.OutOfStep;
    }

    [JSInvokable]
    public Task OnCaret(int line) => InvokeAsync(() =>
    {
        if (analysis.MoveCaret(line))
        {
            StateHasChanged();
        }
    });

    [JSInvokable]
    public Task OnSaveNow() => InvokeAsync(async () =>
    {
        await session!.SaveAsync();
        StateHasChanged();
    });

    /// <summary>The page's background save (when it was hidden) reached the server.</summary>
    [JSInvokable]
    public Task OnSavedInBackground(int newRevision, long version) => InvokeAsync(() =>
    {
        if (session!.SavedInBackground(newRevision, version))
        {
            StateHasChanged();
        }
    });

    private async Task OnSlidesChanged(ParsedScript edited)
    {
        if (edited.Text == session!.Text)
        {
            return;
        }

        slidesParse = edited;
        await session.ChangeTextAsync(edited.Text);
        publishedMessage = null;
    }

    // ---- Backup --------------------------------------------------------------------------------

    private async Task RestoreBackupAsync()
    {
        backupAt = null;
        await (browser?.RestoreBackupAsync() ?? Task.CompletedTask);
    }

    private async Task DiscardBackupAsync()
    {
        backupAt = null;
        await (browser?.DiscardBackupAsync() ?? Task.CompletedTask);
    }

    // ---- Publishing ----------------------------------------------------------------------------

    private async Task PublishAsync()
    {
        if (session is not { Publisher.CanPublish: true } || draft is null)
        {
            return;
        }

        publishedMessage = null;
        publishErrors = [];
        switch (await session.Publisher.PublishAsync())
        {
            case PublishResult.Published published:
                publishedMessage = L["StudioVersionPublished", published.Version];
                draft = await Studio.GetDraftAsync(ChapterId) ?? draft;
                break;
            case PublishResult.Invalid invalid:
                publishErrors = invalid.Errors;
                break;
        }
    }

    // ---- The session's host --------------------------------------------------------------------

    // The store parses the text again: it is the server's side of a trust boundary, and checks every text it
    // is given (from here, the closing-tab save, the API, a package) rather than trust a parse made elsewhere.
    Task<SaveResult> IEditorHost.SaveDraftAsync(string text, int revision) => Studio.SaveDraftAsync(ChapterId, text, revision, author);

    Task<PublishResult> IEditorHost.PublishAsync(int revision) => Studio.PublishAsync(ChapterId, revision, author);

    Task IEditorHost.MarkSavedAsync(int revision, long version) => browser?.MarkSavedAsync(revision, version) ?? Task.CompletedTask;

    Task IEditorHost.SetConflictAsync(bool open) => browser?.SetConflictAsync(open) ?? Task.CompletedTask;

    Task<long?> IEditorHost.SetTextAsync(string text, int epoch) => browser?.SetTextAsync(text, epoch) ?? Task.FromResult<long?>(null);

    async Task IEditorHost.ParseAsync()
    {
        Analyse();
        await SendErrorsAsync();
        StateHasChanged();
    }

    /// <summary>Runs a timer's work on the renderer; nobody awaits it, so what it throws is logged here.</summary>
    void IEditorHost.RunInBackground(string work, Func<Task> run) => _ = InvokeAsync(async () =>
    {
        try
        {
            await run();
            StateHasChanged();
        }
        catch (Exception e) when (session is { IsDisposed: false })
        {
            Logger.LogError(e, "The chapter editor's {Work} failed for chapter {ChapterId}", work, ChapterId);
        }
        catch (Exception e)
        {
            Logger.LogDebug(e, "The chapter editor's {Work} for chapter {ChapterId} ended with the page", work, ChapterId);
        }
    });

    void IEditorHost.StateChanged() => StateHasChanged();

    // ---- Helpers -------------------------------------------------------------------------------

    // The slides view's parse of its last edit serves while the text is still that edit's.
    private void Analyse() => analysis.Analyse(ParsedScript.For(session!.Text, slidesParse), draft!, L["StudioPreviewBrokenSlide"]);

    private Task SendErrorsAsync() => browser?.SetErrorsAsync(analysis.Current.Errors) ?? Task.CompletedTask;

    private Task MoveCaretAsync(int line, int column)
    {
        slidesView = false;
        return browser?.MoveCaretAsync(line, column) ?? Task.CompletedTask;
    }

    private Task GoToSlideAsync(SlideSpan slide)
    {
        analysis.CaretSlide = slide.Number;
        return MoveCaretAsync(slide.FirstLine, 1);
    }

    private string LocalTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("t", CultureInfo.CurrentCulture);

    private string StatusText => session!.State switch
    {
        SaveState.Missing => L["StudioChapterGone"],
        SaveState.Conflict => L["StudioNotSavedConflict"],
        SaveState.Saving => L["StudioSaving"],
        SaveState.Failed => L["StudioSaveFailed"],
        SaveState.Dirty => L["StudioNotSaved"],
        SaveState.Saved => L["StudioSavedAt", LocalTime(session.Saved.At!.Value)],
        _ => L["StudioNoDraft"],
    };

    private string StatusName(ChapterStatus status) => status switch
    {
        ChapterStatus.Published => L["StudioStatusPublished"],
        ChapterStatus.Retired => L["StudioStatusRetired"],
        _ => L["StudioStatusDraft"],
    };

    public async ValueTask DisposeAsync()
    {
        if (session is not null)
        {
            session.Dispose();
            await session.SaveOnLeavingAsync();
        }

        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        self?.Dispose();
    }

    /// <summary>What studio.js found on starting: the browser's time zone and the time of an unsaved local backup.</summary>
    internal sealed record EditorStart(string? TimeZone, long BackupAt);
}
