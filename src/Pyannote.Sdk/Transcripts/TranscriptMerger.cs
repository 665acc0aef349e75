namespace Pyannote.Sdk.Transcripts;

/// <summary>Builds <see cref="Transcript"/>s by merging any vendor's words with any vendor's diarization.</summary>
/// <remarks>
/// <para>Each word is attributed in five steps (<c>docs/merging.md</c> shows each with an example):</para>
/// <list type="number">
/// <item><description><b>Overlap.</b> The speaker whose segments overlap the word the most in total wins when the margin
/// over the next speaker is more than a tenth of the word's length (<see cref="SpeakerAttribution.Overlap"/>). Within
/// that margin the word is in overlapped speech (<see cref="SpeakerAttribution.OverlappedSpeech"/>): it goes to the
/// speaker of the word just before if tied and at most <see cref="MergeOptions.MaxPauseInTurn"/> earlier, else to the
/// speaker whose segment holds the word's midpoint deepest, else to the speaker heard first. A zero-length word is a
/// point: the segments containing it are tied.</description></item>
/// <item><description><b>Nearest segment.</b> A word no segment overlaps takes the speaker of the nearest segment at
/// most <see cref="MergeOptions.MaxGapToNearestSegment"/> away (ties to the speaker heard first)
/// (<see cref="SpeakerAttribution.NearestSegment"/>); else it has no speaker for now.</description></item>
/// <item><description><b>Sentence.</b> Sentences end after <c>. ? !</c> and at pauses longer than
/// <see cref="MergeOptions.MaxPauseInTurn"/>, so no word takes a speaker across a long silence. Inside a sentence, a
/// word is confident when attributed by overlap with a confidence of at least 0.5, and strong at 0.9; a run of words with
/// one speaker is clear when it has at least three confident words. A run that is not clear between two clear runs of
/// one speaker takes that speaker (a one-word island of another speaker inside a sentence is a spurious segment or a
/// boundary error far more often than a real turn); a run that is not clear and has no strong word takes the speaker of
/// the nearer clear run next to it; then each remaining weak word (not confident) takes the speaker of the nearest
/// confident word of its sentence (<see cref="SpeakerAttribution.Sentence"/>). Outside islands, a word some segment
/// overlaps only takes a speaker whose segments overlap it too, so a sentence the diarization clearly splits stays
/// split, with one allowance for imprecise boundaries in the rule of the nearer clear run: a word only one speaker
/// overlaps, sticking out of that speaker's segments by at most 0.25 s (the collar diarization scoring leaves around
/// boundaries), may also take the clear run's speaker when a segment of that speaker comes within 0.25 s of the
/// word.</description></item>
/// <item><description><b>Turn taking.</b> With exactly two speakers, a whole sentence no segment overlaps, between a
/// segment of one speaker ending before it and a segment of the same speaker starting after it, takes the other speaker
/// (<see cref="SpeakerAttribution.TurnTaking"/>): speech the diarization missed between two turns of one person is most
/// often the other's reply.</description></item>
/// <item><description><b>Neighbouring words.</b> A word still without a speaker takes the speaker of the nearest word
/// that has one, when no pause longer than <see cref="MergeOptions.MaxPauseInTurn"/> separates them
/// (<see cref="SpeakerAttribution.NeighbouringWords"/>).</description></item>
/// </list>
/// <para>Every word says how its speaker was chosen (<see cref="TranscriptWord.Attribution"/>) and how sure that is
/// (<see cref="TranscriptWord.AttributionConfidence"/>). With any diarization, a word is left without a speaker only
/// when it is farther than <see cref="MergeOptions.MaxGapToNearestSegment"/> from every segment and separated from
/// every attributed word by a pause longer than <see cref="MergeOptions.MaxPauseInTurn"/>.</para>
/// <para>Neither input needs to be sorted. The merge sorts both (skipping the sort when an input is already in order,
/// as vendor output is), sweeps them once with a set of active segments, and smooths only the sentences the sweep found
/// weak words or speaker changes in; a word that no
/// segment overlaps costs one binary search, and so does each smoothing check against the segments. Time-ordered input
/// costs at most O((W + D) log D) plus the overlaps found (O(W log W) more when the words come unsorted), never W × D;
/// memory is proportional to the output.</para>
/// </remarks>
public static partial class TranscriptMerger
{

