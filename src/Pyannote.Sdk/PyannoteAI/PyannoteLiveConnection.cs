using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Pyannote.Sdk.Diagnostics;
using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>
/// One open pyannoteAI live WebSocket (AsyncAPI "pyannoteAI WebSocket Gateway"): binary frames of exactly 100 ms of
/// 16 kHz mono float32 (6,400 bytes) go out; <c>diarization_speaker_start</c>/<c>_end</c> and <c>error</c> text frames
/// come in and are parsed into a bounded channel by a receive loop that starts before any audio is sent, as the
/// pyannote-audio reference client does. Ending follows the AsyncAPI: <c>{"type":"end_of_stream"}</c>, read until the
/// service closes (1000), then close our side.
/// </summary>
internal sealed class PyannoteLiveConnection : IAsyncDisposable
{
    public const int SampleRate = 16_000;
    public const int FrameSamples = 1_600; // 100 ms
    public const int FrameBytes = FrameSamples * 4;
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(100);
    internal static readonly byte[] EndOfStreamMessage = """{"type":"end_of_stream"}"""u8.ToArray();

    private readonly LiveSocket _socket;
    private readonly Channel<PyannoteLiveEvent> _events;
    private readonly ReceivedEvents _received = new();
    private readonly Parser _parser = new();
    private readonly PyannoteLiveOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _frameBytes = new byte[FrameBytes];
    private readonly Task _receiver;
    private readonly Activity? _activity;
    private long _framesSent;
    private volatile bool _endSent;

