using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Pyannote.Sdk.Generated.JigsawStack;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>Streamed transcription: results arrive as server-sent events while the service works through the audio.</summary>
public partial class JigsawStackClient
{
    /// <summary>
    /// Transcribes a local file or stream and yields the results as the service produces them (<c>POST
    /// /v1/ai/transcribe?stream=true&amp;language=en</c> with the audio as the request body, read as server-sent
    /// events). Events arrive in order: <see cref="JigsawStackStreamStarted"/>, then a
    /// <see cref="JigsawStackStreamSegment"/> and a <see cref="JigsawStackStreamDelta"/> per recognised segment,
    /// <see cref="JigsawStackStreamDone"/>, and always last <see cref="JigsawStackStreamCompleted"/> with the structured
    /// result. The vendor documents the event names and fields but publishes almost no example payloads, so the reader
    /// accepts every plausible shape: a <c>type</c> in the JSON or in an <c>event:</c> line, <c>id:</c> and comment
    /// lines ignored, the SDK-only <c>data: [DONE]</c> sentinel or the end of the connection as the end, and a plain JSON
    /// answer (a server that ignored <c>stream</c>) as the final result.
    /// </summary>
    /// <param name="audio">A local file or stream (at most 100 MB; mp3, wav, m4a, flac, aac, ogg, webm). The service
    /// needs the audio in the request body, so URLs are refused.</param>
    /// <param name="options">Voice-activity detection, language and the event size limit; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the request and closes the connection.</param>
    /// <returns>The events, ending with <see cref="JigsawStackStreamCompleted"/>.</returns>
    /// <exception cref="ArgumentException">The audio is a URL or breaks an upload rule, or an option is out of range; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The service refused the request before streaming (for example 400 for a
    /// language other than English, 429).</exception>
    /// <exception cref="LiveStreamException">The stream broke off, stalled, reported <c>transcript.error</c> and ended
    /// without a result, or sent an event that is too large or unreadable; carries the events received.</exception>
    public virtual async IAsyncEnumerable<JigsawStackStreamEvent> StreamTranscriptionAsync(AudioInput audio, JigsawStackStreamingOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.Kind == AudioInputKind.Url)
        {
            throw new ArgumentException("Streamed transcription needs the audio in the request body: give a local file or stream, not a URL.", nameof(audio));
        }

        options ??= new JigsawStackStreamingOptions();
        options.Validate(nameof(options));
        audio.ValidateLocal(nameof(audio), SpeechVendor.JigsawStack, MaxUploadBytes, AcceptedExtensions, "Split the audio or use CreateTranscriptionAsync with a URL.");

        const string operation = "jigsawstack.transcribe_stream";
        var upload = await audio.OpenAsync(SpeechVendor.JigsawStack, MaxUploadBytes, nameof(audio), cancellationToken).ConfigureAwait(false);
        await using (upload.ConfigureAwait(false))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoint, "v1/ai/transcribe?" + options.Query()))
            {
                Content = upload.CreateContent(),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.5));
            new SpeechRequestContext(operation, RequestKind.Billed).ApplyTo(request);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var rateLimit = SpeechRateLimit.FromResponse(response);
            if (string.Equals(response.Content.Headers.ContentType?.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            {
                // Not a stream: the whole result in one answer.
                var dto = await VendorRequest.ReadJsonAsync(response, JigsawStackGeneratedClient.TypeInfo<TranscribeResponse>(), SpeechVendor.JigsawStack, operation, cancellationToken).ConfigureAwait(false);
                yield return new JigsawStackStreamCompleted(JigsawStackMapper.FromDto(dto, rateLimit, options.Language), IsAssembled: false);
                yield break;
            }

            var reader = new JigsawStackStreamReader(options.Language, rateLimit);
            using var limited = new SseEventLimitContent(response.Content, options.MaxEventBytes);
            var body = await limited.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var parser = SseParser.Create(body, reader.Parse);
                var items = parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (items.ConfigureAwait(false))
                {
                    while (true)
                    {
                        if (!await reader.MoveNextAsync(items, cancellationToken).ConfigureAwait(false))
                        {
                            break;
                        }

                        foreach (var e in items.Current.Data)
                        {
                            // Events the parser had already buffered are not handed out after a cancellation.
                            cancellationToken.ThrowIfCancellationRequested();
                            yield return e;
                        }
                    }
                }
            }

            if (reader.Finish() is { } assembled)
            {
                yield return assembled;
            }
        }
    }
}

/// <summary>
/// Reads one JigsawStack event stream: parses each event, keeps what a failure must report (bounded), decides when the
/// stream is over, and turns every way it can break into <see cref="LiveStreamException"/>.
/// </summary>
internal sealed class JigsawStackStreamReader(string language, SpeechRateLimit? rateLimit)
{
    private readonly ReceivedEvents _received = new();
    private readonly List<JigsawStackChunk> _segments = new();
    private readonly System.Text.StringBuilder _deltas = new();
    private string? _doneText;
    private string? _error;
    private bool _final;
    private bool _sentinel;

