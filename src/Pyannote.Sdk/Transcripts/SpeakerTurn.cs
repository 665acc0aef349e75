namespace Pyannote.Sdk.Transcripts;

/// <summary>A run of speech by one speaker: its time span, its text and, when known, its words.</summary>
public sealed class SpeakerTurn
{
    private string? _text;

    /// <summary>Creates a turn.</summary>
    /// <param name="speaker">The speaker label as the vendor gave it, or <see langword="null"/> when unknown.</param>
    /// <param name="start">Start time.</param>
    /// <param name="end">End time; not before <paramref name="start"/>.</param>
    /// <param name="text">The turn's text.</param>
    /// <param name="words">The turn's words; empty when the vendor gave text without words.</param>
    /// <exception cref="ArgumentException">A time is negative, or <paramref name="end"/> is before <paramref name="start"/>.</exception>
    public SpeakerTurn(string? speaker, TimeSpan start, TimeSpan end, string text, IReadOnlyList<TranscriptWord>? words = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        TimeRules.EnsureSpan(start, end, nameof(start), nameof(end));
        Speaker = speaker;
        Start = start;
        End = end;
        _text = text;
        Words = words is null || words.Count == 0 ? Array.Empty<TranscriptWord>() : words.ToArray();
        for (var i = 0; i < Words.Count; i++)
        {
            if (Words[i] is null)
            {
                throw new ArgumentException($"words[{i}] is null; every word must be non-null.", nameof(words));
            }
        }
    }

    /// <summary>A turn over a run of words whose text is joined from the words when first read.</summary>
    internal SpeakerTurn(string? speaker, TimeSpan start, TimeSpan end, IReadOnlyList<TranscriptWord> words)
    {
        Speaker = speaker;
        Start = start;
        End = end;
        Words = words;
    }

    /// <summary>The speaker label, or <see langword="null"/> when no speaker is known.</summary>
    public string? Speaker { get; }

    /// <summary>Start time.</summary>
    public TimeSpan Start { get; }

    /// <summary>End time.</summary>
    public TimeSpan End { get; }

    /// <summary>The turn's text.</summary>
    public string Text => _text ??= TextJoiner.JoinWords(Words);

    /// <summary>The turn's words, in time order; empty when the vendor gave only text.</summary>
    public IReadOnlyList<TranscriptWord> Words { get; }

    /// <inheritdoc />
    public override string ToString() => $"[{Start:hh\\:mm\\:ss\\.fff}-{End:hh\\:mm\\:ss\\.fff}] {Speaker ?? "?"}: {Text}";
}