    private PyannoteLiveConnection(LiveSocket socket, PyannoteLiveOptions options, Activity? activity)
    {
        _socket = socket;
        _options = options;
        _activity = activity;
        _events = Channel.CreateBounded<PyannoteLiveEvent>(new BoundedChannelOptions(options.EventBufferCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _receiver = Task.Run(ReceiveLoopAsync);
    }

    public ChannelReader<PyannoteLiveEvent> Events => _events.Reader;

    public TimeSpan AudioSent => FrameDuration * Interlocked.Read(ref _framesSent);

    /// <summary>Opens the session URL exactly as given, with no headers and no subprotocol.</summary>
    public static async Task<PyannoteLiveConnection> OpenAsync(PyannoteLiveSession session, PyannoteLiveOptions options, CancellationToken cancellationToken)
    {
        var activity = SpeechDiagnostics.ActivitySource.StartActivity("pyannote.live", ActivityKind.Client);
        activity?.SetTag(SpeechDiagnostics.Tags.Vendor, SpeechVendor.Pyannote.Key());
        activity?.SetTag(SpeechDiagnostics.Tags.Operation, "pyannote.live");
        activity?.SetTag("speech.live.session_id", session.Id);
        activity?.SetTag(SpeechDiagnostics.Tags.ServerAddress, session.Url.Host);
        activity?.SetTag(SpeechDiagnostics.Tags.UrlFull, LiveRedaction.Url(session.Url));
        try
        {
            var socket = await LiveSocket.ConnectAsync(SpeechVendor.Pyannote, session.Url, null, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            return new PyannoteLiveConnection(socket, options, activity);
        }
        catch (Exception e)
        {
            activity?.SetTag(SpeechDiagnostics.Tags.ErrorType, e.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error);
            activity?.Dispose();
            throw;
        }
    }

    /// <summary>Sends one 100 ms frame (1,600 samples).</summary>
    public async Task SendFrameAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        Debug.Assert(samples.Length == FrameSamples);
        PcmConversion.EncodeFloat32(samples.Span, _frameBytes);
        await _socket.SendBinaryAsync(_frameBytes, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _framesSent);
    }

    /// <summary>Sends <c>end_of_stream</c>; the service then emits its last events and closes.</summary>
    public async Task SendEndOfStreamAsync(CancellationToken cancellationToken)
    {
        _endSent = true;
        await _socket.SendTextAsync(EndOfStreamMessage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the service to close after <c>end_of_stream</c> (at most <see cref="PyannoteLiveOptions.CloseTimeout"/>),
    /// then completes the close handshake.</summary>
    public async Task FinishAsync()
    {
        var closed = await Task.WhenAny(_receiver, Task.Delay(_options.CloseTimeout)).ConfigureAwait(false) == _receiver;
        if (!closed)
        {
            _events.Writer.TryComplete();
        }

        await _socket.CloseAsync(LiveSocket.CancelCloseBudget * 10).ConfigureAwait(false);
    }

    /// <summary>Ends the session at once: a close frame if it goes out within 100 ms, then abort.</summary>
    public async Task AbortAsync(Exception? reason)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _socket.CloseQuicklyAsync(WebSocketCloseStatus.NormalClosure, reason is null ? "client canceled" : "client error").ConfigureAwait(false);
        if (reason is not null)
        {
            _events.Writer.TryComplete(reason);
        }
        else
        {
            _events.Writer.TryComplete();
        }
    }

    public LiveStreamException Failure(string message, Exception? inner) =>
        new(SpeechVendor.Pyannote, message, _socket.CloseStatus, _socket.CloseDescription, _received.Snapshot(), _received.Count, AudioSent, inner);

    private async Task ReceiveLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var message = await _socket.ReceiveTextAsync(_stop.Token).ConfigureAwait(false);
                if (message is null)
                {
                    break;
                }

                if (_parser.Parse(message.Value.Span) is { } e)
                {
                    _received.Add(e);
                    await _events.Writer.WriteAsync(e, _stop.Token).ConfigureAwait(false);
                }
            }

            var status = _socket.CloseStatus;
            if (status != (int)WebSocketCloseStatus.NormalClosure)
            {
                failure = Failure(_endSent ? "the service closed the session abnormally" : "the service closed the session before the end of the audio", null);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (LiveStreamException e)
        {
            failure = e;
        }
        catch (Exception e) when (e is WebSocketException or JsonException or IOException or ObjectDisposedException)
        {
            failure = Failure(e is JsonException ? "the service sent a message that is not valid JSON" : "the connection dropped", e);
        }

        _activity?.SetTag("speech.live.events", _received.Count);
        _activity?.SetTag("speech.live.audio_seconds", AudioSent.TotalSeconds);
        if (_socket.CloseStatus is { } code)
        {
            _activity?.SetTag("websocket.close.code", code);
        }

        if (failure is not null)
        {
            _activity?.SetTag(SpeechDiagnostics.Tags.ErrorType, failure.GetType().Name);
            _activity?.SetStatus(ActivityStatusCode.Error);
            _events.Writer.TryComplete(failure);
        }
        else
        {
            _events.Writer.TryComplete();
        }
    }

    /// <summary>Reads server messages; pairs each end with the pending start of the same speaker.</summary>
    internal sealed class Parser
    {
        private readonly Dictionary<string, Stack<TimeSpan>> _open = new(StringComparer.Ordinal);

        /// <summary>Parses one server message; unknown types are ignored (the protocol is in beta).</summary>
        public PyannoteLiveEvent? Parse(ReadOnlySpan<byte> utf8)
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            switch (type.GetString())
            {
                case "diarization_speaker_start":
                case "diarization_speaker_end":
                    {
                        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                            || !data.TryGetProperty("speaker", out var speakerElement) || speakerElement.ValueKind != JsonValueKind.String
                            || !data.TryGetProperty("timestamp", out var timestampElement) || !timestampElement.TryGetDouble(out var seconds)
                            || !double.IsFinite(seconds) || seconds < 0)
                        {
                            throw new JsonException("A speaker event lacks data.speaker or a valid data.timestamp.");
                        }

                        var speaker = speakerElement.GetString()!;
                        var time = TimeSpan.FromSeconds(seconds);
                        if (type.ValueEquals("diarization_speaker_start"u8))
                        {
                            if (!_open.TryGetValue(speaker, out var starts))
                            {
                                _open[speaker] = starts = new Stack<TimeSpan>();
                            }

                            if (starts.Count < 64)
                            {
                                starts.Push(time);
                            }

                            return new PyannoteSpeakerStarted(speaker, time);
                        }

                        TimeSpan? start = _open.TryGetValue(speaker, out var pending) && pending.Count > 0 ? pending.Pop() : null;
                        return new PyannoteSpeakerEnded(speaker, time, start);
                    }

                case "error":
                    return new PyannoteLiveError(root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : root.GetRawText());
                default:
                    return null;
            }
        }
    }

    public ValueTask DisposeAsync() => LiveSocket.ShutdownAsync(_stop, _receiver, _socket, _activity);
}