    /// <summary>Advances the SSE enumerator; false at the end of the stream (the sentinel, the connection's end, or
    /// a final result followed by <c>done</c>).</summary>
    public async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<SseItem<IReadOnlyList<JigsawStackStreamEvent>>> items, CancellationToken cancellationToken)
    {
        if (_sentinel || (_final && _doneText is not null))
        {
            return false;
        }

        try
        {
            if (!await items.MoveNextAsync().ConfigureAwait(false))
            {
                return false;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (_final && e is HttpRequestException or IOException or SpeechTimeoutException)
        {
            // The result is in; a connection that then breaks or stalls loses nothing.
            return false;
        }
        catch (SseEventTooLargeException e)
        {
            throw Failure($"the service sent an event larger than {e.Limit} bytes", e);
        }
        catch (Exception e) when (e is JsonException or SpeechResponseFormatException)
        {
            throw Failure("the service sent an event the SDK cannot read", e);
        }
        catch (SpeechTimeoutException e)
        {
            throw Failure("the stream stalled", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw Failure("the connection dropped", e);
        }

        foreach (var received in items.Current.Data)
        {
            _received.Add(received);
        }

        return true;
    }

    /// <summary>At the end of the stream: nothing when the service's final result came, the assembled result after a
    /// clean end (<c>done</c> or the sentinel), otherwise the failure.</summary>
    public JigsawStackStreamCompleted? Finish()
    {
        if (_final)
        {
            return null;
        }

        if (_error is not null)
        {
            throw Failure("the service reported an error: " + _error, null);
        }

        if (_doneText is null && !_sentinel)
        {
            throw Failure("the stream ended before the final result", null);
        }

        var text = _doneText ?? (_deltas.Length > 0 ? _deltas.ToString() : Transcripts.TextJoiner.Join(_segments.Select(s => s.Text)));
        var transcription = new JigsawStackTranscription(text)
        {
            Chunks = _segments.ToArray(),
            RequestedLanguage = language,
            RateLimit = rateLimit,
        };
        var completed = new JigsawStackStreamCompleted(transcription, IsAssembled: true);
        _received.Add(completed);
        return completed;
    }

    /// <summary>Parses one event's data. Usually one JSON object; the vendor's JS SDK test stream has no blank lines
    /// between its <c>data:</c> lines, which SSE joins into one event, so data that is not one JSON document is read
    /// line by line. The event type comes from the JSON <c>type</c>, else from the <c>event:</c> line.</summary>
    public IReadOnlyList<JigsawStackStreamEvent> Parse(string eventType, ReadOnlySpan<byte> data)
    {
        var trimmed = data.Trim(" \t\r\n"u8);
        if (trimmed.IndexOfAny((byte)'\n', (byte)'\r') < 0 || IsOneDocument(trimmed))
        {
            return ParseOne(eventType, trimmed) is { } one ? [one] : [];
        }

        var events = new List<JigsawStackStreamEvent>();
        while (!trimmed.IsEmpty)
        {
            var end = trimmed.IndexOfAny((byte)'\n', (byte)'\r');
            var line = end < 0 ? trimmed : trimmed[..end];
            trimmed = end < 0 ? default : trimmed[(end + 1)..];
            if (ParseOne(eventType, line.Trim(" \t"u8)) is { } e)
            {
                events.Add(e);
            }
        }

        return events;
    }

    private static bool IsOneDocument(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 32 });
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return reader.BytesConsumed == utf8.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private JigsawStackStreamEvent? ParseOne(string eventType, ReadOnlySpan<byte> trimmed)
    {
        if (trimmed.SequenceEqual("[DONE]"u8))
        {
            _sentinel = true;
            return null;
        }

        if (trimmed.IsEmpty)
        {
            return null;
        }

        using var document = JsonDocument.Parse(trimmed.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = String(root, "type") ?? eventType;
        switch (type)
        {
            case "transcript.start":
                return new JigsawStackStreamStarted();
            case "transcript.segment":
                {
                    var element = root.TryGetProperty("chunk", out var c) && c.ValueKind == JsonValueKind.Object ? c : root;
                    var dto = element.Deserialize(JigsawStackGeneratedClient.TypeInfo<TranscriptChunk>())
                        ?? throw new JsonException("transcript.segment has no chunk.");
                    var chunk = JigsawStackMapper.Chunk(dto, "transcript.segment.chunk", _segments.Count);
                    _segments.Add(chunk);
                    return new JigsawStackStreamSegment(chunk);
                }

            case "transcript.delta":
                {
                    var delta = String(root, "delta") ?? String(root, "text") ?? string.Empty;
                    _deltas.Append(delta);
                    return new JigsawStackStreamDelta(delta);
                }

            case "transcript.done":
                _doneText = String(root, "text") ?? _deltas.ToString();
                return new JigsawStackStreamDone(_doneText);
            case "transcript.final":
                {
                    var result = root.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Object && !root.TryGetProperty("text", out _) ? r : root;
                    var dto = result.Deserialize(JigsawStackGeneratedClient.TypeInfo<TranscribeResponse>())
                        ?? throw new JsonException("transcript.final is empty.");
                    _final = true;
                    return new JigsawStackStreamCompleted(JigsawStackMapper.FromDto(dto, rateLimit, language), IsAssembled: false);
                }

            case "transcript.error":
            case "error":
                {
                    var error = root.TryGetProperty("error", out var e) ? e : default;
                    _error = String(root, "message")
                        ?? (error.ValueKind == JsonValueKind.Object ? String(error, "message") : null)
                        ?? (error.ValueKind == JsonValueKind.String ? error.GetString() : null)
                        ?? "no message";
                    return new JigsawStackStreamError(_error);
                }

            default:
                return null; // an event type the SDK does not know yet
        }
    }

    private LiveStreamException Failure(string message, Exception? inner) =>
        new(SpeechVendor.JigsawStack, message, receivedEvents: _received.Snapshot(), receivedEventCount: _received.Count, innerException: inner);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
