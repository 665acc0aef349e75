using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>WebSocket helpers shared by the emulator's live endpoints.</summary>
internal static class LiveWire
{
    public const int MaxMessageBytes = 4 << 20;

    public sealed record Message(WebSocketMessageType Type, byte[] Buffer, int Length)
    {
        public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

        public string Text => Encoding.UTF8.GetString(Buffer, 0, Length);
    }

    /// <summary>Reads one whole message (null on close). Messages over <see cref="MaxMessageBytes"/> close the socket with 1009.</summary>
    public static async Task<Message?> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxMessageBytes)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big", CancellationToken.None).ConfigureAwait(false);
                    return null;
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return new Message(result.MessageType, buffer, length);
            }
        }
    }

    public static Task SendJsonAsync(WebSocket socket, JsonNode message, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);

    public static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseAsync(status, reason, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                socket.Abort();
            }
        }
    }
}
