namespace Pyannote.Sdk;

/// <summary>Vendor-neutral transcription settings for <see cref="ISpeechClient.TranscribeAsync"/>.
/// Each vendor client maps them onto its own request and rejects combinations the vendor does not support.</summary>
public sealed class TranscriptionOptions
{
    /// <summary>Language of the audio as an ISO 639-1 code (for example <c>en</c>), or <see langword="null"/> to let the vendor detect it.</summary>
    public string? Language { get; set; }

    /// <summary>Whether to attribute words to speakers. Defaults to <see langword="true"/>.</summary>
    public bool Diarize { get; set; } = true;

    /// <summary>The exact number of speakers, when known. Not combinable with <see cref="MinSpeakers"/> or <see cref="MaxSpeakers"/>.</summary>
    public int? NumSpeakers { get; set; }

    /// <summary>The smallest number of speakers to expect.</summary>
    public int? MinSpeakers { get; set; }

    /// <summary>The largest number of speakers to expect.</summary>
    public int? MaxSpeakers { get; set; }

    /// <summary>The vendor's model identifier; <see langword="null"/> for the vendor's default.</summary>
    public string? Model { get; set; }

    /// <summary>Whether to ask for word-level timestamps. Defaults to <see langword="true"/>.</summary>
    public bool WordTimestamps { get; set; } = true;

    /// <summary>
    /// Whether to relabel speakers with one scheme for every vendor: <c>SPEAKER_00</c>, <c>SPEAKER_01</c>, … in order of
    /// first appearance (pyannoteAI says <c>SPEAKER_00</c>, Together <c>SPEAKER_1</c>, NanoGPT <c>Speaker 1</c>, JigsawStack
    /// <c>SPEAKER_1</c>). Defaults to <see langword="true"/>. The vendor's own label of each speaker stays reachable in
    /// <see cref="Transcripts.Transcript.VendorSpeakerLabels"/>; set <see langword="false"/> to keep the vendor's labels
    /// in the transcript itself (the vendor-specific methods, such as <c>ToTranscript()</c>, always keep them).
    /// </summary>
    public bool NormalizeSpeakerLabels { get; set; } = true;
}
