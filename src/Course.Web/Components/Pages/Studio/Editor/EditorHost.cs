using Course.Web.Chapters;
using Course.Web.Studio;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>Where the editor's draft stands, as the save status says it.</summary>
public enum SaveState
{
    /// <summary>No draft: the text is the published one.</summary>
    NoDraft,
    Saved,
    Dirty,
    Saving,

    /// <summary>The last save did not reach the database; it is tried again.</summary>
    Failed,

    /// <summary>Someone else saved meanwhile: both texts wait for the author's choice, nothing is saved.</summary>
    Conflict,

    /// <summary>The chapter is gone.</summary>
    Missing,
}

public static class SaveStates
{
    /// <summary>The first that holds: gone, conflict, saving, failed, unsaved typing, saved draft, no draft.</summary>
    public static SaveState Of(EditorSession session) =>
        session.Missing ? SaveState.Missing
        : session.Conflict is not null ? SaveState.Conflict
        : session.Saving ? SaveState.Saving
        : session.SaveFailed ? SaveState.Failed
        : session.Dirty ? SaveState.Dirty
        : session.Saved is { HasDraft: true, At: not null } ? SaveState.Saved
        : SaveState.NoDraft;
}

/// <summary>What an editor session needs around it: the server's store, the browser's editor, and the renderer.</summary>
public interface IEditorHost
{
    Task<SaveResult> SaveDraftAsync(string text, int revision);

    Task<PublishResult> PublishAsync(int revision);

    /// <summary>Tells the browser what is saved (so its backup and beacon know).</summary>
    Task MarkSavedAsync(int revision, long version);

    Task SetConflictAsync(bool open);

    /// <summary>Puts a text in the browser's editor; answers the browser's edit count, or null without a browser.</summary>
    Task<long?> SetTextAsync(string text, int epoch);

    /// <summary>The text has rested long enough (or was replaced): parse it and show what it says.</summary>
    Task ParseAsync();

    /// <summary>Runs a timer's work in step with the browser's calls, and shows the outcome; nobody awaits it.</summary>
    void RunInBackground(string work, Func<Task> run);

    /// <summary>Something shown changed outside a render (e.g. "Saving…").</summary>
    void StateChanged();
}
