namespace Pyannote.Sdk.PyannoteAI;

/// <summary>
/// pyannoteAI's per-speaker frame-level probabilities (<c>speakerProbability</c>): for each diarization label, the
/// score (0–100) that this speaker is speaking, frame by frame. On identification jobs the keys are still diarization
/// labels (<c>SPEAKER_00</c> …), never voiceprint labels: map them through
/// <see cref="IdentificationResult.Voiceprints"/>. Immutable.
/// </summary>
public sealed class SpeakerFrameScores
{
    internal SpeakerFrameScores(IReadOnlyDictionary<string, FrameScores> speakers, TimeSpan resolution)
    {
        Speakers = speakers;
        Resolution = resolution;
    }

    /// <summary>The score series of each diarization label (ordinal keys).</summary>
    public IReadOnlyDictionary<string, FrameScores> Speakers { get; }

    /// <summary>How much audio one frame covers (pyannoteAI uses 20 ms).</summary>
    public TimeSpan Resolution { get; }

    /// <summary>The score of <paramref name="speaker"/> in the frame that contains <paramref name="time"/>.</summary>
    /// <param name="speaker">A diarization label, for example <c>SPEAKER_00</c>.</param>
    /// <param name="time">A time from the start of the audio.</param>
    /// <returns>The score (0–100), or <see langword="null"/> for an unknown label or a time outside the series.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="speaker"/> is null.</exception>
    public double? ScoreAt(string speaker, TimeSpan time)
    {
        ArgumentNullException.ThrowIfNull(speaker);
        return Speakers.TryGetValue(speaker, out var series) ? series.ScoreAt(time) : null;
    }
}
