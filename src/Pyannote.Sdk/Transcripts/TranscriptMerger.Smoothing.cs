namespace Pyannote.Sdk.Transcripts;

public static partial class TranscriptMerger
{
    /// <summary>A run of words with one speaker is clear, inside its sentence, with at least this many confident words.</summary>
    private const int ClearRunWords = 3;

    /// <summary>The confidence of a word attributed by the turn-taking rule (<see cref="SpeakerAttribution.TurnTaking"/>).</summary>
    private const float TurnTakingConfidence = 0.25f;

    /// <summary>A word is confident when it is attributed by overlap with at least this confidence.</summary>
    private const float ConfidentAt = 0.5f;

    /// <summary>A word is strong when it is attributed by overlap with at least this confidence (it lies nearly wholly in
    /// one speaker's segments and no other's).</summary>
    private const float StrongAt = 0.9f;

    /// <summary>The passes after the sweep: sentence smoothing and neighbouring words, over the sweep's per-word state
    /// (speaker ids already mapped to one id per label).</summary>
    private sealed class Smoother(
        int wordCount,
        MergeWord[] words,
        string[] labels,
        SegmentIndex regular,
        SegmentIndex? exclusive)
    {
        /// <summary>How imprecise a diarization boundary is taken to be, in ticks (0.25 s: the collar diarization scoring
        /// leaves around boundaries). See <see cref="WithinBoundaryTolerance"/>.</summary>
        private const long BoundaryTolerance = 250 * TimeSpan.TicksPerMillisecond;

        // The runs of the sentence being read: first word, speaker, confident and strong words, sum of confidences.
        private int[] _runFirst = new int[16];
        private int[] _runSpeaker = new int[16];
        private int[] _runConfident = new int[16];
        private float[] _runConfidence = new float[16];
        private int[] _runPreviousClear = new int[16];
        private int[] _runStrong = new int[16];
        private int _runCount;

        // Regular and exclusive speaker id of each label (-1 where a diarization does not have it), built on first use.
        private int[]? _regularIds;
        private int[]? _exclusiveIds;

        /// <summary>Smooths each sentence (cut by <paramref name="marks"/>: after <c>. ? !</c>, and at pauses longer than
        /// the pause limit since the latest end so far): the run rule, then the weak-word rule. Only sentences with weak
        /// words or a speaker change are visited; the run rule, the only one that reads every word of a sentence, only
        /// where its punctuation closes it and the speaker changes inside it.</summary>
        public void SmoothSentences(SentenceMarks marks)
        {
            var ends = marks.SentenceEnds;
            var weak = marks.Weak;
            var changes = marks.Changes;
            var weakAt = 0;
            var changeAt = 0;
            var a = 0;
            for (var s = 0; s < marks.SentenceCount; s++)
            {
                var b = ends[s];
                var weakFrom = weakAt;
                var weakCount = marks.SkipWeakBefore(b, ref weakAt);

                // Changes inside the sentence: after its first word.
                var changed = false;
                while (changeAt < marks.ChangeCount && changes[changeAt] < b)
                {
                    changed |= changes[changeAt] > a;
                    changeAt++;
                }

                // Nothing to do when every word is confident and one speaker's, or none is confident.
                if (weakCount < b - a && (weakCount > 0 || changed))
                {
                    // Runs only in a sentence its punctuation closes: a stretch of unpunctuated words between long
                    // pauses may hold several speakers' turns.
                    if (changed && words[b - 1].EndsSentence)
                    {
                        ReadRuns(a, b);
                        SmoothRuns(b);

                        // The run rule may have made confident words weak: read the whole sentence again.
                        SmoothWeakWords(a, b);
                    }
                    else if (weakCount > 0)
                    {
                        SmoothListedWeakWords(a, b, weak, weakFrom, weakAt);
                    }
                }

                a = b;
            }
        }

        /// <summary>The runs of sentence [<paramref name="a"/>, <paramref name="b"/>): maximal sequences of words with one
        /// speaker (or none), with their confident and strong words and sum of confidences.</summary>
        private void ReadRuns(int a, int b)
        {
            var all = words;
            var speaker = int.MinValue;
            var runConfident = 0;
            var runStrong = 0;
            var runConfidence = 0f;
            _runCount = 0;
            for (var i = a; i < b; i++)
            {
                ref readonly var word = ref all[i];
                if (word.Speaker != speaker)
                {
                    if (_runCount > 0)
                    {
                        CloseRun(runConfident, runConfidence, runStrong);
                        runConfident = runStrong = 0;
                        runConfidence = 0;
                    }

                    speaker = word.Speaker;
                    AddRun(i, speaker);
                }

                if (IsConfident(word.Reason, word.Confidence))
                {
                    runConfident++;
                    runConfidence += word.Confidence;
                    if (word.Confidence >= StrongAt)
                    {
                        runStrong++;
                    }
                }
            }

            CloseRun(runConfident, runConfidence, runStrong);
        }

        /// <summary>
        /// Run rule, over the runs of the sentence just read (maximal sequences of words with one speaker, or none). A run
        /// is clear with at least <see cref="ClearRunWords"/> confident words. A run that is not clear between two clear
        /// runs of one speaker (an island: a spurious short segment, a word pushed across a boundary) takes that speaker.
        /// Any other run that is not clear and has no strong word, next to a clear run, gives each word the speaker of the
        /// nearer clear run, where the word's overlapping segments allow it (<see cref="MayTake"/>) or the word lies at a
        /// boundary that speaker's segment is within the tolerance of (<see cref="WithinBoundaryTolerance"/>).
        /// </summary>
        private void SmoothRuns(int b)
        {
            var previous = -1;
            for (var r = 0; r < _runCount; r++)
            {
                _runPreviousClear[r] = previous;
                if (IsClear(r))
                {
                    previous = r;
                }
            }

            var next = -1;
            for (var r = _runCount - 1; r >= 0; r--)
            {
                if (IsClear(r))
                {
                    next = r;
                    continue;
                }

                var p = _runPreviousClear[r];
                var island = p >= 0 && next >= 0 && _runSpeaker[p] == _runSpeaker[next];
                if (!island && (_runStrong[r] > 0 || (p < 0 && next < 0)))
                {
                    continue;
                }

                // An island's confidence: half the weaker mean confidence of the two clear runs around it.
                var islandConfidence = island ? Math.Min(MeanConfidence(p), MeanConfidence(next)) / 2 : 0;
                var last = r + 1 < _runCount ? _runFirst[r + 1] : b;
                for (var i = _runFirst[r]; i < last; i++)
                {
                    var source = next < 0 || (p >= 0 && (island || words[i].Start - words[_runFirst[p + 1] - 1].End <= words[_runFirst[next]].Start - words[i].End)) ? p : next;
                    var speaker = _runSpeaker[source];
                    if (words[i].Speaker != speaker && (island || MayTake(i, speaker) || WithinBoundaryTolerance(i, speaker)))
                    {
                        words[i].Speaker = speaker;
                        words[i].Reason = SpeakerAttribution.Sentence;
                        words[i].Confidence = island ? islandConfidence : MeanConfidence(source) / 2;
                    }
                }
            }
        }

        private float MeanConfidence(int run) => _runConfidence[run] / _runConfident[run];

        private bool IsClear(int run) => _runSpeaker[run] >= 0 && _runConfident[run] >= ClearRunWords;

        /// <summary>Each weak word takes the speaker of the nearest confident word of the sentence (the earlier one at equal
        /// distance), unless segments overlap the word and none of them is that speaker's.</summary>
        private void SmoothWeakWords(int a, int b)
        {
            // One pass: the weak words between two confident words (or a sentence end) are settled when the second is reached.
            var all = words;
            var p = -1;
            for (var i = a; i <= b; i++)
            {
                if (i < b && !IsConfident(all[i].Reason, all[i].Confidence))
                {
                    continue;
                }

                var q = i < b ? i : -1;
                if (p >= 0 || q >= 0)
                {
                    for (var j = p < 0 ? a : p + 1; j < i; j++)
                    {
                        SettleWeakWord(j, p, q);
                    }
                }

                p = q;
            }
        }

        /// <summary>As <see cref="SmoothWeakWords"/> when no rule has run on the sentence yet, so its weak words are the
        /// ones the sweep listed (<paramref name="weak"/> from <paramref name="weakFrom"/> to before <paramref name="weakTo"/>): only those are visited, a stretch of consecutive ones at a time, between the
        /// confident words around it.</summary>
        private void SmoothListedWeakWords(int a, int b, int[] weak, int weakFrom, int weakTo)
        {
            for (var k = weakFrom; k < weakTo; k++)
            {
                var from = weak[k];
                var to = from;
                while (k + 1 < weakTo && weak[k + 1] == to + 1)
                {
                    k++;
                    to++;
                }

                var p = from > a ? from - 1 : -1;
                var q = to + 1 < b ? to + 1 : -1;
                if (p >= 0 || q >= 0)
                {
                    for (var j = from; j <= to; j++)
                    {
                        SettleWeakWord(j, p, q);
                    }
                }
            }
        }

        /// <summary>Weak word <paramref name="j"/> takes the speaker of the nearer of the confident words
        /// <paramref name="p"/> before it and <paramref name="q"/> after it (-1: none; the earlier at equal distance),
        /// where its overlapping segments allow it (<see cref="MayTake"/>).</summary>
        private void SettleWeakWord(int j, int p, int q)
        {
            var all = words;
            ref var weak = ref all[j];
            var source = q < 0 || (p >= 0 && (all[p].Speaker == all[q].Speaker || weak.Start - all[p].End <= all[q].Start - weak.End)) ? p : q;
            var speaker = all[source].Speaker;
            if (weak.Speaker != speaker && MayTake(j, speaker))
            {
                weak.Speaker = speaker;
                weak.Reason = SpeakerAttribution.Sentence;
                weak.Confidence = all[source].Confidence / 2;
            }
        }

        /// <summary>A word some segment overlaps may only take a speaker whose segments overlap it too.</summary>
        private bool MayTake(int word, int speaker)
        {
            if (words[word].Reason is not (SpeakerAttribution.Overlap or SpeakerAttribution.OverlappedSpeech))
            {
                return true;
            }

            return HasSegmentIn(speaker, words[word].Start, words[word].End);
        }

        /// <summary>
        /// Boundary tolerance (run rule only, not islands nor weak words): a word the sweep attributed by overlap with one
        /// speaker alone may also take <paramref name="speaker"/> when at most <see cref="BoundaryTolerance"/> of it lies
        /// outside that one speaker's segments and a segment of <paramref name="speaker"/> overlaps the word widened by
        /// <see cref="BoundaryTolerance"/> on each side: the word straddles a boundary the diarization placed a little off.
        /// A word mostly outside its segments (a Whisper-style word stretched over a pause) never qualifies. One binary
        /// search per diarization.
        /// </summary>
        private bool WithinBoundaryTolerance(int word, int speaker)
        {
            ref readonly var w = ref words[word];
            if (!w.SoleSpeaker || w.Reason != SpeakerAttribution.Overlap || (1 - (double)w.Confidence) * (w.End - w.Start) > BoundaryTolerance)
            {
                return false;
            }

            return HasSegmentIn(speaker, w.Start - BoundaryTolerance, w.End + BoundaryTolerance);
        }

        /// <summary>Whether a segment of <paramref name="speaker"/>, in the regular or the exclusive diarization, overlaps
        /// [<paramref name="from"/>, <paramref name="to"/>] (contains it, for a point): a binary search in each.</summary>
        private bool HasSegmentIn(int speaker, long from, long to)
        {
            _regularIds ??= regular.IdsOf(labels);
            if (_regularIds[speaker] >= 0 && regular.Overlaps(_regularIds[speaker], from, to))
            {
                return true;
            }

            if (exclusive is null)
            {
                return false;
            }

            _exclusiveIds ??= exclusive.IdsOf(labels);
            return _exclusiveIds[speaker] >= 0 && exclusive.Overlaps(_exclusiveIds[speaker], from, to);
        }

        /// <summary>Turn-taking rule, only when the diarization has exactly two speakers: a whole sentence that no segment
        /// overlaps (each word attributed by the nearest segment, or not at all), lying between a segment of one speaker
        /// that ends before it and a segment of the same speaker that starts after it, takes the other speaker. In a
        /// conversation of two, a whole sentence the diarization missed between two of one person's turns is most often
        /// the other person's reply. One pass over the sentence ends and the sweep's weak words (only sentences whose words
        /// are all weak are read), two binary searches per unheard sentence.</summary>
        public void TakeTurns(SentenceMarks marks)
        {
            if (labels.Length != 2)
            {
                return;
            }

            var index = exclusive is { Count: > 0 } ? exclusive : regular;
            var ends = marks.SentenceEnds;
            var weakAt = 0;
            var a = 0;
            for (var s = 0; s < marks.SentenceCount; s++)
            {
                var b = ends[s];

                // Only a sentence whose words were all weak after the sweep can be unheard: the others cost nothing here.
                if (marks.SkipWeakBefore(b, ref weakAt) == b - a && IsUnheard(a, b, out var latestEnd))
                {
                    var before = index.SpeakerEndingBy(words[a].Start);
                    var after = index.SpeakerStartingFrom(latestEnd);
                    if (before >= 0 && before == after)
                    {
                        var other = 1 - Array.IndexOf(labels, index.Speakers[before]);
                        for (var i = a; i < b; i++)
                        {
                            words[i].Speaker = other;
                            words[i].Reason = SpeakerAttribution.TurnTaking;
                            words[i].Confidence = TurnTakingConfidence;
                        }
                    }
                }

                a = b;
            }
        }

        /// <summary>Whether no segment overlaps any word of sentence [<paramref name="a"/>, <paramref name="b"/>): the sweep
        /// attributed each by the nearest segment or not at all, and the sentence rule (which only moves words towards a
        /// confident word of the sentence) left them so. Also gives the latest end of its words.</summary>
        private bool IsUnheard(int a, int b, out long latestEnd)
        {
            latestEnd = long.MinValue;
            for (var i = a; i < b; i++)
            {
                if (words[i].Reason is not (SpeakerAttribution.NearestSegment or SpeakerAttribution.Unattributed))
                {
                    return false;
                }

                latestEnd = Math.Max(latestEnd, words[i].End);
            }

            return b > a;
        }

        /// <summary>Neighbouring-words rule: a word still without a speaker (no segment within the gap) takes the speaker
        /// of the nearest word that has one, when no pause longer than the pause limit separates them (the earlier one at
        /// equal distance). Two linear passes; only run when some word has no speaker.</summary>
        public void FillFromNeighbours()
        {
            // Nearest attributed word before each unattributed one in the same stretch of speech (-1: none); stretches
            // end where a long pause follows a word (MergeWord.PauseFollows).
            var all = words;
            var before = System.Buffers.ArrayPool<int>.Shared.Rent(wordCount);
            var last = -1;
            var any = false;
            for (var i = 0; i < wordCount; i++)
            {
                if (i > 0 && all[i - 1].PauseFollows)
                {
                    last = -1;
                }

                before[i] = last;
                if (all[i].Speaker >= 0)
                {
                    last = i;
                }
                else
                {
                    any = true;
                }
            }

            var next = -1;
            for (var i = wordCount - 1; i >= 0 && any; i--)
            {
                ref var word = ref all[i];
                if (word.PauseFollows)
                {
                    next = -1;
                }

                if (word.Speaker >= 0 && word.Reason != SpeakerAttribution.NeighbouringWords)
                {
                    next = i;
                }
                else if (word.Speaker < 0)
                {
                    var p = before[i];
                    var source = next < 0 || (p >= 0 && word.Start - all[p].End <= all[next].Start - word.End) ? p : next;
                    if (source >= 0)
                    {
                        word.Speaker = all[source].Speaker;
                        word.Reason = SpeakerAttribution.NeighbouringWords;
                        word.Confidence = Math.Min(0.25f, all[source].Confidence / 4);
                    }
                }
            }

            System.Buffers.ArrayPool<int>.Shared.Return(before);
        }

        /// <summary>Stores the tallies of the run being read (the last one added).</summary>
        private void CloseRun(int confident, float confidence, int strong)
        {
            var r = _runCount - 1;
            _runConfident[r] = confident;
            _runConfidence[r] = confidence;
            _runStrong[r] = strong;
        }

        private void AddRun(int first, int speaker)
        {
            if (_runCount == _runFirst.Length)
            {
                var size = _runCount * 2;
                Array.Resize(ref _runFirst, size);
                Array.Resize(ref _runSpeaker, size);
                Array.Resize(ref _runConfident, size);
                Array.Resize(ref _runConfidence, size);
                Array.Resize(ref _runPreviousClear, size);
                Array.Resize(ref _runStrong, size);
            }

            _runFirst[_runCount] = first;
            _runSpeaker[_runCount] = speaker;
            _runCount++;
        }
    }
}
