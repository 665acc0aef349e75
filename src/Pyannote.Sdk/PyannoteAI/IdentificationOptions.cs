namespace Pyannote.Sdk.PyannoteAI;

/// <summary>Settings of a pyannoteAI identification job (<c>POST /v1/identify</c>): diarization, then matching each
/// speaker against known voiceprints. The speech-to-text add-on is not available for identification.</summary>
public sealed class IdentificationOptions : DiarizationOptions
{
    /// <summary>The voices to look for: 1 to 50 labelled voiceprints.</summary>
    public IList<PyannoteVoiceprint> Voiceprints { get; } = new List<PyannoteVoiceprint>();

    /// <summary>Match each voiceprint to at most one speaker; <see langword="null"/> for the service default (true).</summary>
    public bool? ExclusiveMatching { get; set; }

    /// <summary>The smallest confidence (0–100) that counts as a match; <see langword="null"/> for the service default (0).</summary>
    public double? MatchingThreshold { get; set; }
}
