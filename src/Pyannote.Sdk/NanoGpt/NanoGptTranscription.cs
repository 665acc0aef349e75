using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.NanoGpt;

/// <summary>A finished NanoGPT transcription: the vendor's text, the speaker-attributed <see cref="Transcripts.Transcript"/>,
/// NanoGPT's raw timed tokens and speaker segments (Elevenlabs-STT jobs), and billing metadata.</summary>
public sealed class NanoGptTranscription
{
    /// <summary>Creates a transcription (for tests and mocks; the client builds these from NanoGPT's answers).</summary>
    /// <param name="text">The text as NanoGPT returned it.</param>
    /// <param name="transcript">The speaker-attributed transcript; when its <see cref="Transcript.RawRepresentation"/> is
    /// not set, <see cref="Transcript"/> is a copy whose <see cref="Transcript.RawRepresentation"/> is this transcription.</param>
    /// <param name="metadata">Billing and audio facts.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public NanoGptTranscription(string text, Transcript transcript, NanoGptTranscriptionMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(metadata);
        Text = text;
        // Reachable through ISpeechClient: the transcript's RawRepresentation is this object (tokens, segments, cost).
        Transcript = transcript.RawRepresentation is null ? transcript.WithRawRepresentation(this) : transcript;
        Metadata = metadata;
    }

    /// <summary>The text as NanoGPT returned it. For diarized jobs it carries NanoGPT's own speaker prefixes
    /// (<c>Speaker 1: … Speaker 2: …</c>); <see cref="Transcript"/> has the structured form.</summary>
    public string Text { get; }

    /// <summary>
    /// The transcript: words with times and speakers, and speaker turns. Synchronous models give text only, so their
    /// transcript has no words or turns and its <see cref="Transcript.Text"/> is <see cref="Text"/>.
    /// </summary>
    /// <remarks>
    /// <para><b>One speaker labelling.</b> NanoGPT names speakers twice: <c>speaker_0</c> (zero-based) on words and
    /// <c>Speaker 1</c> (one-based) on segments. The transcript uses the segment labels: each word speaker id takes the
    /// segment label its words overlap most in total (a tie goes to the label whose first segment starts earliest); an id
    /// that overlaps no segment, or every id when there are no segments, becomes <c>Speaker N+1</c> for <c>speaker_N</c>;
    /// any other id is kept as given. Without words, turns come from the segments.</para>
    /// <para><b>Punctuation.</b> A <c>punctuation</c> token is appended to the previous word (<c>Hello</c> + <c>,</c> →
    /// <c>Hello,</c>, the end time extended); whitespace-only tokens are dropped. <see cref="Tokens"/> keeps every token as returned.</para>
    /// </remarks>
    public Transcript Transcript { get; }

    /// <summary>Billing and audio facts NanoGPT reported.</summary>
    public NanoGptTranscriptionMetadata Metadata { get; }

    /// <summary>The job id when the transcription ran as a job; <see langword="null"/> for a synchronous answer.</summary>
    public string? RunId { get; init; }

    /// <summary>NanoGPT's timed tokens exactly as returned (words and separate punctuation, zero-based <c>speaker_N</c> ids);
    /// empty for synchronous models.</summary>
    public IReadOnlyList<NanoGptToken> Tokens { get; init; } = Array.Empty<NanoGptToken>();

    /// <summary>NanoGPT's speaker segments exactly as returned (one-based <c>Speaker N</c> labels); empty without diarization.</summary>
    public IReadOnlyList<NanoGptSpeakerSegment> Segments { get; init; } = Array.Empty<NanoGptSpeakerSegment>();

    /// <inheritdoc />
    public override string ToString() => $"NanoGPT transcription ({Metadata.Model?.ToString() ?? "model unknown"}): {Transcript}";
}
