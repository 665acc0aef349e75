using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>Builds pyannoteAI result objects for tests of code that uses <see cref="PyannoteClient"/> (for example
/// with a mocked client), since their constructors are not public.</summary>
public static class PyannoteModelFactory
{
    /// <summary>Creates a diarization result.</summary>
    /// <param name="diarization">Speaker segments.</param>
    /// <param name="exclusiveDiarization">Non-overlapping segments, or <see langword="null"/>.</param>
    /// <param name="confidence">Frame-level confidence, or <see langword="null"/>.</param>
    /// <param name="warning">The service's warning, or <see langword="null"/>.</param>
    /// <param name="transcript">A transcript, or <see langword="null"/>.</param>
    /// <param name="speechProbability">Frame-level speech probability, or <see langword="null"/>.</param>
    /// <param name="crosstalkProbability">Frame-level cross-talk probability, or <see langword="null"/>.</param>
    /// <param name="speakerProbability">Per-speaker frame-level probabilities, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="diarization"/> is null.</exception>
    public static DiarizationResult DiarizationResult(
        IEnumerable<DiarizationSegment> diarization,
        IEnumerable<DiarizationSegment>? exclusiveDiarization = null,
        DiarizationConfidence? confidence = null,
        string? warning = null,
        Transcript? transcript = null,
        FrameScores? speechProbability = null,
        FrameScores? crosstalkProbability = null,
        SpeakerFrameScores? speakerProbability = null)
    {
        ArgumentNullException.ThrowIfNull(diarization);
        return new DiarizationResult(diarization.ToArray(), exclusiveDiarization?.ToArray(), confidence, warning, transcript)
        {
            SpeechProbability = speechProbability,
            CrosstalkProbability = crosstalkProbability,
            SpeakerProbability = speakerProbability,
        };
    }

    /// <summary>Creates a frame-level score series (speech or cross-talk probability).</summary>
    /// <param name="scores">One score (0–100) per frame.</param>
    /// <param name="resolution">How much audio one frame covers.</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    public static FrameScores FrameScores(IEnumerable<double> scores, TimeSpan resolution)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new FrameScores(scores.ToArray(), resolution);
    }

    /// <summary>Creates per-speaker frame-level probabilities.</summary>
    /// <param name="speakers">The scores of each diarization label.</param>
    /// <param name="resolution">How much audio one frame covers.</param>
    /// <returns>The per-speaker scores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="speakers"/> is null.</exception>
    public static SpeakerFrameScores SpeakerFrameScores(IReadOnlyDictionary<string, IEnumerable<double>> speakers, TimeSpan resolution)
    {
        ArgumentNullException.ThrowIfNull(speakers);
        return new SpeakerFrameScores(
            speakers.ToDictionary(p => p.Key, p => new FrameScores(p.Value.ToArray(), resolution), StringComparer.Ordinal),
            resolution);
    }

    /// <summary>Creates frame-level confidence.</summary>
    /// <param name="scores">One score (0–100) per frame.</param>
    /// <param name="resolution">How much audio one frame covers.</param>
    /// <returns>The confidence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    public static DiarizationConfidence DiarizationConfidence(IEnumerable<double> scores, TimeSpan resolution)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new DiarizationConfidence(scores.ToArray(), resolution);
    }

    /// <summary>Creates an identification result.</summary>
    /// <param name="diarization">Speaker segments.</param>
    /// <param name="identification">Turns with their matches.</param>
    /// <param name="voiceprints">Per-speaker matches.</param>
    /// <param name="warning">The service's warning, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">A collection is null.</exception>
    public static IdentificationResult IdentificationResult(
        IEnumerable<DiarizationSegment> diarization,
        IEnumerable<IdentifiedSegment> identification,
        IEnumerable<VoiceprintMatch> voiceprints,
        string? warning = null)
    {
        ArgumentNullException.ThrowIfNull(diarization);
        ArgumentNullException.ThrowIfNull(identification);
        ArgumentNullException.ThrowIfNull(voiceprints);
        return new IdentificationResult(diarization.ToArray(), null, null, warning, identification.ToArray(), voiceprints.ToArray());
    }

    /// <summary>Creates an identified turn.</summary>
    /// <param name="diarizationSpeaker">The diarization label.</param>
    /// <param name="match">The matched voiceprint label, or <see langword="null"/>.</param>
    /// <param name="start">Start time.</param>
    /// <param name="end">End time.</param>
    /// <returns>The turn.</returns>
    public static IdentifiedSegment IdentifiedSegment(string diarizationSpeaker, string? match, TimeSpan start, TimeSpan end) =>
        new(match ?? diarizationSpeaker, diarizationSpeaker, match, start, end, null);

    /// <summary>Creates a per-speaker voiceprint match.</summary>
    /// <param name="speaker">The diarization label.</param>
    /// <param name="match">The matched voiceprint label, or <see langword="null"/>.</param>
    /// <param name="confidence">Confidence per voiceprint label.</param>
    /// <returns>The match.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="confidence"/> is null.</exception>
    public static VoiceprintMatch VoiceprintMatch(string speaker, string? match, IReadOnlyDictionary<string, double> confidence)
    {
        ArgumentNullException.ThrowIfNull(confidence);
        return new VoiceprintMatch(speaker, match, confidence);
    }
}
