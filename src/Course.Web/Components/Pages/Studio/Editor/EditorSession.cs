using Course.Web.Chapters;
using Course.Core.Authoring;
using Course.Web.Studio;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// One author's editing of one chapter's draft, without any UI: the text (kept in step with the browser),
/// the content revision it is based on, the save state, autosave a moment after typing stops, publishing,
/// and a save that meets someone else's (a conflict) held open with both texts until the author chooses —
/// nothing typed is lost either way.
/// </summary>
public sealed class EditorSession : IDisposable
{
    public static readonly TimeSpan ParseDelay = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan SaveDelay = TimeSpan.FromSeconds(2);

    private readonly IEditorHost host;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly int chapterId;
    private readonly Debounce parseSoon;
    private readonly Debounce saveSoon;
    private bool saveAgain;

    /// <param name="logger">Where failed saves are logged (the operator should know; the author is told).</param>
    public EditorSession(DraftView draft, IEditorHost host, TimeProvider clock, ILogger logger)
    {
        (this.host, this.clock, this.logger, chapterId) = (host, clock, logger, draft.ChapterId);
        Buffer = new ScriptBuffer(draft.Text);
        Saved = new SavedDraft(draft.Text, draft.Revision, draft.HasDraft, draft.SavedAt);
        parseSoon = new Debounce(clock, ParseDelay, () => host.RunInBackground("parse", ParseWhenRestingAsync));
        saveSoon = new Debounce(clock, SaveDelay, () => host.RunInBackground("autosave", SaveAsync));
        Publisher = new DraftPublisher(this, host);
    }

    public ScriptBuffer Buffer { get; }

    public SavedDraft Saved { get; }

    /// <summary>Publishing the draft (after saving what is typed).</summary>
    public DraftPublisher Publisher { get; }

    public int Revision => Saved.Revision;

    public bool Saving { get; private set; }

    public bool SaveFailed { get; private set; }

    public bool Missing { get; internal set; }

    /// <summary>Their save, which this editor's text met; null when there is no choice to make.</summary>
    public SaveResult.Conflict? Conflict { get; private set; }

    /// <summary>Their text against this editor's, as it was when the conflict appeared.</summary>
    public IReadOnlyList<DiffLine> ConflictDiff { get; private set; } = [];

    /// <summary>This editor's text after taking theirs: kept on the page, read-only, to copy from.</summary>
    public string? MineCopy { get; private set; }

    public bool IsDisposed { get; private set; }

    public string Text => Buffer.Text;

    public bool Dirty => Buffer.Text != Saved.Text;

    public SaveState State => SaveStates.Of(this);

    public void DismissMineCopy() => MineCopy = null;

    // ---- From the browser ----------------------------------------------------------------------

    /// <summary>One piece of an edit typed in the browser; a complete edit is parsed soon and saved a little later.</summary>
    public EditOutcome Edit(int epoch, long version, int start, int remove, string insert, bool final, int length)
    {
        var outcome = Buffer.Apply(epoch, version, start, remove, insert, final, length);
        if (outcome == EditOutcome.Complete)
        {
            parseSoon.Restart();
            ScheduleSave();
        }

        return outcome;
    }

    /// <summary>The page's background save (when it was hidden) reached the server; answers whether anything changed.</summary>
    public bool SavedInBackground(int newRevision, long version)
    {
        if (Conflict is not null || newRevision <= Revision)
        {
            return false;
        }

        Saved.SavedElsewhere(newRevision, clock.GetUtcNow(), Buffer.Version == version ? Buffer.Text : null);
        return true;
    }

    /// <summary>A clip change on the draft (the saved text at a new revision): later saves, and the browser's last one, go on from it.</summary>
    public Task ClipChangedAsync(int newRevision)
    {
        Saved.SavedElsewhere(newRevision, clock.GetUtcNow(), null);
        host.StateChanged(); // the editor's header: the draft now differs from the published version, so Publish is enabled
        return Dirty ? Task.CompletedTask : host.MarkSavedAsync(newRevision, Buffer.Version);
    }

    /// <summary>A new text from the server's side (the slides view): into the browser, parsed, saved a little later.</summary>
    public async Task ChangeTextAsync(string newText)
    {
        await ReplaceTextAsync(newText);
        ScheduleSave();
    }

    private Task ParseWhenRestingAsync() => IsDisposed || Buffer.IsPending ? Task.CompletedTask : host.ParseAsync();

    // ---- Saving --------------------------------------------------------------------------------

    private void ScheduleSave()
    {
        if (Conflict is not null)
        {
            return;
        }

        saveSoon.Restart();
    }

