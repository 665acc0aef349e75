using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace Pyannote.Sdk.Live;

/// <summary>
/// The WebSocket plumbing every live protocol shares: connecting with the vendor's status on a refused handshake,
/// serialised sends, bounded text-message reads, the close handshake in the order the vendors expect, and a fast,
/// clean teardown on cancellation. Never logs or exposes the URL.
/// </summary>
internal sealed class LiveSocket : IAsyncDisposable
{
    /// <summary>Largest text message accepted from a vendor; a bigger one ends the session.</summary>
    public const int MaxMessageBytes = 1 << 20;

    /// <summary>How long a cancellation waits for the close frame to go out before the socket is aborted.</summary>
    public static readonly TimeSpan CancelCloseBudget = TimeSpan.FromMilliseconds(100);

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly SpeechVendor _vendor;
    private byte[] _receiveBuffer = new byte[8192];

    private LiveSocket(ClientWebSocket socket, SpeechVendor vendor)
    {
        _socket = socket;
        _vendor = vendor;
    }

    public WebSocketState State => _socket.State;

    public int? CloseStatus => _socket.CloseStatus is { } s ? (int)s : null;

    public string? CloseDescription => _socket.CloseStatusDescription;

    /// <summary>Opens the socket. A handshake the server refuses with an HTTP status becomes <see cref="SpeechApiException"/>.</summary>
    public static async Task<LiveSocket> ConnectAsync(SpeechVendor vendor, Uri url, Action<ClientWebSocketOptions>? configure, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(url, timeout.Token).ConfigureAwait(false);
            return new LiveSocket(socket, vendor);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            var status = (int)socket.HttpStatusCode;
            var headers = socket.HttpResponseHeaders;
            socket.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            if (e is OperationCanceledException)
            {
                throw new TimeoutException($"{vendor.DisplayName()} live session: the WebSocket did not open within {connectTimeout.TotalSeconds:0.#} s.", e);
            }

            if (status is >= 400 and < 600)
            {
                string? requestId = null;
                if (headers is not null)
                {
                    foreach (var name in VendorDescriptor.For(vendor).RequestIdHeaders)
                    {
                        if (headers.TryGetValue(name, out var values) && values.FirstOrDefault() is { Length: > 0 } id)
                        {
                            requestId = id;
                            break;
                        }
                    }
                }

                throw new SpeechApiException(vendor, status, HandshakeMessage(status), requestId, innerException: e);
            }

            throw new LiveStreamException(vendor, "the WebSocket connection could not be opened", innerException: e);
        }
    }

    private static string HandshakeMessage(int status) => status switch
    {
        401 => "The WebSocket handshake was refused: missing or invalid credentials.",
        403 => "The WebSocket handshake was refused (forbidden; a single-use session URL that was already used or has expired is refused this way).",
        404 => "The WebSocket handshake was refused: no such session.",
        _ => $"The WebSocket handshake was refused with HTTP {status.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({(HttpStatusCode)status}).",
    };

    public async Task SendBinaryAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task SendTextAsync(string text, CancellationToken cancellationToken) => SendTextAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>Reads the next text message; binary messages are skipped. Returns <see langword="null"/> when the server
    /// sent its close frame.</summary>
    /// <exception cref="LiveStreamException">A message is larger than <see cref="MaxMessageBytes"/>.</exception>
    public async Task<ReadOnlyMemory<byte>?> ReceiveTextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var length = 0;
            WebSocketReceiveResult result;
            do
            {
                if (length == _receiveBuffer.Length)
                {
                    if (_receiveBuffer.Length >= MaxMessageBytes)
                    {
                        throw new LiveStreamException(_vendor, $"the server sent a message larger than {MaxMessageBytes / 1024} KiB");
                    }

                    Array.Resize(ref _receiveBuffer, Math.Min(MaxMessageBytes, _receiveBuffer.Length * 2));
                }

                result = await _socket.ReceiveAsync(new ArraySegment<byte>(_receiveBuffer, length, _receiveBuffer.Length - length), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Text)
            {
                return _receiveBuffer.AsMemory(0, length);
            }
        }
    }

    /// <summary>Completes the close handshake after the server's close frame (or starts it), waiting at most <paramref name="timeout"/>.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }

    /// <summary>Sends a close frame with <paramref name="status"/> if it goes out within <see cref="CancelCloseBudget"/>, then aborts.</summary>
    public async Task CloseQuicklyAsync(WebSocketCloseStatus status, string? reason)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var cts = new CancellationTokenSource(CancelCloseBudget);
            try
            {
                await _socket.CloseOutputAsync(status, reason, cts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }

        _socket.Abort();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _sendLock.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The one teardown of a live connection: stops its receive loop, waits for it (its cancellation or a
    /// closed event channel is the expected ending), then disposes the socket, the stop token and the session span.</summary>
    public static async ValueTask ShutdownAsync(CancellationTokenSource stop, Task receiver, LiveSocket socket, System.Diagnostics.Activity? activity)
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await receiver.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
        }

        await socket.DisposeAsync().ConfigureAwait(false);
        stop.Dispose();
        activity?.Dispose();
    }
}

/// <summary>Keeps the most recent events of a session for <see cref="LiveStreamException"/>, bounded.</summary>
internal sealed class ReceivedEvents
{
    private readonly Queue<LiveEvent> _events = new();
    private readonly object _gate = new();

    public long Count { get; private set; }

    public void Add(LiveEvent e)
    {
        lock (_gate)
        {
            Count++;
            _events.Enqueue(e);
            if (_events.Count > LiveStreamException.MaxKeptEvents)
            {
                _events.Dequeue();
            }
        }
    }

    public IReadOnlyList<LiveEvent> Snapshot()
    {
        lock (_gate)
        {
            return _events.ToArray();
        }
    }
}

/// <summary>Shortens URLs of live sessions for messages and spans: scheme, host and port only, because the rest of a
/// single-use session URL (path or query) may carry its token.</summary>
internal static class LiveRedaction
{
    public static string Url(Uri url) => $"{url.Scheme}://{url.Authority}/[redacted]";
}
