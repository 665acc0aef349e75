using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.Together;

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
