namespace Pyannote.Sdk.Transcripts;

public static partial class TranscriptMerger
{
    /// <summary>A run of words with one speaker is clear, inside its sentence, with at least this many confident words.</summary>
    private const int ClearRunWords = 3;

    /// <summary>A word is confident when it is attributed by overlap with at least this confidence.</summary>
    private const float ConfidentAt = 0.5f;

    /// <summary>A word is strong when it is attributed by overlap with at least this confidence (it lies nearly wholly in
    /// one speaker's segments and no other's).</summary>
    private const float StrongAt = 0.9f;

    /// <summary>The passes after the sweep: sentence smoothing and neighbouring words, over the sweep's per-word arrays
    /// (speaker ids already mapped to one id per label).</summary>
    private sealed class Smoother(
        int wordCount,
        long[] starts,
        long[] ends,
        bool[] sentenceEnds,
        int[] assigned,
        SpeakerAttribution[] reasons,
        float[] confidences,
        long maxPauseTicks,
        List<string> labels,
        SegmentIndex regular,
        SegmentIndex? exclusive)
    {
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

        private int WordCount => wordCount;

        /// <summary>Cuts the words into sentences (after <c>. ? !</c>, and at pauses longer than the pause limit since the
        /// latest end so far) and smooths each: the run rule, then the weak-word rule. Linear in the words.</summary>
        public void SmoothSentences()
        {
            // One pass cuts sentences and builds each one's runs; a sentence is smoothed when its end is reached.
            var reach = long.MinValue;
            var first = 0;
            var confident = 0;
            _runCount = 0;
            for (var i = 0; i < WordCount; i++)
            {
                if (i == first || assigned[i] != assigned[i - 1])
                {
                    AddRun(i, assigned[i]);
                }

                if (IsConfident(reasons[i], confidences[i]))
                {
                    confident++;
                    _runConfident[_runCount - 1]++;
                    _runConfidence[_runCount - 1] += confidences[i];
                    if (confidences[i] >= StrongAt)
                    {
                        _runStrong[_runCount - 1]++;
                    }
                }

                reach = Math.Max(reach, ends[i]);
                if (i + 1 == WordCount || sentenceEnds[i] || starts[i + 1] - reach > maxPauseTicks)
                {
                    // Nothing to do when every word is confident, or none is.
                    if (confident > 0 && (confident < i + 1 - first || _runCount >= 2))
                    {
                        // Runs only in a sentence its punctuation closes: a stretch of unpunctuated words between long
                        // pauses may hold several speakers' turns.
                        if (_runCount >= 2 && sentenceEnds[i])
                        {
                            SmoothRuns(i + 1);
                        }

                        SmoothWeakWords(first, i + 1);
                    }

                    first = i + 1;
                    confident = 0;
                    _runCount = 0;
                }
            }
        }

        /// <summary>
        /// Run rule, over the runs of the sentence just read (maximal sequences of words with one speaker, or none). A run
        /// is clear with at least <see cref="ClearRunWords"/> confident words. A run that is not clear between two clear
        /// runs of one speaker (an island: a spurious short segment, a word pushed across a boundary) takes that speaker.
        /// Any other run that is not clear and has no strong word, next to a clear run, gives each word the speaker of the
        /// nearer clear run, where the word's overlapping segments allow it (<see cref="MayTake"/>).
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
                    var source = next < 0 || (p >= 0 && (island || starts[i] - ends[_runFirst[p + 1] - 1] <= starts[_runFirst[next]] - ends[i])) ? p : next;
                    if (assigned[i] != _runSpeaker[source] && (island || MayTake(i, _runSpeaker[source])))
                    {
                        assigned[i] = _runSpeaker[source];
                        reasons[i] = SpeakerAttribution.Sentence;
                        confidences[i] = island ? islandConfidence : MeanConfidence(source) / 2;
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
            var p = -1;
            for (var i = a; i <= b; i++)
            {
                if (i < b && !IsConfident(reasons[i], confidences[i]))
                {
                    continue;
                }

                var q = i < b ? i : -1;
                if (p >= 0 || q >= 0)
                {
                    for (var j = p < 0 ? a : p + 1; j < i; j++)
                    {
                        var source = q < 0 || (p >= 0 && (assigned[p] == assigned[q] || starts[j] - ends[p] <= starts[q] - ends[j])) ? p : q;
                        if (assigned[j] != assigned[source] && MayTake(j, assigned[source]))
                        {
                            assigned[j] = assigned[source];
                            reasons[j] = SpeakerAttribution.Sentence;
                            confidences[j] = confidences[source] / 2;
                        }
                    }
                }

                p = q;
            }
        }

        /// <summary>A word some segment overlaps may only take a speaker whose segments overlap it too.</summary>
        private bool MayTake(int word, int speaker)
        {
            if (reasons[word] is not (SpeakerAttribution.Overlap or SpeakerAttribution.OverlappedSpeech))
            {
                return true;
            }

            _regularIds ??= regular.IdsOf(labels);
            if (_regularIds[speaker] >= 0 && regular.Overlaps(_regularIds[speaker], starts[word], ends[word]))
            {
                return true;
            }

            if (exclusive is null)
            {
                return false;
            }

            _exclusiveIds ??= exclusive.IdsOf(labels);
            return _exclusiveIds[speaker] >= 0 && exclusive.Overlaps(_exclusiveIds[speaker], starts[word], ends[word]);
        }

        /// <summary>Neighbouring-words rule: a word still without a speaker (no segment within the gap) takes the speaker
        /// of the nearest word that has one, when no pause longer than the pause limit separates them (the earlier one at
        /// equal distance). Two linear passes; only run when some word has no speaker.</summary>
        public void FillFromNeighbours()
        {
            // Nearest attributed word before each unattributed one in the same stretch of speech (-1: none), and where
            // stretches start.
            var before = System.Buffers.ArrayPool<int>.Shared.Rent(WordCount);
            var startsStretch = System.Buffers.ArrayPool<bool>.Shared.Rent(WordCount);
            var reach = long.MinValue;
            var last = -1;
            var any = false;
            for (var i = 0; i < WordCount; i++)
            {
                startsStretch[i] = i > 0 && starts[i] - reach > maxPauseTicks;
                if (startsStretch[i])
                {
                    last = -1;
                }

                reach = Math.Max(reach, ends[i]);
                before[i] = last;
                if (assigned[i] >= 0)
                {
                    last = i;
                }
                else
                {
                    any = true;
                }
            }

            var next = -1;
            for (var i = WordCount - 1; i >= 0 && any; i--)
            {
                if (assigned[i] >= 0 && reasons[i] != SpeakerAttribution.NeighbouringWords)
                {
                    next = i;
                }
                else if (assigned[i] < 0)
                {
                    var p = before[i];
                    var source = next < 0 || (p >= 0 && starts[i] - ends[p] <= starts[next] - ends[i]) ? p : next;
                    if (source >= 0)
                    {
                        assigned[i] = assigned[source];
                        reasons[i] = SpeakerAttribution.NeighbouringWords;
                        confidences[i] = Math.Min(0.25f, confidences[source] / 4);
                    }
                }

                if (startsStretch[i])
                {
                    next = -1;
                }
            }

            System.Buffers.ArrayPool<int>.Shared.Return(before);
            System.Buffers.ArrayPool<bool>.Shared.Return(startsStretch);
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
            _runConfident[_runCount] = 0;
            _runConfidence[_runCount] = 0;
            _runStrong[_runCount] = 0;
            _runCount++;
        }
    }
}
