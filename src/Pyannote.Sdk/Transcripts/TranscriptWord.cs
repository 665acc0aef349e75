namespace Pyannote.Sdk.Transcripts;

/// <summary>One recognised word (or punctuation token) with its time span and, when known, its speaker.</summary>
public sealed class TranscriptWord
{
    // NaN stands for "no confidence" (the constructor rejects NaN): 8 bytes instead of a 16-byte double?, per word.
    private readonly double _confidence;

    /// <summary>Creates a word.</summary>
    /// <param name="text">The word as the vendor gave it.</param>
    /// <param name="start">Start time from the beginning of the audio.</param>
    /// <param name="end">End time; not before <paramref name="start"/>.</param>
    /// <param name="speaker">The speaker label as the vendor gave it, or <see langword="null"/>.</param>
    /// <param name="confidence">The vendor's confidence for the word, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A time is negative, or <paramref name="end"/> is before <paramref name="start"/>.</exception>
    public TranscriptWord(string text, TimeSpan start, TimeSpan end, string? speaker = null, double? confidence = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        TimeRules.EnsureSpan(start, end, nameof(start), nameof(end));
        if (confidence is { } c && (double.IsNaN(c) || double.IsInfinity(c)))
        {
            throw new ArgumentException("Confidence must be a finite number.", nameof(confidence));
        }

        Text = text;
        Start = start;
        End = end;
        Speaker = speaker;
        _confidence = confidence ?? double.NaN;
    }

    /// <summary>Copies <paramref name="source"/> with another speaker; the source's values are already checked.</summary>
    private TranscriptWord(TranscriptWord source, string? speaker)
    {
        Text = source.Text;
        Start = source.Start;
        End = source.End;
        Speaker = speaker;
        _confidence = source._confidence;
    }

    /// <summary>The word as the vendor gave it.</summary>
    public string Text { get; }

    /// <summary>Start time from the beginning of the audio.</summary>
    public TimeSpan Start { get; }

    /// <summary>End time from the beginning of the audio.</summary>
    public TimeSpan End { get; }

    /// <summary>The speaker label as the vendor gave it, or <see langword="null"/> when no speaker is known.</summary>
    public string? Speaker { get; }

    /// <summary>The vendor's confidence for the word, or <see langword="null"/>.</summary>
    public double? Confidence => double.IsNaN(_confidence) ? null : _confidence;

    /// <summary>Returns a copy of this word attributed to another speaker.</summary>
    /// <param name="speaker">The speaker label, or <see langword="null"/>.</param>
    /// <returns>The new word.</returns>
    public TranscriptWord WithSpeaker(string? speaker) => new(this, speaker);

    /// <inheritdoc />
    public override string ToString() => $"[{Start:hh\\:mm\\:ss\\.fff}-{End:hh\\:mm\\:ss\\.fff}] {Speaker ?? "?"}: {Text}";
}
