using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.Together;

/// <summary>An event of a Together AI real-time transcription session (<c>wss …/v1/realtime</c>).</summary>
public abstract record TogetherRealtimeEvent : LiveEvent;

/// <summary>The session is open (<c>session.created</c>); the SDK sends no audio before it.</summary>
/// <param name="SessionId">The service's session id, if it sent one.</param>
/// <param name="Model">The model serving the session, if given.</param>
public sealed record TogetherRealtimeSessionCreated(string? SessionId, string? Model) : TogetherRealtimeEvent;

/// <summary>The service confirmed a voice-activity-detection change (<c>transcription_session.updated</c>).</summary>
/// <param name="TurnDetection">The settings now in force, or <see langword="null"/> when detection is off.</param>
public sealed record TogetherRealtimeSessionUpdated(TogetherTurnDetection? TurnDetection) : TogetherRealtimeEvent;

/// <summary>Interim text of the segment being spoken (<c>…input_audio_transcription.delta</c>). Each delta is the
/// running text of the whole segment and <b>replaces</b> the previous one; it is not an increment.</summary>
/// <param name="Text">The segment's text so far.</param>
/// <param name="ItemId">The segment's item id, when the service sends one (seen by third parties, undocumented).</param>
/// <param name="Start">Start of the segment in the audio, when sent (undocumented; third-party observation).</param>
/// <param name="Duration">Length of the segment, when sent (undocumented).</param>
public sealed record TogetherTranscriptionDelta(string Text, string? ItemId = null, TimeSpan? Start = null, TimeSpan? Duration = null) : TogetherRealtimeEvent;

/// <summary>Final text of one segment (<c>…input_audio_transcription.completed</c>): sent when voice activity
/// detection closes the segment, or after a commit when detection is off.</summary>
/// <param name="Text">The segment's final text (may be empty when a commit found no speech).</param>
/// <param name="ItemId">The segment's item id, when sent.</param>
/// <param name="Start">Start of the segment in the audio, when sent (undocumented).</param>
/// <param name="Duration">Length of the segment, when sent (undocumented).</param>
public sealed record TogetherTranscriptionCompleted(string Text, string? ItemId = null, TimeSpan? Start = null, TimeSpan? Duration = null) : TogetherRealtimeEvent;

/// <summary>The service reported an error: a <c>…transcription.failed</c> frame (<see cref="IsTranscriptionFailure"/>)
/// or an <c>error</c> frame, whose shape is not published (both <c>error.message</c> and a top-level <c>message</c> are
/// read). Errors that make the session unusable (a bad or missing key, an unknown model) end the stream with
/// <see cref="SpeechApiException"/> instead.</summary>
/// <param name="Message">The service's message.</param>
/// <param name="Code">The machine-readable code, if any (for example <c>invalid_api_key</c>).</param>
/// <param name="Type">The error type, if any (for example <c>invalid_request_error</c>).</param>
/// <param name="Param">The parameter at fault, if any.</param>
/// <param name="IsTranscriptionFailure">Whether it came as a <c>…transcription.failed</c> frame.</param>
public sealed record TogetherRealtimeError(string Message, string? Code, string? Type, string? Param, bool IsTranscriptionFailure) : TogetherRealtimeEvent;

/// <summary>Server voice-activity detection (Silero) settings of a real-time session. Unset values keep the service's
/// defaults (threshold 0.3, 500 ms of silence, 250 ms of speech, 5 s segments, 250 ms padding).</summary>
public sealed record TogetherTurnDetection
{
    /// <summary>Speech probability above which a frame counts as speech, 0–1 (service default 0.3; 0.01–0.2 for low-SNR audio).</summary>
    public double? Threshold { get; init; }

    /// <summary>Silence that ends a segment (service default 500 ms).</summary>
    public TimeSpan? MinSilenceDuration { get; init; }

    /// <summary>Shorter speech is dropped (service default 250 ms).</summary>
    public TimeSpan? MinSpeechDuration { get; init; }

    /// <summary>Longer segments are split at their longest inner silence (service default 5 s).</summary>
    public TimeSpan? MaxSpeechDuration { get; init; }

    /// <summary>Padding added on both ends of a segment (service default 250 ms).</summary>
    public TimeSpan? SpeechPad { get; init; }

