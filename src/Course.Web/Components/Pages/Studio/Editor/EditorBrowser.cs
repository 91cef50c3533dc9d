using Course.Core.Scripts;
using Course.Web.Components.Shared;
using Course.Web.Studio;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// The editor's browser side (studio.js's editor functions): the textarea with its line marks, the local
/// backup and the background save on closing. Every call is dropped once the browser is gone.
/// </summary>
public sealed class EditorBrowser(JsModule module) : IAsyncDisposable
{
    /// <summary>Starts studio.js's editor on the page's textarea; answers what it found, if anything.</summary>
    public static async Task<(EditorBrowser Browser, TimeZoneInfo? Zone, DateTimeOffset? BackupAt)> StartAsync<T>(
        IJSRuntime js, string address, DotNetObjectReference<T> editor, ElementReference textarea, ElementReference mirror,
        int chapterId, int revision, int epoch, int length) where T : class
    {
        var module = await JsModule.ImportAsync(js, address);
        var started = await module.InvokeAsync<ChapterEditor.EditorStart?>("startEditor", editor, textarea, mirror, new
        {
            chapterId,
            draftUrl = StudioLinks.Draft(chapterId),
            revision,
            epoch,
            length,
        });
        TimeZoneInfo? zone = null;
        DateTimeOffset? backupAt = null;
        if (started is not null)
        {
            zone = TimeZoneInfo.TryFindSystemTimeZoneById(started.TimeZone ?? "UTC", out var found) ? found : null;
            backupAt = started.BackupAt > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(started.BackupAt) : null;
        }

        return (new EditorBrowser(module), zone, backupAt);
    }

    public Task MarkSavedAsync(int revision, long version) => module.CallAsync("markSaved", revision, version);

    public Task SetConflictAsync(bool open) => module.CallAsync("setConflict", open);

    public Task SetErrorsAsync(IEnumerable<ScriptError> errors) =>
        module.CallAsync("setErrors", [errors.Select(e => new { line = e.Line, column = e.Column }).ToArray()]);

    public Task MoveCaretAsync(int line, int column) => module.CallAsync("moveCaret", line, column);

    public Task RestoreBackupAsync() => module.CallAsync("restoreBackup");

    public Task DiscardBackupAsync() => module.CallAsync("discardBackup");

    /// <summary>Puts a text in the textarea; answers the browser's edit count, or null when the browser is gone.</summary>
    public async Task<long?> SetTextAsync(string text, int epoch)
    {
        try
        {
            return await module.InvokeAsync<long>("setText", text, epoch);
        }
        catch (JSDisconnectedException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await module.CallAsync("stopEditor");
        await module.DisposeAsync();
    }
}
