using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace Course.Load.Protocol;

/// <summary>
/// Connections that leave from a chosen local address. A proxy that keeps each client on one instance by its
/// address (nginx's ip_hash, as in deploy/nginx/nginx.conf) sends every learner of a one-machine run to the same
/// instance; learners spread over several loopback addresses (127.0.1.1, 127.0.2.1, …: ip_hash reads the first
/// three octets) reach both, as a class of phones would. Every connection of a learner (pages, the hub's
/// negotiation and its WebSocket) leaves from the same address, so they all reach the same instance.
/// </summary>
public static class SourceAddress
{
    public static SocketsHttpHandler Handler(CookieContainer cookies, IPAddress? local) => new()
    {
        CookieContainer = cookies,
        AllowAutoRedirect = false,
        ConnectCallback = local is null ? null : (context, cancellation) => ConnectFromAsync(local, context.DnsEndPoint, cancellation),
    };

    /// <summary>Makes the hub connection negotiate and open its WebSocket from <paramref name="local"/>.</summary>
    public static void Apply(HttpConnectionOptions options, CookieContainer cookies, IPAddress local)
    {
        options.HttpMessageHandlerFactory = _ => Handler(cookies, local);
        options.WebSocketFactory = async (context, cancellation) =>
        {
            var socket = new ClientWebSocket();
            foreach (var (name, value) in context.Options.Headers)
            {
                socket.Options.SetRequestHeader(name, value);
            }

            try
            {
                // The handler carries the cookie jar: ClientWebSocket's own Cookies option cannot go with an invoker.
                await socket.ConnectAsync(context.Uri, new HttpMessageInvoker(Handler(cookies, local)), cancellation);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress local, DnsEndPoint remote, CancellationToken cancellation)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(remote, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
