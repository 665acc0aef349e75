using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>The result of a pyannoteAI identification job: the diarization plus the voiceprint matches. Immutable.</summary>
public sealed class IdentificationResult : DiarizationResult
{
    internal IdentificationResult(
        IReadOnlyList<DiarizationSegment> diarization,
        IReadOnlyList<DiarizationSegment>? exclusiveDiarization,
        DiarizationConfidence? confidence,
        string? warning,
        IReadOnlyList<IdentifiedSegment> identification,
        IReadOnlyList<VoiceprintMatch> voiceprints)
        : base(diarization, exclusiveDiarization, confidence, warning, null)
    {
        Identification = identification;
        Voiceprints = voiceprints;
    }

    /// <summary>Turns with their matched voiceprint.</summary>
    public IReadOnlyList<IdentifiedSegment> Identification { get; }

    /// <summary>Per diarization speaker: the match and the confidence for every voiceprint.</summary>
    public IReadOnlyList<VoiceprintMatch> Voiceprints { get; }
}
