namespace Pyannote.Sdk.Transcripts;

/// <summary>
/// Who said what, when: words with times and speakers, and speaker turns. Every vendor's answer maps into this shape,
/// and <see cref="TranscriptMerger"/> builds it from any vendor's words and any vendor's diarization.
/// Immutable: metadata is set with object initialisers at construction.
/// </summary>
public sealed class Transcript
{
    private readonly string _text;

    /// <summary>Creates a transcript from words (already attributed to speakers or not) and, optionally, turns.</summary>
    /// <param name="words">The words; sorted by start time here (stable), so vendor order is kept for equal times.</param>
    /// <param name="turns">The turns; when <see langword="null"/>, turns are built from the words: runs of one speaker,
    /// split at pauses longer than <see cref="TurnOptions.DefaultMaxPause"/>.</param>
    /// <exception cref="ArgumentException">A word or turn is null.</exception>
    public Transcript(IEnumerable<TranscriptWord> words, IEnumerable<SpeakerTurn>? turns = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        var wordList = words.ToArray();
        for (var i = 0; i < wordList.Length; i++)
        {
            if (wordList[i] is null)
            {
                throw new ArgumentException($"words[{i}] is null.", nameof(words));
            }
        }

        Array.Sort(wordList, WordOrder.Instance);
        Words = wordList;

        if (turns is null)
        {
            Turns = TurnBuilder.Build(wordList, TurnOptions.DefaultMaxPause);
        }
        else
        {
            var turnList = turns.ToArray();
            for (var i = 0; i < turnList.Length; i++)
            {
                if (turnList[i] is null)
                {
                    throw new ArgumentException($"turns[{i}] is null.", nameof(turns));
                }
            }

            Array.Sort(turnList, (a, b) => a.Start.CompareTo(b.Start));
            Turns = turnList;
        }

        Speakers = CollectSpeakers(Words, Turns);
        _text = TextJoiner.Join(Turns.Count > 0 ? Turns.Select(t => t.Text) : Words.Select(w => w.Text));
    }

    /// <summary>An empty transcript.</summary>
    public static Transcript Empty { get; } = new(Array.Empty<TranscriptWord>());

    /// <summary>The words in time order. Empty when the vendor gave only text per speaker turn.</summary>
    public IReadOnlyList<TranscriptWord> Words { get; }

    /// <summary>The speaker turns in time order.</summary>
    public IReadOnlyList<SpeakerTurn> Turns { get; }

    /// <summary>The distinct speaker labels, in order of first appearance.</summary>
    public IReadOnlyList<string> Speakers { get; }

    /// <summary>The full text. Defaults to the turns' text joined with spaces; vendors that return their own full text set it.</summary>
    public string Text
    {
        get => _text;
        init => _text = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The language of the audio as the vendor reported it (a code such as <c>en</c>, or a name), if known.</summary>
    public string? Language { get; init; }

    /// <summary>The audio's duration as the vendor reported it, if known.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The vendor that produced the transcript; <see langword="null"/> when it was built by merging or by hand.</summary>
    public SpeechVendor? Vendor { get; init; }

    /// <summary>The model that produced the transcript, if known.</summary>
    public string? Model { get; init; }

    /// <summary>Warnings the vendor attached to the result (for example when a speaker count could not be honoured).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>The vendor's own result object this transcript was mapped from, for data the common model does not carry.</summary>
    public object? RawRepresentation { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"Transcript: {Words.Count} words, {Turns.Count} turns, {Speakers.Count} speakers";

    private static string[] CollectSpeakers(IReadOnlyList<TranscriptWord> words, IReadOnlyList<SpeakerTurn> turns)
    {
        // First appearance in time: merge the two time-ordered sequences.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<(TimeSpan Start, string Speaker)>();
        foreach (var w in words)
        {
            if (w.Speaker is { } s && seen.Add(s))
            {
                order.Add((w.Start, s));
            }
        }

        foreach (var t in turns)
        {
            if (t.Speaker is { } s && seen.Add(s))
            {
                order.Add((t.Start, s));
            }
        }

        return order.OrderBy(o => o.Start).Select(o => o.Speaker).ToArray();
    }

    private sealed class WordOrder : IComparer<TranscriptWord>
    {
        public static readonly WordOrder Instance = new();

        public int Compare(TranscriptWord? x, TranscriptWord? y)
        {
            var c = x!.Start.CompareTo(y!.Start);
            return c != 0 ? c : x.End.CompareTo(y.End);
        }
    }
}

/// <summary>Settings for building speaker turns from words.</summary>
public static class TurnOptions
{
    /// <summary>The default longest pause inside one turn: 1 second. A longer pause starts a new turn even when the speaker stays the same.</summary>
    public static TimeSpan DefaultMaxPause { get; } = TimeSpan.FromSeconds(1);
}
