using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Course.Load.Protocol;

/// <summary>A connection to a Blazor Server hub as blazor.web.js opens it: "_blazor", WebSockets, blazorpack.</summary>
public static class BlazorHub
{
    public static HubConnection Build(Uri baseUri, CookieContainer cookies, IPAddress? localAddress = null)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "_blazor"), options =>
        {
            options.Cookies = cookies; // the negotiation and the WebSocket carry the learner's sign-in cookie
            options.Transports = HttpTransportType.WebSockets;
            options.Headers["Accept-Language"] = "en";
            if (localAddress is not null)
            {
                SourceAddress.Apply(options, cookies, localAddress);
            }
        });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol()); // the last IHubProtocol registered wins
        if (Course.Load.BlazorCircuit.Trace is not null)
        {
            builder.Services.AddLogging(logging => logging.AddProvider(new TraceLogger()).SetMinimumLevel(LogLevel.Warning));
        }

        return builder.Build();
    }

    /// <summary>What blazor.web.js sends when its page goes away (navigator.sendBeacon): the circuit can be released now.</summary>
    public static async Task SendDisconnectBeaconAsync(HttpClient http, Uri baseUri, string circuitSecret)
    {
        try
        {
            using var form = new MultipartFormDataContent { { new StringContent(circuitSecret), "circuitId" } };
            using var response = await http.PostAsync(new Uri(baseUri, "_blazor/disconnect"), form);
            Course.Load.BlazorCircuit.Trace?.Invoke($"-> disconnect beacon: {(int)response.StatusCode}");
        }
        catch (HttpRequestException)
        {
            // The server is gone; nothing is left to release.
        }
    }
}
