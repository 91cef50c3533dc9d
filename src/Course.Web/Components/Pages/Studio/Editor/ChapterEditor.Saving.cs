using Course.Core.Scripts;
using Course.Core.Authoring;
using Course.Web.Chapters;
using Course.Web.Studio;
using Microsoft.JSInterop;

namespace Course.Web.Components.Pages.Studio.Editor;

// The chapter editor's draft: parsed as it is typed, saved a moment after typing stops, and a save that
// meets someone else's (a conflict) resolved by the author. The rest is in ChapterEditor.razor.cs.
public sealed partial class ChapterEditor
{
    // ---- Parsing and saving --------------------------------------------------------------------

    /// <summary>The text changed (typed, or from the slides view): parse soon, save a little later.</summary>
    private void TextChanged()
    {
        publishedMessage = null;
        parseTimer ??= Clock.CreateTimer(_ => InBackground("parse", ParseNowAsync), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        parseTimer.Change(ParseDelay, Timeout.InfiniteTimeSpan);
        ScheduleSave();
        StateHasChanged();
    }

    private void ScheduleSave()
    {
        if (conflict is not null)
        {
            return;
        }

        saveTimer ??= Clock.CreateTimer(_ => InBackground("autosave", async () =>
        {
            await SaveAsync();
            StateHasChanged();
        }), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        saveTimer.Change(SaveDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Runs a timer's work on the renderer; nobody awaits it, so what it throws is logged here.</summary>
    private void InBackground(string work, Func<Task> run) => _ = InvokeAsync(async () =>
    {
        try
        {
            await run();
        }
        catch (Exception e) when (!disposed)
        {
            Logger.LogError(e, "The chapter editor's {Work} failed for chapter {ChapterId}", work, ChapterId);
        }
        catch (Exception e)
        {
            Logger.LogDebug(e, "The chapter editor's {Work} for chapter {ChapterId} ended with the page", work, ChapterId);
        }
    });

    private async Task ParseNowAsync()
    {
        if (disposed || buffer.IsPending)
        {
            return;
        }

        Analyse();
        await SendErrorsAsync();
        StateHasChanged();
    }

    /// <param name="known">A parse already made (by the slides view), used when it is of the buffer's text.</param>
    private void Analyse(ParsedScript? known = null)
    {
        analysis = ScriptAnalysis.Of(ParsedScript.For(buffer.Text, known), draft!.CourseSlug, draft.ChapterSlug, draft.Title, draft.Language, L["StudioPreviewBrokenSlide"]);
        if (analysis.Succeeded)
        {
            lastGood = analysis;
        }

        caretSlide = analysis.SlideAtLine(caretLine);
    }

    private Task SendErrorsAsync() =>
        CallAsync("setErrors", [analysis.Errors.Select(e => new { line = e.Line, column = e.Column }).ToArray()]);

    /// <summary>Saves the draft if it changed; a conflict stops autosaving until the author chooses.</summary>
    internal async Task SaveAsync()
    {
        saveTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (disposed || conflict is not null || buffer.IsPending || missing)
        {
            return;
        }

        if (saving)
        {
            saveAgain = true;
            return;
        }

        if (!Dirty)
        {
            return;
        }

        saving = true;
        saveProblem = null;
        StateHasChanged();
        var snapshot = buffer.Text;
        var version = buffer.Version;
        try
        {
            // The store parses the text again: it is the server's side of a trust boundary, and checks every text
            // it is given (from here, the API, a package) rather than trust a parse made elsewhere.
            var result = await Studio.SaveDraftAsync(ChapterId, snapshot, revision, author);
            await ApplySaveResultAsync(result, snapshot, version);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is unreachable for a moment: the text stays here and in the browser's backup.
            Logger.LogWarning(e, "Saving the draft of chapter {ChapterId} failed; the editor keeps the text and tries again", ChapterId);
            saveProblem = L["StudioSaveFailed"];
            saveAgain = true;
        }
        finally
        {
            saving = false;
        }

        if (saveAgain || (Dirty && conflict is null))
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
                Saved(saved.Revision, saved.At, snapshot, version);
                break;
            case SaveResult.Conflict theirs when theirs.TheirText == buffer.Text || theirs.TheirText == snapshot:
                // The "other" save has this very text (this page's background save, or another tab of ours).
                Saved(theirs.TheirRevision, theirs.TheirAt, theirs.TheirText, theirs.TheirText == buffer.Text ? buffer.Version : version);
                break;
            case SaveResult.Conflict theirs:
                await ShowConflictAsync(theirs);
                break;
            case SaveResult.NotFound:
                missing = true;
                break;
        }
    }

    private void Saved(int newRevision, DateTimeOffset at, string text, long version)
    {
        hasDraft |= newRevision != revision; // the same revision back: the text was the published one, nothing kept
        revision = newRevision;
        savedAt = at;
        savedText = text;
        _ = CallAsync("markSaved", newRevision, version);
    }

    private async Task ShowConflictAsync(SaveResult.Conflict theirs)
    {
        saveTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        conflict = theirs;
        conflictDiff = LineDiff.Compare(theirs.TheirText, buffer.Text);
        await CallAsync("setConflict", true);
    }

    // ---- Conflict ------------------------------------------------------------------------------

    /// <summary>Saves this editor's text over theirs, which the author has seen side by side with it.</summary>
    private async Task KeepMineAsync()
    {
        if (conflict is null)
        {
            return;
        }

        var theirs = conflict;
        var snapshot = buffer.Text;
        var version = buffer.Version;
        var result = await Studio.SaveDraftAsync(ChapterId, snapshot, theirs.TheirRevision, author);
        switch (result)
        {
            case SaveResult.Saved saved:
                conflict = null;
                await CallAsync("setConflict", false);
                Saved(saved.Revision, saved.At, snapshot, version);
                if (Dirty)
                {
                    ScheduleSave();
                }

                break;
            case SaveResult.Conflict newer:
                await ShowConflictAsync(newer); // yet another save came in meanwhile: show that one
                break;
            case SaveResult.NotFound:
                conflict = null;
                missing = true;
                break;
        }
    }

    /// <summary>Takes their text into the editor; this editor's text stays on the page, read-only, to copy from.</summary>
    private async Task TakeTheirsAsync()
    {
        if (conflict is null)
        {
            return;
        }

        var theirs = conflict;
        mineCopy = buffer.Text;
        conflict = null;
        await ReplaceTextAsync(theirs.TheirText);
        revision = theirs.TheirRevision;
        savedText = theirs.TheirText;
        savedAt = theirs.TheirAt;
        await CallAsync("setConflict", false);
        await CallAsync("markSaved", revision, buffer.Version);
    }

    /// <summary>The server puts a new text in the editor (slides view, take theirs).</summary>
    private async Task ReplaceTextAsync(string newText, ParsedScript? parsed = null)
    {
        buffer.Replace(newText, buffer.Version);
        if (module is not null)
        {
            try
            {
                var version = await module.InvokeAsync<long>("setText", newText, buffer.Epoch);
                buffer.SetVersion(version);
            }
            catch (JSDisconnectedException)
            {
            }
        }

        Analyse(parsed);
        await SendErrorsAsync();
    }
}
