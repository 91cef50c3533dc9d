using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Course.Web.Tests.Infrastructure;

namespace Course.Web.Tests.Operations;

/// <summary>
/// One client opening circuits in a loop: the live connections to the circuit hub (<c>/_blazor</c>, as the
/// browser's Blazor script opens them: negotiate, then a WebSocket) are capped per address (and per account).
/// </summary>
public sealed class CircuitLimitTests : IDisposable
{
    private readonly CourseAppFactory app = CourseAppFactory.With(new Dictionary<string, string?>
    {
        ["RateLimits:CircuitsPerAddress"] = "3",
        ["RateLimits:CircuitsPerUser"] = "3",
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_client_holding_the_cap_is_refused_a_further_circuit_with_429_until_one_closes()
    {
        var open = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var (socket, status) = await ConnectAsync();
                Assert.True(socket is not null, $"circuit {i + 1} of 3 was refused with {status}");
                open.Add(socket);
            }

            var (refused, refusedStatus) = await ConnectAsync();
            Assert.Null(refused);
            Assert.Equal(HttpStatusCode.TooManyRequests, refusedStatus);

            // Pages without a circuit still load for this client.
            using var http = app.CreateHttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/courses/ai-engineering")).StatusCode);

            // One closed: the next is allowed again.
            await open[0].CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            open[0].Dispose();
            open.RemoveAt(0);
            var (again, againStatus) = await ConnectUntilAllowedAsync();
            Assert.True(again is not null, $"after one closed, a circuit was still refused with {againStatus}");
            open.Add(again);
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }
    }

    /// <summary>A closed socket's permit is given back once the server sees the close: try for a few seconds.</summary>
    private async Task<(ClientWebSocket? Socket, HttpStatusCode? Status)> ConnectUntilAllowedAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await ConnectAsync();
            if (result.Socket is not null || attempt == 50)
            {
                return result;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>What blazor.web.js does to start a circuit's connection: negotiate, then open the WebSocket.</summary>
    private async Task<(ClientWebSocket? Socket, HttpStatusCode? Status)> ConnectAsync()
    {
        using var http = app.CreateHttpClient();
        using var negotiate = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        if (!negotiate.IsSuccessStatusCode)
        {
            return (null, negotiate.StatusCode);
        }

        using var body = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("connectionToken").GetString();
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var address = new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = "/_blazor", Query = "id=" + Uri.EscapeDataString(token!) }.Uri;
        try
        {
            await socket.ConnectAsync(address, CancellationToken.None);
            return (socket, null);
        }
        catch (WebSocketException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            return (null, status);
        }
    }
}