    /// <summary>Saves the draft if it changed; a conflict stops autosaving until the author chooses.</summary>
    public async Task SaveAsync()
    {
        saveSoon.Stop();
        if (IsDisposed || Conflict is not null || Buffer.IsPending || Missing)
        {
            return;
        }

        if (Saving)
        {
            saveAgain = true;
            return;
        }

        if (!Dirty)
        {
            return;
        }

        Saving = true;
        SaveFailed = false;
        host.StateChanged();
        var snapshot = Buffer.Text;
        var version = Buffer.Version;
        try
        {
            var result = await host.SaveDraftAsync(snapshot, Revision);
            await ApplySaveResultAsync(result, snapshot, version);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is unreachable for a moment: the text stays here and in the browser's backup.
            logger.LogWarning(e, "Saving the draft of chapter {ChapterId} failed; the editor keeps the text and tries again", chapterId);
            SaveFailed = true;
            saveAgain = true;
        }
        finally
        {
            Saving = false;
        }

        if (saveAgain || (Dirty && Conflict is null))
        {
            saveAgain = false;
            ScheduleSave();
        }
    }

    private async Task ApplySaveResultAsync(SaveResult result, string snapshot, long version)
    {
        switch (result)
        {
            case SaveResult.Saved saved:
                SavedAs(saved.Revision, saved.At, snapshot, version);
                break;
            case SaveResult.Conflict theirs when theirs.TheirText == Buffer.Text || theirs.TheirText == snapshot:
                // The "other" save has this very text (this page's background save, or another tab of ours).
                SavedAs(theirs.TheirRevision, theirs.TheirAt, theirs.TheirText, theirs.TheirText == Buffer.Text ? Buffer.Version : version);
                break;
            case SaveResult.Conflict theirs:
                await ShowConflictAsync(theirs);
                break;
            case SaveResult.NotFound:
                Missing = true;
                break;
        }
    }

    private void SavedAs(int newRevision, DateTimeOffset at, string savedText, long version)
    {
        Saved.Saved(newRevision, at, savedText);
        _ = host.MarkSavedAsync(newRevision, version);
    }

    /// <summary>Leaving the editor inside the app (no page unload, so no beacon): saves what is not saved yet.</summary>
    public async Task SaveOnLeavingAsync()
    {
        if (Missing || Conflict is not null || Buffer.IsPending || !Dirty)
        {
            return;
        }

        try
        {
            await host.SaveDraftAsync(Buffer.Text, Revision);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The browser's backup still holds it; the operator should know the save did not happen.
            logger.LogWarning(e, "Saving the draft of chapter {ChapterId} on leaving the editor failed; the text is left in the browser's backup", chapterId);
        }
    }

    /// <summary>The draft was published as a version: the text is saved, and the next edit starts a new draft.</summary>
    internal Task PublishedAsync(int newRevision)
    {
        Saved.Published(newRevision, Buffer.Text);
        return host.MarkSavedAsync(Revision, Buffer.Version);
    }

    // ---- Conflict ------------------------------------------------------------------------------

    internal async Task ShowConflictAsync(SaveResult.Conflict theirs)
    {
        saveSoon.Stop();
        Conflict = theirs;
        ConflictDiff = LineDiff.Compare(theirs.TheirText, Buffer.Text);
        await host.SetConflictAsync(true);
    }

    /// <summary>Saves this editor's text over theirs, which the author has seen side by side with it.</summary>
    public async Task KeepMineAsync()
    {
        if (Conflict is not { } theirs)
        {
            return;
        }

        var snapshot = Buffer.Text;
        var version = Buffer.Version;
        var result = await host.SaveDraftAsync(snapshot, theirs.TheirRevision);
        switch (result)
        {
            case SaveResult.Saved saved:
                Conflict = null;
                await host.SetConflictAsync(false);
                SavedAs(saved.Revision, saved.At, snapshot, version);
                if (Dirty)
                {
                    ScheduleSave();
                }

                break;
            case SaveResult.Conflict newer:
                await ShowConflictAsync(newer); // yet another save came in meanwhile: show that one
                break;
            case SaveResult.NotFound:
                Conflict = null;
                Missing = true;
                break;
        }
    }

    /// <summary>Takes their text into the editor; this editor's text stays on the page, read-only, to copy from.</summary>
    public async Task TakeTheirsAsync()
    {
        if (Conflict is not { } theirs)
        {
            return;
        }

        MineCopy = Buffer.Text;
        Conflict = null;
        await ReplaceTextAsync(theirs.TheirText);
        Saved.Took(theirs.TheirText, theirs.TheirRevision, theirs.TheirAt);
        await host.SetConflictAsync(false);
        await host.MarkSavedAsync(Revision, Buffer.Version);
    }

    /// <summary>The server puts a new text in the editor (slides view, take theirs).</summary>
    private async Task ReplaceTextAsync(string newText)
    {
        Buffer.Replace(newText, Buffer.Version);
        if (await host.SetTextAsync(newText, Buffer.Epoch) is { } version)
        {
            Buffer.SetVersion(version);
        }

        await host.ParseAsync();
    }

    public void Dispose()
    {
        IsDisposed = true;
        parseSoon.Dispose();
        saveSoon.Dispose();
    }
}
