namespace Pyannote.Sdk.PyannoteAI;

/// <summary>One turn of an identification job, with the voiceprint it was matched to.</summary>
public sealed class IdentifiedSegment
{
    internal IdentifiedSegment(string speaker, string diarizationSpeaker, string? match, TimeSpan start, TimeSpan end, IReadOnlyDictionary<string, double>? confidence)
    {
        Speaker = speaker;
        DiarizationSpeaker = diarizationSpeaker;
        Match = match;
        Start = start;
        End = end;
        Confidence = confidence;
    }

    /// <summary>The label shown for the turn: the matched voiceprint's label, or the diarization label.</summary>
    public string Speaker { get; }

    /// <summary>The diarization label of the turn (for example <c>SPEAKER_00</c>).</summary>
    public string DiarizationSpeaker { get; }

    /// <summary>The matched voiceprint's label, or <see langword="null"/> when no voiceprint matched.</summary>
    public string? Match { get; }

    /// <summary>Start time.</summary>
    public TimeSpan Start { get; }

    /// <summary>End time.</summary>
    public TimeSpan End { get; }

    /// <summary>Per-label confidence (0–100), when turn-level confidence was requested.</summary>
    public IReadOnlyDictionary<string, double>? Confidence { get; }
}
