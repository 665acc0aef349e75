namespace Pyannote.Sdk.Together;

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
