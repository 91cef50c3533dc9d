using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Load.Protocol;

/// <summary>
/// What this client answers when the server calls the browser ("JS.BeginInvokeJS"), as blazor.web.js's
/// dispatcher would: the renderer's interop object is kept, modules are imported as object references, the
/// player's settings are "none saved", and every other call succeeds with no value. Unanswered calls stall a circuit.
/// </summary>
public static class JsInterop
{
    /// <summary>JSCallResultType.JSObjectReference: the caller expects {"__jsObjectId": n}.</summary>
    private const int ObjectReference = 1;

    /// <returns>The call's result, and the renderer interop object's id when this call attaches the renderer.</returns>
    public static (JsonNode? Result, long? RendererInterop) Answer(string identifier, string argsJson, int resultType, long targetInstanceId, Func<long> nextObjectId)
    {
        switch (identifier)
        {
            case "Blazor._internal.attachWebRendererInterop":
                // [rendererId, {"__dotNetObject": id}, jsComponentParameters, jsComponentInitializers]
                return (null, JsonNode.Parse(argsJson)![1]!["__dotNetObject"]!.GetValue<long>());
            case "start" when targetInstanceId != 0:
                return (new JsonObject { ["narration"] = false, ["speed"] = 1 }, null); // player.js's start(): saved settings
        }

        return (resultType == ObjectReference ? new JsonObject { ["__jsObjectId"] = nextObjectId() } : null, null);
    }

    /// <summary>
    /// The arguments of the renderer's "DispatchEventAsync" as the browser's EventDispatcher sends them:
    /// [{eventHandlerId, eventName, eventFieldInfo}, eventArgs]; eventFieldInfo carries a form field's new
    /// value and the component that rendered it (EventFieldInfo.fromEvent), else null.
    /// </summary>
    public static string EventArguments(ulong handler, string eventName, int componentId, object eventArgs, object? fieldValue) =>
        new JsonArray(
            new JsonObject
            {
                ["eventHandlerId"] = handler,
                ["eventName"] = eventName,
                ["eventFieldInfo"] = fieldValue is null ? null : new JsonObject
                {
                    ["componentId"] = componentId,
                    ["fieldValue"] = JsonValue.Create(fieldValue),
                },
            },
            JsonSerializer.SerializeToNode(eventArgs)).ToJsonString();
}