    /// <summary>Attributes each word to a speaker of <paramref name="diarization"/> and builds turns.</summary>
    /// <param name="words">Words from any vendor, in any order (their own speakers, if any, are replaced).</param>
    /// <param name="diarization">Speaker segments from any vendor, in any order; may overlap.</param>
    /// <param name="options">Gap and pause thresholds; <see langword="null"/> for defaults.</param>
    /// <returns>The merged transcript: words in time order with speakers and their attribution, and turns. Empty words give an empty
    /// transcript; empty diarization gives words without speakers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="words"/> or <paramref name="diarization"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry of <paramref name="words"/> or <paramref name="diarization"/> is
    /// null, or an option is negative.</exception>
    public static Transcript Merge(IEnumerable<TranscriptWord> words, IEnumerable<DiarizationSegment> diarization, MergeOptions? options = null)
        => Merge(words, diarization, exclusiveDiarization: null, options);

    /// <summary>Attributes each word to a speaker, preferring the exclusive (non-overlapping) diarization, and builds turns.</summary>
    /// <param name="words">Words from any vendor, in any order (their own speakers, if any, are replaced).</param>
    /// <param name="diarization">The regular (possibly overlapping) diarization, in any order.</param>
    /// <param name="exclusiveDiarization">The exclusive diarization (pyannoteAI <c>exclusiveDiarization</c>), in any order.
    /// When it has segments, a word takes its speaker from the exclusive segments it overlaps, else from the regular
    /// segments it overlaps, else from the nearest exclusive segment, else from the nearest regular one. When it is <see langword="null"/> or empty, <paramref name="diarization"/> alone is used.</param>
    /// <param name="options">Gap and pause thresholds; <see langword="null"/> for defaults.</param>
    /// <returns>The merged transcript.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="words"/> or <paramref name="diarization"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry of an input is null, or an option is negative.</exception>
    public static Transcript Merge(
        IEnumerable<TranscriptWord> words,
        IEnumerable<DiarizationSegment> diarization,
        IEnumerable<DiarizationSegment>? exclusiveDiarization,
        MergeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(diarization);
        options ??= MergeOptions.Default;
        options.Validate();

        var maxGap = options.MaxGapToNearestSegment.Ticks;
        var maxPause = options.MaxPauseInTurn.Ticks;

        // Only read here (the result is a new array), so an already sorted input array is used without a copy.
        var marks = new SentenceMarks();
        var sortedWords = Prepare(words, maxPause, marks, out var slots);
        var regular = SegmentIndex.Build(diarization, nameof(diarization));
        var exclusive = exclusiveDiarization is null ? null : SegmentIndex.Build(exclusiveDiarization, nameof(exclusiveDiarization));

        var n = sortedWords.Length;
        string[] labels;
        int attributed;
        if (exclusive is { Count: > 0 })
        {
            // Overlap with the exclusive diarization first, then with the regular one (its speaker ids offset so the two
            // label tables stay separate); only then the nearest segment, exclusive first.
            exclusive.Assign(slots, n, maxGap, maxPause, speakerOffset: 0, nearest: false);
            regular.Assign(slots, n, maxGap, maxPause, speakerOffset: exclusive.SpeakerCount, nearest: false);
            exclusive.Assign(slots, n, maxGap, maxPause, speakerOffset: 0);
            regular.Assign(slots, n, maxGap, maxPause, speakerOffset: exclusive.SpeakerCount);

            // The two tables may both hold a label: one id per distinct label.
            var canonical = CanonicalIds([.. exclusive.Speakers, .. regular.Speakers], out labels);
            attributed = 0;
            for (var i = 0; i < n; i++)
            {
                ref var slot = ref slots[i];
                if (slot.Speaker >= 0)
                {
                    slot.Speaker = canonical[slot.Speaker];
                    attributed++;
                }

                marks.Observe(slots, i);
            }
        }
        else
        {
            // One table, whose ids are already one per label: a single sweep, which also notes where the sentence rule has work.
            attributed = regular.Assign(slots, n, maxGap, maxPause, speakerOffset: 0, marks: marks);
            labels = regular.Speakers;
        }

        if (regular.Count > 0 || exclusive is { Count: > 0 })
        {
            var smoother = new Smoother(n, slots, labels, regular, exclusive);
            smoother.SmoothSentences(marks);
            smoother.TakeTurns(marks);
            if (attributed < n)
            {
                smoother.FillFromNeighbours();
            }
        }

        var transcript = Build(sortedWords, slots, labels, maxPause);
        System.Buffers.ArrayPool<MergeWord>.Shared.Return(slots);
        marks.Return();
        return transcript;
    }

