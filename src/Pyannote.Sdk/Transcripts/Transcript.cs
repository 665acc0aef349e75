namespace Pyannote.Sdk.Transcripts;

/// <summary>
/// Who said what, when: words with times and speakers, and speaker turns. Every vendor's answer maps into this shape,
/// and <see cref="TranscriptMerger"/> builds it from any vendor's words and any vendor's diarization.
/// Immutable: metadata is set with object initialisers at construction.
/// </summary>
public sealed class Transcript
{
    private string? _text;

    /// <summary>Creates a transcript from words (already attributed to speakers or not) and, optionally, turns.</summary>
    /// <param name="words">The words, in any order; sorted here by start, then end (stable, so vendor order is kept for equal times).</param>
    /// <param name="turns">The turns; when <see langword="null"/>, turns are built from the words: runs of one speaker,
    /// split at pauses longer than <see cref="TurnOptions.DefaultMaxPause"/>.</param>
    /// <exception cref="ArgumentException">A word or turn is null.</exception>
    public Transcript(IEnumerable<TranscriptWord> words, IEnumerable<SpeakerTurn>? turns = null)
        : this(Prepare(words, turns))
    {
    }

    /// <summary>Wraps words already sorted by (start, end), turns already sorted by start, and their speakers in order
    /// of first appearance, without copying or checking them (the merger builds all three in one pass).</summary>
    internal Transcript(IReadOnlyList<TranscriptWord> sortedWords, SpeakerTurn[] sortedTurns, string[] speakers)
    {
        Words = sortedWords;
        Turns = sortedTurns;
        Speakers = speakers;
    }

    private Transcript((IReadOnlyList<TranscriptWord> Words, SpeakerTurn[] Turns) parts)
        : this(parts.Words, parts.Turns, CollectSpeakers(parts.Words, parts.Turns))
    {
    }

    private static (IReadOnlyList<TranscriptWord> Words, SpeakerTurn[] Turns) Prepare(IEnumerable<TranscriptWord> words, IEnumerable<SpeakerTurn>? turns)
    {
        ArgumentNullException.ThrowIfNull(words);
        var wordList = WordOrder.Sort(words, nameof(words));
        if (turns is null)
        {
            return (wordList, TurnBuilder.Build(wordList, TurnOptions.DefaultMaxPause));
        }

        var turnList = turns.ToArray();
        var sorted = true;
        for (var i = 0; i < turnList.Length; i++)
        {
            if (turnList[i] is null)
            {
                throw new ArgumentException($"turns[{i}] is null; every turn must be non-null.", nameof(turns));
            }

            if (i > 0 && turnList[i - 1].Start > turnList[i].Start)
            {
                sorted = false;
            }
        }

        if (!sorted)
        {
            // Stable: turns that start together keep their given order.
            turnList = turnList.OrderBy(t => t.Start).ToArray();
        }

        return (wordList, turnList);
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
        get => _text ??= Turns.Count > 0 ? TextJoiner.JoinTurns(Turns) : TextJoiner.JoinWords(Words);
        init => _text = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The language of the audio as the vendor reported it (a code such as <c>en</c>, or a name), if known:
    /// Together AI and NanoGPT report the detected language, JigsawStack the detected one or, failing that, the one asked
    /// for; pyannoteAI reports none.</summary>
    public string? Language { get; init; }

    /// <summary>The audio's duration, if known: as reported by Together AI (<c>verbose_json</c>) and NanoGPT
    /// (<c>actualDuration</c>); for pyannoteAI, derived from the frame-level scores when they were asked for (they cover
    /// the whole audio). JigsawStack reports no duration.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The vendor that produced the transcript; <see langword="null"/> when it was built by merging or by hand.</summary>
    public SpeechVendor? Vendor { get; init; }

    /// <summary>The model that produced the transcript, if known.</summary>
    public string? Model { get; init; }

    /// <summary>Warnings the vendor attached to the result (for example when a speaker count could not be honoured).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>The vendor's own result object this transcript was mapped from, for data the common model does not carry.</summary>
    public object? RawRepresentation { get; init; }

    /// <summary>
    /// When the speakers were relabelled (<see cref="TranscriptionOptions.NormalizeSpeakerLabels"/>, on by default for
    /// <see cref="ISpeechClient.TranscribeAsync"/>): each label in <see cref="Speakers"/> (<c>SPEAKER_00</c>, …) mapped to
    /// the label the vendor gave that speaker. Empty when the labels are the vendor's own or the transcript was built by
    /// merging or by hand.
    /// </summary>
    public IReadOnlyDictionary<string, string> VendorSpeakerLabels { get; init; } = EmptyLabels;

    private static readonly IReadOnlyDictionary<string, string> EmptyLabels = new Dictionary<string, string>(0, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"Transcript: {Words.Count} words, {Turns.Count} turns, {Speakers.Count} speakers";

    /// <summary>The same transcript (metadata included) over other words, turns and speakers, already in order.</summary>
    internal Transcript With(IReadOnlyList<TranscriptWord> sortedWords, SpeakerTurn[] sortedTurns, string[] speakers, IReadOnlyDictionary<string, string> vendorSpeakerLabels) =>
        Copy(sortedWords, sortedTurns, speakers, RawRepresentation, vendorSpeakerLabels);

    /// <summary>The same transcript with another <see cref="RawRepresentation"/> (for results that hold their transcript).</summary>
    internal Transcript WithRawRepresentation(object? raw) =>
        Copy(Words, Turns as SpeakerTurn[] ?? Turns.ToArray(), Speakers as string[] ?? Speakers.ToArray(), raw, VendorSpeakerLabels);

    private Transcript Copy(IReadOnlyList<TranscriptWord> words, SpeakerTurn[] turns, string[] speakers, object? raw, IReadOnlyDictionary<string, string> vendorSpeakerLabels) =>
        new(words, turns, speakers)
        {
            _text = _text,
            Language = Language,
            Duration = Duration,
            Vendor = Vendor,
            Model = Model,
            Warnings = Warnings,
            RawRepresentation = raw,
            VendorSpeakerLabels = vendorSpeakerLabels,
        };

    private static string[] CollectSpeakers(IReadOnlyList<TranscriptWord> words, SpeakerTurn[] turns)
    {
        // First appearance in time: earliest start of each label over words and turns, then ordered by it (stable).
        var first = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var order = new List<string>();
        string? last = null;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (w.Speaker is { } s && !ReferenceEquals(s, last))
            {
                last = s;
                if (first.TryAdd(s, w.Start))
                {
                    order.Add(s);
                }
            }
        }

        foreach (var t in turns)
        {
            if (t.Speaker is { } s)
            {
                if (first.TryGetValue(s, out var seen))
                {
                    if (t.Start < seen)
                    {
                        first[s] = t.Start;
                    }
                }
                else
                {
                    first.Add(s, t.Start);
                    order.Add(s);
                }
            }
        }

        return order.OrderBy(s => first[s]).ToArray();
    }
}

/// <summary>Settings for building speaker turns from words.</summary>
public static class TurnOptions
{
    /// <summary>The default longest pause inside one turn: 1 second. A longer pause starts a new turn even when the speaker stays the same.</summary>
    public static TimeSpan DefaultMaxPause { get; } = TimeSpan.FromSeconds(1);
}
