namespace Pyannote.Sdk.PyannoteAI;

/// <summary>How one diarization speaker compares with every voiceprint of an identification job.</summary>
public sealed class VoiceprintMatch
{
    internal VoiceprintMatch(string speaker, string? match, IReadOnlyDictionary<string, double> confidence)
    {
        Speaker = speaker;
        Match = match;
        Confidence = confidence;
    }

    /// <summary>The diarization speaker label.</summary>
    public string Speaker { get; }

    /// <summary>The voiceprint label matched to the speaker, or <see langword="null"/>.</summary>
    public string? Match { get; }

    /// <summary>Confidence (0–100) per voiceprint label.</summary>
    public IReadOnlyDictionary<string, double> Confidence { get; }
}
