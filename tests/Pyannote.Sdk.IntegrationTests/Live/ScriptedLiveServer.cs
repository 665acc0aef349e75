using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pyannote.Sdk.IntegrationTests.Live;

/// <summary>A WebSocket server on 127.0.0.1 that records every message a client sends, answers <c>end_of_stream</c>
/// with a scripted list of events and a 1000 close, and records whether the client's close came after its own.</summary>
internal sealed class ScriptedLiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Entry, byte[]? Bytes)> _log = [];

    private ScriptedLiveServer(WebApplication app) => _app = app;

    public Uri HttpBase { get; private set; } = null!;

    public Uri SocketUrl { get; private set; } = null!;

    public bool SawAuthorizationHeader { get; private set; }

    public string? SubProtocol { get; private set; }

    public IReadOnlyList<(string Entry, byte[]? Bytes)> Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToList();
            }
        }
    }

    public static async Task<ScriptedLiveServer> StartAsync(params string[] eventsAtEnd)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedLiveServer(app);
        app.UseWebSockets();
        app.Map("/socket", async context =>
        {
            server.SawAuthorizationHeader = context.Request.Headers.ContainsKey("Authorization");
            server.SubProtocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault();
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[65536];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    server.Add("client closed first", null);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                var bytes = buffer.AsSpan(0, result.Count).ToArray();
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    server.Add($"binary {result.Count}", bytes);
                    continue;
                }

                server.Add("text " + Encoding.UTF8.GetString(bytes), bytes);
                foreach (var e in eventsAtEnd)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(e), WebSocketMessageType.Text, true, CancellationToken.None);
                }

                server.Add("server close sent", null);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                var reply = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (reply.MessageType == WebSocketMessageType.Close)
                {
                    server.Add("client close received", null);
                }

                return;
            }
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        server.HttpBase = new Uri($"http://127.0.0.1:{address.Port}/");
        server.SocketUrl = new Uri($"ws://127.0.0.1:{address.Port}/socket?token=secret-token");
        return server;
    }

    private void Add(string entry, byte[]? bytes)
    {
        lock (_log)
        {
            _log.Add((entry, bytes));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
