using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Pyannote.Sdk.Diagnostics;
using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.Together;

/// <summary>
/// One Together AI real-time transcription WebSocket (live-apis.md §2): <c>GET /v1/realtime?model=…&amp;input_audio_format=pcm_s16le_16000</c>
/// with <c>Authorization: Bearer</c> (and <c>OpenAI-Beta: realtime=v1</c>, listed by the streaming guide), wait for
/// <c>session.created</c>, optional <c>transcription_session.updated</c> (the past tense is the vendor's own name for
/// the client message), base64 <c>input_audio_buffer.append</c> text frames, <c>input_audio_buffer.commit</c>. The
/// service never closes on its own, so the client closes once the final <c>completed</c> has arrived.
/// </summary>
internal sealed class TogetherRealtimeConnection : IAsyncDisposable
{
    public const int SampleRate = 16_000;
    private static readonly byte[] AppendPrefix = "{\"type\":\"input_audio_buffer.append\",\"audio\":\""u8.ToArray();
    private static readonly byte[] AppendSuffix = "\"}"u8.ToArray();
    internal static readonly byte[] CommitMessage = """{"type":"input_audio_buffer.commit"}"""u8.ToArray();

    private readonly LiveSocket _socket;
    private readonly Channel<TogetherRealtimeEvent> _events;
    private readonly ReceivedEvents _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<TogetherRealtimeSessionCreated> _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Activity? _activity;
    private readonly Task _receiver;
    private long _samplesSent;
    private long _completions;
    private long _commitsSent;
    private TaskCompletionSource _completionArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _activityArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _turnDetectionOff;