    /// <summary>Checks the words and puts them in order (no copy when already in order, checked in the same pass), and
    /// fills the per-word merge state (times, sentence ends; no speaker yet) in an array rented from
    /// <see cref="System.Buffers.ArrayPool{T}.Shared"/>, so later passes read one dense array instead of every word object.
    /// Also cuts the sentences (<paramref name="marks"/>).</summary>
    private static TranscriptWord[] Prepare(IEnumerable<TranscriptWord> words, long maxPauseTicks, SentenceMarks marks, out MergeWord[] slots)
    {
        var list = WordOrder.ToArray(words, copy: false);
        slots = System.Buffers.ArrayPool<MergeWord>.Shared.Rent(list.Length);
        marks.Rent(list.Length);
        if (!Fill(list, slots, marks, maxPauseTicks))
        {
            list = WordOrder.SortedCopy(list);
            marks.StartSentences();
            Fill(list, slots, marks, maxPauseTicks);
        }

        marks.EndSentences(list.Length);
        return list;
    }

    /// <summary>One pass for <see cref="Prepare"/>: rejects null words, fills the state of each, cuts sentences (after a
    /// word ending with sentence punctuation, and where the next word starts more than <paramref name="maxPauseTicks"/>
    /// after the latest end so far, marking <see cref="MergeWord.PauseFollows"/>), and returns whether the words are in
    /// order (<see cref="WordOrder.InOrder"/>).</summary>
    private static bool Fill(TranscriptWord[] list, MergeWord[] slots, SentenceMarks marks, long maxPauseTicks)
    {
        var sorted = true;
        var reach = long.MinValue;
        for (var i = 0; i < list.Length; i++)
        {
            var w = list[i] ?? throw WordOrder.NullEntry("words", i);
            ref var slot = ref slots[i];
            slot = new MergeWord(w);
            if (i > 0)
            {
                if (sorted && !WordOrder.InOrder(list[i - 1], w))
                {
                    sorted = false;
                }

                if (slot.Start - reach > maxPauseTicks)
                {
                    slots[i - 1].PauseFollows = true;
                    marks.AddSentenceEnd(i);
                }
                else if (slots[i - 1].EndsSentence)
                {
                    marks.AddSentenceEnd(i);
                }
            }

            if (slot.End > reach)
            {
                reach = slot.End;
            }
        }

        return sorted;
    }

    /// <summary>The exclusive and regular tables may both hold a label: one id per distinct label.</summary>
    private static int[] CanonicalIds(string[] names, out string[] labels)
    {
        var list = new List<string>(names.Length);
        var canonical = new int[names.Length];
        for (var j = 0; j < names.Length; j++)
        {
            var k = list.IndexOf(names[j]);
            if (k < 0)
            {
                k = list.Count;
                list.Add(names[j]);
            }

            canonical[j] = k;
        }

        labels = list.ToArray();
        return canonical;
    }

