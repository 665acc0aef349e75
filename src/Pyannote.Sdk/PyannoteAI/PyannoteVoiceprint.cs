namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A known voice for identification: a label and the voiceprint a voiceprint job returned.</summary>
public sealed class PyannoteVoiceprint
{
    /// <summary>Creates a labelled voiceprint. Its rules are checked when a job is started.</summary>
    /// <param name="label">The name reported for a match: at most 100 characters, not starting with <c>SPEAKER_</c>.</param>
    /// <param name="voiceprint">The voiceprint (at most 20,000 characters).</param>
    public PyannoteVoiceprint(string label, string voiceprint)
    {
        Label = label;
        Voiceprint = voiceprint;
    }

    /// <summary>The name reported for a match.</summary>
    public string Label { get; }

    /// <summary>The voiceprint.</summary>
    public string Voiceprint { get; }

    /// <summary>Describes the voiceprint without its data.</summary>
    /// <returns>The label.</returns>
    public override string ToString() => $"voiceprint '{Label}'";
}