    /// <summary>With server detection on: how long the service must stay quiet after a completion that followed the
    /// final commit before the session is considered finished.</summary>
    internal static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);
    private volatile bool _closing;

    private TogetherRealtimeConnection(LiveSocket socket, TogetherRealtimeOptions options, Activity? activity)
    {
        _socket = socket;
        _activity = activity;
        _turnDetectionOff = options.DisableTurnDetection;
        _events = Channel.CreateBounded<TogetherRealtimeEvent>(new BoundedChannelOptions(options.EventBufferCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _receiver = Task.Run(ReceiveLoopAsync);
    }

    public ChannelReader<TogetherRealtimeEvent> Events => _events.Reader;

    public TimeSpan AudioSent => TimeSpan.FromSeconds(Interlocked.Read(ref _samplesSent) / (double)SampleRate);

    public static Uri RealtimeUrl(Uri endpoint, TogetherRealtimeOptions options)
    {
        var builder = new UriBuilder(new Uri(endpoint, "v1/realtime"))
        {
            Scheme = endpoint.Scheme == Uri.UriSchemeHttp ? "ws" : "wss",
        };
        var query = new StringBuilder();
        query.Append("model=").Append(Uri.EscapeDataString(options.Model));
        query.Append("&input_audio_format=pcm_s16le_16000");
        if (options.DisableTurnDetection)
        {
            query.Append("&turn_detection=none");
        }

        if (!string.IsNullOrWhiteSpace(options.Language))
        {
            query.Append("&language=").Append(Uri.EscapeDataString(options.Language));
        }

        builder.Query = query.ToString();
        return builder.Uri;
    }

    /// <summary>Connects and waits for <c>session.created</c>; then sends the VAD settings, if any.</summary>
    public static async Task<(TogetherRealtimeConnection Connection, TogetherRealtimeSessionCreated Created)> OpenAsync(Uri endpoint, string apiKey, TogetherRealtimeOptions options, CancellationToken cancellationToken)
    {
        var url = RealtimeUrl(endpoint, options);
        var activity = SpeechDiagnostics.ActivitySource.StartActivity("together.realtime", ActivityKind.Client);
        activity?.SetTag(SpeechDiagnostics.Tags.Vendor, SpeechVendor.Together.Key());
        activity?.SetTag(SpeechDiagnostics.Tags.Operation, "together.realtime");
        activity?.SetTag(SpeechDiagnostics.Tags.ServerAddress, url.Host);
        activity?.SetTag("speech.model", options.Model);
        TogetherRealtimeConnection? connection = null;
        try
        {
            var socket = await LiveSocket.ConnectAsync(SpeechVendor.Together, url, o =>
            {
                o.SetRequestHeader("Authorization", "Bearer " + apiKey);
                o.SetRequestHeader("OpenAI-Beta", "realtime=v1");
            }, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            connection = new TogetherRealtimeConnection(socket, options, activity);
            var created = await connection._created.Task.WaitAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("speech.live.session_id", created.SessionId);
            if (options.DisableTurnDetection || options.TurnDetection is not null)
            {
                await socket.SendTextAsync(SessionUpdate(options.DisableTurnDetection ? null : options.TurnDetection), cancellationToken).ConfigureAwait(false);
            }

            return (connection, created);
        }
        catch (Exception e)
        {
            activity?.SetTag(SpeechDiagnostics.Tags.ErrorType, e.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error);
            if (connection is not null)
            {
                await connection.AbortAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                activity?.Dispose();
            }

            if (e is TimeoutException && connection is not null)
            {
                throw new LiveStreamException(SpeechVendor.Together, "no session.created arrived in time", innerException: e);
            }

            throw;
        }
    }

    internal static byte[] SessionUpdate(TogetherTurnDetection? detection)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "transcription_session.updated");
            writer.WriteStartObject("session");
            if (detection is null)
            {
                writer.WriteNull("turn_detection");
            }
            else
            {
                writer.WriteStartObject("turn_detection");
                writer.WriteString("type", "server_vad");
                if (detection.Threshold is { } t)
                {
                    writer.WriteNumber("threshold", t);
                }

                if (detection.MinSilenceDuration is { } a)
                {
                    writer.WriteNumber("min_silence_duration_ms", (long)a.TotalMilliseconds);
                }

                if (detection.MinSpeechDuration is { } b)
                {
                    writer.WriteNumber("min_speech_duration_ms", (long)b.TotalMilliseconds);
                }

                if (detection.MaxSpeechDuration is { } c)
                {
                    writer.WriteNumber("max_speech_duration_s", c.TotalSeconds);
                }

                if (detection.SpeechPad is { } d)
                {
                    writer.WriteNumber("speech_pad_ms", (long)d.TotalMilliseconds);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Sends 16 kHz mono samples as one <c>input_audio_buffer.append</c> (16-bit PCM, base64).</summary>
    public async Task SendAudioAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        var pcm = ArrayPool<byte>.Shared.Rent(samples.Length * 2);
        var message = ArrayPool<byte>.Shared.Rent(AppendPrefix.Length + ((samples.Length * 2 + 2) / 3 * 4) + AppendSuffix.Length);
        try
        {
            PcmConversion.EncodePcm16(samples.Span, pcm);
            AppendPrefix.CopyTo(message, 0);
            System.Buffers.Text.Base64.EncodeToUtf8(pcm.AsSpan(0, samples.Length * 2), message.AsSpan(AppendPrefix.Length), out _, out var written);
            AppendSuffix.CopyTo(message, AppendPrefix.Length + written);
            await _socket.SendTextAsync(message.AsMemory(0, AppendPrefix.Length + written + AppendSuffix.Length), cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _samplesSent, samples.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pcm);
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    /// <summary>Sends <c>input_audio_buffer.commit</c>: the service transcribes what it buffered into a <c>completed</c>.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _commitsSent);
        await _socket.SendTextAsync(CommitMessage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits what is left, waits for the final <c>completed</c> (at most <paramref name="timeout"/>), then closes.
    /// With detection off, every <c>completed</c> answers one commit, so the wait ends exactly when the last commit is
    /// answered. With detection on, segment completions and the commit's completion cannot be told apart (the service
    /// sends no correlation id), so the wait ends once a completion has arrived after the commit and the service has then
    /// been quiet for <see cref="QuietPeriod"/>.
    /// </summary>
    public async Task FinishAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var baseline = Interlocked.Read(ref _completions);
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            while (!_receiver.IsCompleted)
            {
                var arrived = _completionArrived.Task;
                var activity = Volatile.Read(ref _activityArrived).Task;
                var completions = Interlocked.Read(ref _completions);
                if (_turnDetectionOff ? completions >= Interlocked.Read(ref _commitsSent) : completions > baseline)
                {
                    if (_turnDetectionOff)
                    {
                        break;
                    }

                    // Quiet for a while after a completion: the commit has been answered.
                    var quiet = Task.Delay(QuietPeriod, wait.Token);
                    if (await Task.WhenAny(activity, quiet, _receiver).ConfigureAwait(false) == quiet)
                    {
                        await quiet.ConfigureAwait(false);
                        break;
                    }

                    continue;
                }

                await Task.WhenAny(arrived, _receiver).WaitAsync(wait.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No final completed within the timeout: close anyway, keeping what arrived.
        }

        _closing = true;
        await _socket.CloseAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await Task.WhenAny(_receiver, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        _events.Writer.TryComplete();
    }

    public async Task AbortAsync(Exception? reason = null)
    {
        _closing = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _socket.CloseQuicklyAsync(WebSocketCloseStatus.NormalClosure, reason is null ? "client canceled" : "client error").ConfigureAwait(false);
        if (reason is null)
        {
            _events.Writer.TryComplete();
        }
        else
        {
            _events.Writer.TryComplete(reason);
        }
    }

    private LiveStreamException Failure(string message, Exception? inner) =>
        new(SpeechVendor.Together, message, _socket.CloseStatus, _socket.CloseDescription, _received.Snapshot(), _received.Count, AudioSent, inner);

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
                    if (!_closing)
                    {
                        failure = Failure("the service closed the session", null);
                    }

                    break;
                }

                var e = Parse(message.Value.Span);
                if (e is null)
                {
                    continue;
                }

                if (e is TogetherRealtimeSessionCreated created)
                {
                    _created.TrySetResult(created);
                }

                if (e is TogetherRealtimeError { Code: "invalid_api_key" or "missing_api_key" or "model_not_available" } fatal)
                {
                    failure = new SpeechApiException(SpeechVendor.Together, fatal.Code == "model_not_available" ? 400 : 401, fatal.Message, errorCode: fatal.Code);
                    break;
                }

                _received.Add(e);
                await _events.Writer.WriteAsync(e, _stop.Token).ConfigureAwait(false);
                Interlocked.Exchange(ref _activityArrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                if (e is TogetherTranscriptionCompleted or TogetherRealtimeError { IsTranscriptionFailure: true })
                {
                    Interlocked.Increment(ref _completions);
                    Interlocked.Exchange(ref _completionArrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
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
            if (!_closing)
            {
                failure = Failure(e is JsonException ? "the service sent a message that is not valid JSON" : "the connection dropped", e);
            }
        }

        _activity?.SetTag("speech.live.events", _received.Count);
        _activity?.SetTag("speech.live.audio_seconds", AudioSent.TotalSeconds);
        if (failure is not null)
        {
            _activity?.SetTag(SpeechDiagnostics.Tags.ErrorType, failure.GetType().Name);
            _activity?.SetStatus(ActivityStatusCode.Error);
            _created.TrySetException(failure);
            _events.Writer.TryComplete(failure);
        }
        else
        {
            _created.TrySetException(Failure("the session ended before session.created", null));
            _events.Writer.TryComplete();
        }

        _completionArrived.TrySetResult();
        _activityArrived.TrySetResult();
    }

    /// <summary>Parses one server message; unknown types (for example the undocumented
    /// <c>input_audio_buffer.committed</c>) are ignored.</summary>
    internal static TogetherRealtimeEvent? Parse(ReadOnlySpan<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || String(root, "type") is not { } type)
        {
            return null;
        }

        switch (type)
        {
            case "session.created":
                {
                    var session = root.TryGetProperty("session", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
                    return new TogetherRealtimeSessionCreated(
                        session.ValueKind == JsonValueKind.Object ? String(session, "id") : null,
                        session.ValueKind == JsonValueKind.Object ? String(session, "model") : null);
                }

            case "transcription_session.updated":
                {
                    TogetherTurnDetection? detection = null;
                    if (root.TryGetProperty("session", out var s) && s.ValueKind == JsonValueKind.Object
                        && s.TryGetProperty("turn_detection", out var td) && td.ValueKind == JsonValueKind.Object)
                    {
                        detection = new TogetherTurnDetection
                        {
                            Threshold = Number(td, "threshold"),
                            MinSilenceDuration = Number(td, "min_silence_duration_ms") is { } a ? TimeSpan.FromMilliseconds(a) : null,
                            MinSpeechDuration = Number(td, "min_speech_duration_ms") is { } b ? TimeSpan.FromMilliseconds(b) : null,
                            MaxSpeechDuration = Number(td, "max_speech_duration_s") is { } c ? TimeSpan.FromSeconds(c) : null,
                            SpeechPad = Number(td, "speech_pad_ms") is { } d ? TimeSpan.FromMilliseconds(d) : null,
                        };
                    }

                    return new TogetherRealtimeSessionUpdated(detection);
                }

            case "conversation.item.input_audio_transcription.delta":
                // Pipecat reads the text from "transcript"; the vendor and other clients use "delta". Both are accepted.
                return new TogetherTranscriptionDelta(String(root, "delta") ?? String(root, "transcript") ?? string.Empty, String(root, "item_id"), Seconds(root, "start"), Seconds(root, "duration"));
            case "conversation.item.input_audio_transcription.completed":
                return new TogetherTranscriptionCompleted(String(root, "transcript") ?? String(root, "text") ?? string.Empty, String(root, "item_id"), Seconds(root, "start"), Seconds(root, "duration"));
            case "conversation.item.input_audio_transcription.failed":
            case "error":
                {
                    var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
                    var message = String(error, "message") ?? String(root, "message") ?? (error.ValueKind == JsonValueKind.String ? error.GetString() : null) ?? "The service reported an error without a message.";
                    return new TogetherRealtimeError(message, String(error, "code") ?? String(root, "code"), String(error, "type"), String(error, "param"), type != "error");
                }

            default:
                return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;

    private static TimeSpan? Seconds(JsonElement element, string name) => Number(element, name) is { } s && s >= 0 ? TimeSpan.FromSeconds(s) : null;

    public ValueTask DisposeAsync() => LiveSocket.ShutdownAsync(_stop, _receiver, _socket, _activity);
}