    /// <summary>Whether the sentence rule takes a word's own evidence as confident (<see cref="ConfidentAt"/>).</summary>
    internal static bool IsConfident(SpeakerAttribution reason, float confidence) => reason == SpeakerAttribution.Overlap && confidence >= ConfidentAt;

    /// <summary>Whether a word ends a sentence: its last character, ignoring closing quotes and brackets, is
    /// <c>. ? ! …</c> or the full-width <c>。？！</c>.</summary>
    internal static bool EndsSentence(string text)
    {
        // Most words end in a letter or digit.
        if (text.Length > 0 && char.IsAsciiLetterOrDigit(text[^1]))
        {
            return false;
        }

        for (var k = text.Length - 1; k >= 0; k--)
        {
            switch (text[k])
            {
                case '"' or '\'' or ')' or ']' or '»' or '”' or '’' or ' ':
                    continue;
                case '.' or '?' or '!' or '…' or '。' or '？' or '！':
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// One pass over the attributed words: writes the result words, cuts turns (a new turn at a speaker change or a
    /// pause longer than <paramref name="maxPauseTicks"/>, as <see cref="TurnBuilder"/> does) and lists speakers in
    /// order of first appearance.
    /// </summary>
    private static Transcript Build(TranscriptWord[] sortedWords, MergeWord[] slots, string[] labels, long maxPauseTicks)
    {
        var n = sortedWords.Length;
        var result = new ChunkedWordList(n);
        var turns = new List<SpeakerTurn>();
        var seen = new bool[labels.Length];
        var speakers = new List<string>(labels.Length);
        var turnStart = 0;
        var turnEnd = 0L;
        var previousId = -1;
        string? previousSpeaker = null;
        for (var i = 0; i < n; i++)
        {
            var w = sortedWords[i];
            ref readonly var slot = ref slots[i];
            var id = slot.Speaker;
            var speaker = id >= 0 ? labels[id] : null;
            result.Set(i, new TranscriptWord(w, speaker, slot.Reason, slot.Confidence));

            if (i > turnStart && (id != previousId || slot.Start - turnEnd > maxPauseTicks))
            {
                turns.Add(new SpeakerTurn(previousSpeaker, sortedWords[turnStart].Start, TimeSpan.FromTicks(turnEnd), new WordSlice(result, turnStart, i - turnStart)));
                turnStart = i;
            }

            if (i == turnStart || slot.End > turnEnd)
            {
                turnEnd = slot.End;
            }

            if (id >= 0 && !seen[id])
            {
                seen[id] = true;
                speakers.Add(speaker!);
            }

            previousId = id;
            previousSpeaker = speaker;
        }

        if (n > 0)
        {
            turns.Add(new SpeakerTurn(previousSpeaker, sortedWords[turnStart].Start, TimeSpan.FromTicks(turnEnd), new WordSlice(result, turnStart, n - turnStart)));
        }

        return new Transcript(result, turns.ToArray(), speakers.ToArray());
    }

    /// <summary>Builds a transcript from speaker segments that carry text but no words (JigsawStack <c>speakers[]</c>,
    /// NanoGPT <c>diarization.segments</c>): one turn per non-empty segment, no words.</summary>
    /// <param name="segments">The segments, in any order; kept in input order when they start at the same time.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is null.</exception>
    public static Transcript FromSegments(IEnumerable<SpeakerTextSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var turns = new List<SpeakerTurn>();
        var i = 0;
        foreach (var s in segments)
        {
            if (s is null)
            {
                throw new ArgumentException($"segments[{i}] is null; every segment must be non-null.", nameof(segments));
            }

            var text = s.Text.Trim();
            if (text.Length > 0)
            {
                turns.Add(new SpeakerTurn(s.Speaker, s.Start, s.End, text));
            }

            i++;
        }

        return new Transcript(Array.Empty<TranscriptWord>(), turns);
    }
}

/// <summary>The merge state of one word, in time order: its times, whether it ends a sentence, and the speaker id chosen so
/// far (-1: none), how and how surely. One dense array of these is what every merge pass reads.</summary>
internal struct MergeWord
{
    public long Start;
    public long End;
    public int Speaker;
    public float Confidence;
    public SpeakerAttribution Reason;

    /// <summary>The word ends with sentence punctuation (<see cref="TranscriptMerger.EndsSentence"/>).</summary>
    public bool EndsSentence;

    /// <summary>A pause longer than <see cref="MergeOptions.MaxPauseInTurn"/> follows the word: the next word starts that
    /// long after the latest end so far.</summary>
    public bool PauseFollows;

    /// <summary>The sweep attributed the word by <see cref="SpeakerAttribution.Overlap"/> with exactly one speaker
    /// overlapping it, so its <see cref="Confidence"/> is the share of the word that speaker's segments cover.</summary>
    public bool SoleSpeaker;

    public MergeWord(TranscriptWord word)
    {
        Start = word.Start.Ticks;
        End = word.End.Ticks;
        Speaker = -1;
        Confidence = 0;
        Reason = SpeakerAttribution.Unattributed;
        EndsSentence = TranscriptMerger.EndsSentence(word.Text);
        PauseFollows = false;
        SoleSpeaker = false;
    }
}

/// <summary>Settings for <see cref="TranscriptMerger"/>.</summary>
public sealed class MergeOptions
{
    internal static readonly MergeOptions Default = new();

    /// <summary>A word no segment overlaps takes the nearest segment's speaker if that segment is at most this far away.
    /// Default 5 seconds: ASR word times and automatic speech regions often disagree by more than half a second, a
    /// diarization can miss whole turns, and a word left without a speaker is always wrong (its confidence falls with the
    /// distance, so far guesses are flagged). <see cref="TimeSpan.Zero"/> attributes only words that touch a segment.</summary>
    public TimeSpan MaxGapToNearestSegment { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest pause inside one turn; a longer pause starts a new turn, ends a sentence for the sentence
    /// rule and stops an overlapped-speech tie from following the word before. Default <see cref="TurnOptions.DefaultMaxPause"/>.</summary>
    public TimeSpan MaxPauseInTurn { get; set; } = TurnOptions.DefaultMaxPause;

    internal void Validate()
    {
        if (MaxGapToNearestSegment < TimeSpan.Zero)
        {
            throw new ArgumentException($"MaxGapToNearestSegment must not be negative (was {MaxGapToNearestSegment}).", "options");
        }

        if (MaxPauseInTurn < TimeSpan.Zero)
        {
            throw new ArgumentException($"MaxPauseInTurn must not be negative (was {MaxPauseInTurn}).", "options");
        }
    }
}

/// <summary>A span of speech by one speaker with its text but no word timings.</summary>
public sealed class SpeakerTextSegment
{
    /// <summary>Creates a segment.</summary>
    /// <param name="speaker">The speaker label as the vendor gave it, or <see langword="null"/>.</param>
    /// <param name="start">Start time.</param>
    /// <param name="end">End time; not before <paramref name="start"/>.</param>
    /// <param name="text">The text spoken.</param>
    /// <exception cref="ArgumentException">A time is negative or <paramref name="end"/> is before <paramref name="start"/>.</exception>
    public SpeakerTextSegment(string? speaker, TimeSpan start, TimeSpan end, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        TimeRules.EnsureSpan(start, end, nameof(start), nameof(end));
        Speaker = speaker;
        Start = start;
        End = end;
        Text = text;
    }

    /// <summary>The speaker label, or <see langword="null"/>.</summary>
    public string? Speaker { get; }

    /// <summary>Start time.</summary>
    public TimeSpan Start { get; }

    /// <summary>End time.</summary>
    public TimeSpan End { get; }

    /// <summary>The text spoken.</summary>
    public string Text { get; }
}
