namespace Pyannote.Sdk.Transcripts;

/// <summary>A span of audio in which one speaker talks. Segments of different speakers may overlap unless the
/// diarization is exclusive.</summary>
public sealed class DiarizationSegment
{
    /// <summary>Creates a segment.</summary>
    /// <param name="speaker">The speaker label as the vendor gave it (for example <c>SPEAKER_00</c>).</param>
    /// <param name="start">Start time from the beginning of the audio.</param>
    /// <param name="end">End time; not before <paramref name="start"/>.</param>
    /// <param name="confidence">Per-speaker confidence (0–100) when the vendor gives it (pyannoteAI turn-level confidence).</param>
    /// <exception cref="ArgumentException">The speaker is empty, a time is negative, or <paramref name="end"/> is before <paramref name="start"/>.</exception>
    public DiarizationSegment(string speaker, TimeSpan start, TimeSpan end, IReadOnlyDictionary<string, double>? confidence = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(speaker);
        TimeRules.EnsureSpan(start, end, nameof(start), nameof(end));
        Speaker = speaker;
        Start = start;
        End = end;
        Confidence = confidence;
    }

    /// <summary>The speaker label as the vendor gave it.</summary>
    public string Speaker { get; }

    /// <summary>Start time from the beginning of the audio.</summary>
    public TimeSpan Start { get; }

    /// <summary>End time from the beginning of the audio.</summary>
    public TimeSpan End { get; }

    /// <summary>Per-speaker confidence (0–100), or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, double>? Confidence { get; }

    /// <summary>The segment's length.</summary>
    public TimeSpan Duration => End - Start;

    /// <inheritdoc />
    public override string ToString() => $"[{Start:hh\\:mm\\:ss\\.fff}-{End:hh\\:mm\\:ss\\.fff}] {Speaker}";
}