    /// <summary>The vendor's preset for phone calls and other low-quality audio (threshold 0.01, 1 s silence, 0.5 s
    /// speech, 60 s segments, 10 ms padding).</summary>
    public static TogetherTurnDetection PhoneCall { get; } = new()
    {
        Threshold = 0.01,
        MinSilenceDuration = TimeSpan.FromSeconds(1),
        MinSpeechDuration = TimeSpan.FromMilliseconds(500),
        MaxSpeechDuration = TimeSpan.FromSeconds(60),
        SpeechPad = TimeSpan.FromMilliseconds(10),
    };

    internal void Validate(string parameterName)
    {
        if (Threshold is < 0 or > 1 || (Threshold is { } t && double.IsNaN(t)))
        {
            throw new ArgumentException("TurnDetection.Threshold must be between 0 and 1.", parameterName);
        }

        foreach (var (name, value) in new[] { ("MinSilenceDuration", MinSilenceDuration), ("MinSpeechDuration", MinSpeechDuration), ("MaxSpeechDuration", MaxSpeechDuration), ("SpeechPad", SpeechPad) })
        {
            if (value is { } v && (v < TimeSpan.Zero || v > TimeSpan.FromHours(1)))
            {
                throw new ArgumentException($"TurnDetection.{name} must be between 0 and 1 hour.", parameterName);
            }
        }
    }
}

/// <summary>Settings of a Together AI real-time transcription session.</summary>
public sealed class TogetherRealtimeOptions
{
    /// <summary>The model (query <c>model</c>, required by the service). Default <c>openai/whisper-large-v3</c>;
    /// <c>nvidia/parakeet-tdt-0.6b-v3</c> is also listed for real time.</summary>
    public string Model { get; set; } = "openai/whisper-large-v3";

    /// <summary>Voice-activity detection settings sent with <c>transcription_session.updated</c> once the session is
    /// created; <see langword="null"/> (the default) keeps the service's defaults. Ignored when <see cref="DisableTurnDetection"/> is set.</summary>
    public TogetherTurnDetection? TurnDetection { get; set; }

    /// <summary>Turns server voice-activity detection off (query <c>turn_detection=none</c> and a
    /// <c>transcription_session.updated</c> with <c>turn_detection: null</c>): the service then transcribes only what
    /// is committed, and the SDK commits at the end of the audio (or when a caller such as <c>LiveTranscriber</c> does).</summary>
    public bool DisableTurnDetection { get; set; }

    /// <summary>Language hint (query <c>language</c>). Not documented for real time (a third party reports Whisper
    /// translating into English without it); sent only when set.</summary>
    public string? Language { get; set; }

    /// <summary>Audio per <c>input_audio_buffer.append</c> message, 20 ms to 1 s. The service publishes no rule; its
    /// samples use 100 ms and 256 ms. Default 100 ms.</summary>
    public TimeSpan ChunkDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How fast recorded audio is sent. Default <see cref="LivePacing.RealTime"/>.</summary>
    public LivePacing Pacing { get; set; } = LivePacing.RealTime;

    /// <summary>How long to wait for the socket to open and <c>session.created</c> to arrive. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After the last audio and its commit, how long to wait for the final <c>completed</c> before the SDK
    /// closes (the service never closes on its own). Default 10 s.</summary>
    public TimeSpan FinalResultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events buffered for a slow consumer before the SDK stops reading from the socket. Default 1,024.</summary>
    public int EventBufferCapacity { get; set; } = 1024;

    internal void Validate(string parameterName)
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("Model is required for real-time transcription.", parameterName);
        }

        TurnDetection?.Validate(parameterName);
        if (ChunkDuration < TimeSpan.FromMilliseconds(20) || ChunkDuration > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("ChunkDuration must be between 20 ms and 1 s.", parameterName);
        }

        if (!Enum.IsDefined(Pacing))
        {
            throw new ArgumentException($"Pacing must be RealTime or None (got {Pacing}).", parameterName);
        }

        if (ConnectTimeout <= TimeSpan.Zero || FinalResultTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ConnectTimeout and FinalResultTimeout must be positive.", parameterName);
        }

        if (EventBufferCapacity is < 1 or > 1_000_000)
        {
            throw new ArgumentException("EventBufferCapacity must be between 1 and 1,000,000.", parameterName);
        }
    }
}
