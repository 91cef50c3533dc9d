using System.Globalization;
using Course.Core.Authoring;
using Course.Core.Scripts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Studio;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// The chapter editor: the script as text (or as slides), parsed as it is typed, saved as a draft a moment
/// after typing stops, previewed in the real player, published as a version. Two editors never overwrite
/// each other: a save that meets someone else's shows both texts and lets the author choose.
/// </summary>
public sealed partial class ChapterEditor : ComponentBase, IAsyncDisposable
{
    internal static readonly TimeSpan ParseDelay = TimeSpan.FromMilliseconds(300);
    internal static readonly TimeSpan SaveDelay = TimeSpan.FromSeconds(2);

    private DraftView? draft;
    private ScriptBuffer buffer = new("");
    private ScriptAnalysis analysis = new([], [], 0, null);
    private ScriptAnalysis? lastGood;
    private string author = "";
    private int revision; // the chapter's content revision this editor's text is based on
    private bool hasDraft;
    private string savedText = "";
    private DateTimeOffset? savedAt;
    private bool saving;
    private bool saveAgain;
    private bool missing;
    private string? saveProblem;
    private SaveResult.Conflict? conflict;
    private IReadOnlyList<DiffLine> conflictDiff = [];
    private string? mineCopy;
    private string? publishedMessage;
    private IReadOnlyList<ScriptError> publishErrors = [];
    private bool publishing;
    private int caretLine = 1;
    private int caretSlide = 1;
    private bool slidesView;
    private DateTimeOffset? backupAt;
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private ITimer? parseTimer;
    private ITimer? saveTimer;
    private IJSObjectReference? module;
    private DotNetObjectReference<ChapterEditor>? self;

    /// <summary>Whether the browser side (studio.js) has been started for this editor.</summary>
    private bool browserStarted;
    private ElementReference textarea;
    private ElementReference mirror;
    private bool disposed;

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

    private string Text => buffer.Text;

    private bool Dirty => buffer.Text != savedText;

    private string Language => analysis.Preview?.Chapter.Language ?? draft?.Language ?? "en";

    private static string UiLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    // A script with errors still previews its slides without any (the others show a notice), else the last good version.
    internal ChapterView? PreviewView => analysis.Preview ?? lastGood?.Preview;

    private int PreviewSlide => Math.Clamp(caretSlide, 1, Math.Max(1, PreviewView?.Slides.Count ?? 1));

    private SlideView? PreviewSlideView => PreviewView is { } view && view.Slides.Count > 0 ? view.Slides[PreviewSlide - 1] : null;

    /// <summary>A new player whenever the slide shown, or what it says, changes; typing elsewhere leaves it playing.</summary>
    private string PreviewKey => PreviewSlideView is { } slide
        ? $"{PreviewSlide}:{string.Join("\u0001", slide.Segments.Select(s => s.Text + "\u0002" + s.PauseMilliseconds))}"
        : "none";

