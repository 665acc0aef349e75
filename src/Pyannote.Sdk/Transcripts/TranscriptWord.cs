namespace Pyannote.Sdk.Transcripts;

/// <summary>One recognised word (or punctuation token) with its time span and, when known, its speaker.</summary>
public sealed class TranscriptWord
{
    // NaN stands for "no confidence" (the constructor rejects NaN): 8 bytes instead of a 16-byte double?, per word.
    private readonly double _confidence;

    // The merger's attribution; a float and a byte fit the object's padding-free layout in 8 bytes.
    private readonly float _attributionConfidence = float.NaN;

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

    /// <summary>Copies <paramref name="source"/> with the speaker <see cref="TranscriptMerger"/> attributed and how.</summary>
    internal TranscriptWord(TranscriptWord source, string? speaker, SpeakerAttribution attribution, float attributionConfidence)
    {
        // Every field set once (no chained constructor): the merger builds one of these per word.
        Text = source.Text;
        Start = source.Start;
        End = source.End;
        Speaker = speaker;
        _confidence = source._confidence;
        Attribution = attribution;
        _attributionConfidence = attributionConfidence;
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

    /// <summary>How <see cref="TranscriptMerger"/> chose <see cref="Speaker"/>: from clear overlap, or by a guess
    /// (overlapped speech, nearest segment, sentence), or <see cref="SpeakerAttribution.None"/> when the word did not
    /// come out of a merge (its speaker, if any, is the vendor's).</summary>
    public SpeakerAttribution Attribution { get; }

    /// <summary>How sure the merger is of <see cref="Speaker"/>, from 0 (a coin toss, or no speaker) to 1 (the word lies
    /// wholly inside one speaker's segments and no other's); <see langword="null"/> when <see cref="Attribution"/> is
    /// <see cref="SpeakerAttribution.None"/>. Below 0.5 the speaker was guessed: flag such words as uncertain.
    /// See <c>docs/merging.md</c> for how each <see cref="SpeakerAttribution"/> sets it.</summary>
    public double? AttributionConfidence => float.IsNaN(_attributionConfidence) ? null : _attributionConfidence;

    /// <summary>Returns a copy of this word attributed to another speaker (the copy's <see cref="Attribution"/> is
    /// <see cref="SpeakerAttribution.None"/>: the speaker is the caller's, not the merger's).</summary>
    /// <param name="speaker">The speaker label, or <see langword="null"/>.</param>
    /// <returns>The new word.</returns>
    public TranscriptWord WithSpeaker(string? speaker) => new(this, speaker);

    /// <inheritdoc />
    public override string ToString() => $"[{Start:hh\\:mm\\:ss\\.fff}-{End:hh\\:mm\\:ss\\.fff}] {Speaker ?? "?"}: {Text}";
}
