using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Course.Load.Protocol;
using Course.Load.Rendering;
using Microsoft.AspNetCore.SignalR.Client;

namespace Course.Load;

/// <summary>
/// One page's live Blazor Server circuit, driven the way blazor.web.js drives it (Platform/Circuits/CircuitManager.ts):
/// StartCircuit with the page's persisted state, the renderer's interop object from
/// "Blazor._internal.attachWebRendererInterop", UpdateRootComponents from the page's markers, every render
/// batch applied and acknowledged in order (OnRenderCompleted), every JS call answered (EndInvokeJSFromDotNet),
/// and events dispatched through the renderer's "DispatchEventAsync" (BeginInvokeDotNetFromJS), as the browser's
/// EventDispatcher does; the hub has no event method of its own since .NET 8.
/// </summary>
public sealed class BlazorCircuit : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly HttpClient http;
    private readonly Uri baseUri;
    private readonly object gate = new();
    private readonly EffectWaiters waiters = new(); // under gate
    private readonly Dictionary<string, TaskCompletionSource> dispatches = [];
    private readonly TaskCompletionSource<long> rendererAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long nextBatchId = 2; // as blazor.web.js's RenderQueue starts
    private long nextCallId;
    private long nextJsObjectId = 1;
    private string? secret;
    private volatile bool closing; // the page is being left: like an unloading page, answer nothing more

    private BlazorCircuit(HttpClient http, CookieContainer cookies, Uri baseUri, IPAddress? localAddress)
    {
        this.http = http;
        this.baseUri = baseUri;
        connection = BlazorHub.Build(baseUri, cookies, localAddress);
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        connection.On<string, bool, string>("JS.EndInvokeDotNet", OnEndInvokeDotNet);
        connection.On<int, string>("JS.AttachComponent", (componentId, _) => { lock (gate) { Dom.AttachRoot(componentId); } });
        connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        connection.On<string>("JS.Error", error =>
        {
            if (!closing)
            {
                Fail($"the server reported a circuit error: {error}");
            }
        });
        connection.Closed += error =>
        {
            if (!closing)
            {
                Fail($"the connection closed{(error is null ? "" : ": " + error.Message)}");
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Receives a line per message in and out when set (COURSE_LOAD_TRACE=1 sets it to stderr).</summary>
    public static Action<string>? Trace { get; set; } =
        Environment.GetEnvironmentVariable("COURSE_LOAD_TRACE") == "1" ? line => Console.Error.WriteLine(line) : null;

    /// <summary>The page as the circuit has rendered it. Read it under <see cref="Read{T}"/>.</summary>
    public ClientDom Dom { get; } = new();

    /// <summary>Why the circuit is unusable, once it is.</summary>
    public string? Failure { get; private set; }

    /// <summary>Fetches the prerendered page, connects and starts its interactive components.</summary>
    public static async Task<BlazorCircuit> OpenAsync(HttpClient http, CookieContainer cookies, Uri page, CancellationToken cancellation, IPAddress? localAddress = null)
    {
        using var response = await http.GetAsync(page, cancellation);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new LoadException($"GET {page.PathAndQuery} answered {(int)response.StatusCode}");
        }

        var markers = PageMarkers.Parse(await response.Content.ReadAsStringAsync(cancellation));
        if (markers.ServerComponents.Count == 0)
        {
            throw new LoadException($"GET {page.PathAndQuery}: the page has no interactive server component");
        }

        return await StartAsync(http, cookies, page, markers, cancellation, localAddress);
    }

    /// <summary>
    /// Connects with <paramref name="cookies"/> and starts the components <paramref name="markers"/> describe, wherever
    /// they were fetched: the authorization tests replay markers served to someone else.
    /// </summary>
    public static async Task<BlazorCircuit> StartAsync(HttpClient http, CookieContainer cookies, Uri page, PageMarkers markers, CancellationToken cancellation, IPAddress? localAddress = null)
    {
        var circuit = new BlazorCircuit(http, cookies, new Uri(page, markers.BaseHref), localAddress);
        try
        {
            await circuit.StartAsync(page, markers, cancellation);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(Uri page, PageMarkers markers, CancellationToken cancellation)
    {
        Trace?.Invoke($"connecting {baseUri}_blazor for {page.PathAndQuery} ({markers.ServerComponents.Count} component(s))");
        await connection.StartAsync(cancellation);
        secret = await connection.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), page.ToString(), "[]", markers.ApplicationState, cancellation);
        if (string.IsNullOrEmpty(secret))
        {
            throw new LoadException($"{page.PathAndQuery}: StartCircuit was refused ({Failure ?? "no reason given"})");
        }

        try
        {
            await rendererAttached.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellation);
        }
        catch (TimeoutException)
        {
            throw new LoadException($"{page.PathAndQuery}: the server never attached its renderer (30 s)");
        }

        await connection.SendAsync("UpdateRootComponents", markers.AddOperations(), markers.ApplicationState, cancellation);
    }

    public T Read<T>(Func<ClientDom, T> read)
    {
        lock (gate)
        {
            return read(Dom);
        }
    }

    /// <summary>Waits until the page satisfies <paramref name="condition"/>; returns the time from
    /// <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) to the render batch that made it true.</summary>
    public async Task<TimeSpan> WaitForAsync(Func<ClientDom, bool> condition, long since, TimeSpan timeout, string what)
    {
        Task<TimeSpan> done;
        lock (gate)
        {
            if (Failure is not null)
            {
                throw new LoadException(Failure);
            }

            done = waiters.Add(Dom, condition, since);
        }

        try
        {
            return await done.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new LoadException($"{what}: no render batch showed it within {timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// Dispatches a browser event to the handler the element carries, as EventDispatcher does. Returns when it
    /// was sent (a <see cref="Stopwatch"/> timestamp) and a task that completes when the server has handled it;
    /// the render batches the handler caused arrive before that.
    /// </summary>
    /// <param name="fieldValue">For input, change and select events: the element's new value (eventFieldInfo).</param>
    public async Task<(long Sent, Task Handled)> DispatchAsync(DomNode element, string eventName, object eventArgs, object? fieldValue = null)
    {
        ulong handler;
        long interop;
        lock (gate)
        {
            if (Failure is not null)
            {
                throw new LoadException(Failure);
            }

            if (!element.Handlers.TryGetValue(eventName, out handler))
            {
                throw new LoadException($"{element} has no {eventName} handler");
            }

            interop = rendererAttached.Task.Result;
        }

        var args = JsInterop.EventArguments(handler, eventName, element.ComponentId, eventArgs, fieldValue);
        var callId = Interlocked.Increment(ref nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            dispatches[callId] = handled;
        }

        Trace?.Invoke($"-> DispatchEventAsync {args}");
        var sent = Stopwatch.GetTimestamp();
        await connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", interop, args);
        return (sent, handled.Task);
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var arrived = Stopwatch.GetTimestamp();
        Trace?.Invoke($"<- RenderBatch {batchId} ({data.Length} bytes)");
        string? error = null;
        lock (gate)
        {
            // As blazor.web.js's RenderQueue: a batch already applied is acknowledged again, one from the
            // future waits for the server to resend it, and the next one is applied.
            if (batchId > nextBatchId)
            {
                return;
            }

            if (batchId == nextBatchId)
            {
                try
                {
                    Dom.Apply(new RenderBatchReader(data));
                    nextBatchId++;
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException)
                {
                    error = e.Message;
                }

                waiters.Resolve(Dom, arrived);
            }
        }

        if (!closing)
        {
            await connection.SendAsync("OnRenderCompleted", batchId, error);
        }

        if (error is not null)
        {
            Fail($"render batch {batchId} could not be applied: {error}");
        }
    }


    // .NET 10 sends the call type last (function call, constructor, property get or set): only calls come here.
    private async Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        Trace?.Invoke($"<- BeginInvokeJS {asyncHandle} {identifier} {argsJson} (result type {resultType}, target {targetInstanceId}, call type {callType})");
        var (result, interop) = JsInterop.Answer(identifier, argsJson, resultType, targetInstanceId, () => Interlocked.Increment(ref nextJsObjectId));
        if (interop is { } id)
        {
            rendererAttached.TrySetResult(id);
        }

        if (asyncHandle != 0 && !closing)
        {
            var reply = new JsonArray(asyncHandle, true, result).ToJsonString();
            await connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, reply);
        }
    }

    private void OnEndInvokeDotNet(string callId, bool success, string resultOrError)
    {
        Trace?.Invoke($"<- EndInvokeDotNet {callId} {success} {resultOrError}");
        TaskCompletionSource? handled;
        lock (gate)
        {
            dispatches.Remove(callId, out handled);
        }

        if (!success)
        {
            Fail($"event dispatch {callId} failed on the server: {resultOrError}");
        }

        handled?.TrySetResult();
    }

    private void Fail(string reason)
    {
        Trace?.Invoke($"!! {reason}");
        lock (gate)
        {
            Failure ??= reason;
            waiters.FailAll(new LoadException(reason));
            foreach (var dispatch in dispatches.Values)
            {
                dispatch.TrySetException(new LoadException(reason));
            }

            dispatches.Clear();
        }

        rendererAttached.TrySetException(new LoadException(reason));
    }

    /// <summary>Leaves the page: tells the server the circuit can go (blazor.web.js's disconnect beacon), then hangs up.</summary>
    public async ValueTask DisposeAsync()
    {
        closing = true;
        if (secret is not null && Failure is null)
        {
            await BlazorHub.SendDisconnectBeaconAsync(http, baseUri, secret);
        }

        await connection.DisposeAsync();
    }
}
