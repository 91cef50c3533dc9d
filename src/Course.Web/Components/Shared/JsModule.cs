using Microsoft.JSInterop;

namespace Course.Web.Components.Shared;

/// <summary>
/// A browser-side JavaScript module a component talks to. Calls made after the browser went away (the
/// circuit closed, the page left) are dropped: the server's state stays right either way.
/// </summary>
public sealed class JsModule(IJSObjectReference module) : IAsyncDisposable
{
    /// <summary>Imports a module by its (fingerprinted) address, e.g. <c>Assets["js/studio.js"]</c>.</summary>
    public static async Task<JsModule> ImportAsync(IJSRuntime js, string address) =>
        // "./" makes the import resolve against the page's base address, not blazor.web.js's folder.
        new(await js.InvokeAsync<IJSObjectReference>("import", $"./{address}"));

    /// <summary>Calls a function and waits for its answer; a disconnected browser throws, as with any JS call.</summary>
    public ValueTask<T> InvokeAsync<T>(string identifier, params object?[] args) => module.InvokeAsync<T>(identifier, args);

    /// <summary>Calls a function unless the browser is gone.</summary>
    public async Task CallAsync(string identifier, params object?[] args)
    {
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
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