    protected override async Task OnInitializedAsync()
    {
        if (Authentication is not null)
        {
            author = (await Authentication).User.Identity?.Name ?? "";
        }

        draft = await Studio.GetDraftAsync(ChapterId);
        if (draft is null)
        {
            missing = true;
            return;
        }

        buffer = new ScriptBuffer(draft.Text);
        revision = draft.Revision;
        hasDraft = draft.HasDraft;
        savedText = buffer.Text;
        savedAt = draft.SavedAt;
        Analyse();
        if (!analysis.Succeeded && draft.PublishedText.Length > 0)
        {
            // Until the draft parses, the preview shows the version learners have.
            var published = ScriptAnalysis.Of(draft.PublishedText, draft.CourseSlug, draft.ChapterSlug, draft.Title, draft.Language);
            lastGood = published.Succeeded ? published : null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not "firstRender": when loading the draft really waits (PostgreSQL), the first render comes
        // before the editor's textarea exists, and the browser side must start on the next one.
        if (browserStarted || draft is null || !RendererInfo.IsInteractive)
        {
            return;
        }

        browserStarted = true;
        self = DotNetObjectReference.Create(this);
        try
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", $"./{Assets["js/studio.js"]}");
            var started = await module.InvokeAsync<EditorStart?>("startEditor", self, textarea, mirror, new
            {
                chapterId = ChapterId,
                draftUrl = $"/studio/chapters/{ChapterId}/draft",
                revision,
                epoch = buffer.Epoch,
                length = buffer.Text.Length,
            });
            if (started is not null)
            {
                if (TimeZoneInfo.TryFindSystemTimeZoneById(started.TimeZone ?? "UTC", out var found))
                {
                    zone = found;
                }

                if (started.BackupAt > 0)
                {
                    backupAt = DateTimeOffset.FromUnixTimeMilliseconds(started.BackupAt);
                }
            }

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
        var outcome = buffer.Apply(epoch, version, start, remove, insert ?? "", final, length);
        if (outcome == EditOutcome.Complete)
        {
            TextChanged();
        }

        return outcome is not EditOutcome.OutOfStep;
    }

    [JSInvokable]
    public Task OnCaret(int line) => InvokeAsync(() =>
    {
        caretLine = Math.Max(1, line);
        var slide = analysis.SlideAtLine(caretLine);
        if (slide != caretSlide)
        {
            caretSlide = slide;
            StateHasChanged();
        }
    });

    [JSInvokable]
    public Task OnSaveNow() => InvokeAsync(async () =>
    {
        await SaveAsync();
        StateHasChanged();
    });

    /// <summary>The page's background save (when it was hidden) reached the server.</summary>
    [JSInvokable]
    public Task OnSavedInBackground(int newRevision, long version) => InvokeAsync(() =>
    {
        if (conflict is not null || newRevision <= revision)
        {
            return;
        }

        revision = newRevision;
        hasDraft = true;
        savedAt = Clock.GetUtcNow();
        if (buffer.Version == version)
        {
            savedText = buffer.Text;
        }

        StateHasChanged();
    });

    // ---- Slides view ---------------------------------------------------------------------------

    private async Task OnSlidesChanged(ParsedScript edited)
    {
        if (edited.Text == buffer.Text)
        {
            return;
        }

        await ReplaceTextAsync(edited.Text, edited);
        publishedMessage = null;
        ScheduleSave();
    }

    // ---- Backup --------------------------------------------------------------------------------

    private async Task RestoreBackupAsync()
    {
        backupAt = null;
        await CallAsync("restoreBackup");
    }

    private async Task DiscardBackupAsync()
    {
        backupAt = null;
        await CallAsync("discardBackup");
    }

    // ---- Publishing ----------------------------------------------------------------------------

    private async Task PublishAsync()
    {
        if (publishing || conflict is not null || draft is null)
        {
            return;
        }

        publishing = true;
        publishedMessage = null;
        publishErrors = [];
        try
        {
            if (Dirty)
            {
                await SaveAsync();
                if (conflict is not null || Dirty)
                {
                    return;
                }
            }

            var result = await Studio.PublishAsync(ChapterId, revision, author);
            switch (result)
            {
                case PublishResult.Published published:
                    publishedMessage = L["StudioVersionPublished", published.Version];
                    revision = published.Revision; // the draft became the version; the next edit starts a new draft
                    hasDraft = false;
                    await CallAsync("markSaved", revision, buffer.Version);
                    draft = await Studio.GetDraftAsync(ChapterId) ?? draft;
                    savedText = buffer.Text;
                    break;
                case PublishResult.Invalid invalid:
                    publishErrors = invalid.Errors;
                    break;
                case PublishResult.Conflict theirs:
                    await ShowConflictAsync(new SaveResult.Conflict(theirs.TheirText, theirs.TheirRevision, theirs.TheirAuthor, theirs.TheirAt));
                    break;
                case PublishResult.NotFound:
                    missing = true;
                    break;
            }
        }
        finally
        {
            publishing = false;
        }
    }

    // ---- Helpers -------------------------------------------------------------------------------

    private Task MoveCaretAsync(int line, int column)
    {
        if (slidesView)
        {
            slidesView = false;
        }

        return CallAsync("moveCaret", line, column);
    }

    private Task GoToSlideAsync(SlideSpan slide)
    {
        caretSlide = slide.Number;
        return MoveCaretAsync(slide.FirstLine, 1);
    }

    private string LocalTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("t", CultureInfo.CurrentCulture);

    private string StatusText =>
        missing ? L["StudioChapterGone"]
        : conflict is not null ? L["StudioNotSavedConflict"]
        : saving ? L["StudioSaving"]
        : saveProblem is not null ? saveProblem
        : Dirty ? L["StudioNotSaved"]
        : hasDraft && savedAt is { } at ? L["StudioSavedAt", LocalTime(at)]
        : L["StudioNoDraft"];

    private static string Seconds(int milliseconds) => Shared.Durations.Seconds(milliseconds);

    private string Duration(int milliseconds) =>
        milliseconds < 60_000
            ? L["Seconds", Seconds(milliseconds)]
            : L["StudioMinutesSeconds", milliseconds / 60_000, (milliseconds % 60_000 / 1000).ToString("00", CultureInfo.CurrentCulture)];

    private static string Share(int milliseconds, int total) =>
        (total <= 0 ? 1 : Math.Max(1, milliseconds)).ToString(CultureInfo.InvariantCulture);

    private string StatusName(ChapterStatus status) => status switch
    {
        ChapterStatus.Published => L["StudioStatusPublished"],
        ChapterStatus.Retired => L["StudioStatusRetired"],
        _ => L["StudioStatusDraft"],
    };

    /// <summary>Calls the browser unless it is gone; the server's state stays right either way.</summary>
    private async Task CallAsync(string identifier, params object?[] args)
    {
        if (module is null)
        {
            return;
        }

        try
        {
            await module.InvokeVoidAsync(identifier, args);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        parseTimer?.Dispose();
        saveTimer?.Dispose();
        if (draft is not null && !missing && conflict is null && !buffer.IsPending && Dirty)
        {
            // Leaving the editor inside the app (no page unload, so no beacon): save what is not saved yet.
            try
            {
                await Studio.SaveDraftAsync(ChapterId, buffer.Text, revision, author);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The browser's backup still holds it; the operator should know the save did not happen.
                Logger.LogWarning(e, "Saving the draft of chapter {ChapterId} on leaving the editor failed; the text is left in the browser's backup", ChapterId);
            }
        }

        if (module is not null)
        {
            try
            {
                await module.InvokeVoidAsync("stopEditor");
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }

        self?.Dispose();
    }

    internal sealed record EditorStart(string? TimeZone, long BackupAt);
}
