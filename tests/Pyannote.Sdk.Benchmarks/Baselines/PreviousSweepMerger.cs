using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Benchmarks.Baselines;

// The sorted-sweep merger as it was at commit b0952c2, before the accuracy work of issue 14, frozen here as the speed
// baseline: issue 14 requires the current merger to stay within 1.2x of it, measured in the same run on the same machine.
// Only the single-diarization path is kept (the speed benchmark has no exclusive diarization). Do not "improve" it.

/// <summary>The b0952c2 merge: largest total overlap, else the nearest segment within the gap; ties to the speaker heard first.</summary>
internal static class PreviousSweepMerger
{
    public static Transcript Merge(TranscriptWord[] words, DiarizationSegment[] diarization, MergeOptions options)
    {
        var sortedWords = SortWords(words, nameof(words), copy: false, withTimes: true, out var starts, out var ends);
        var regular = PreviousSegmentIndex.Build(diarization, nameof(diarization));
        var assigned = System.Buffers.ArrayPool<int>.Shared.Rent(sortedWords.Length);
        Array.Fill(assigned, -1, 0, sortedWords.Length);
        var maxGap = options.MaxGapToNearestSegment.Ticks;
        regular.Assign(starts, ends, sortedWords.Length, assigned, maxGap, speakerOffset: 0);
        var names = regular.Speakers;
        var transcript = Build(sortedWords, starts, ends, assigned, names, options.MaxPauseInTurn.Ticks);
        System.Buffers.ArrayPool<int>.Shared.Return(assigned);
        System.Buffers.ArrayPool<long>.Shared.Return(starts);
        System.Buffers.ArrayPool<long>.Shared.Return(ends);
        return transcript;
    }

    private static Transcript Build(TranscriptWord[] sortedWords, long[] starts, long[] ends, int[] assigned, string[] names, long maxPauseTicks)
    {
        // The exclusive and regular tables may both hold a label: compare labels through one id each.
        var labels = new List<string>(names.Length);
        var canonical = new int[names.Length];
        for (var j = 0; j < names.Length; j++)
        {
            var k = labels.IndexOf(names[j]);
            if (k < 0)
            {
                k = labels.Count;
                labels.Add(names[j]);
            }

            canonical[j] = k;
        }

        var n = sortedWords.Length;
        var result = new ChunkedWordList(n);
        var turns = new List<SpeakerTurn>();
        var seen = new bool[labels.Count];
        var speakers = new List<string>(labels.Count);
        var turnStart = 0;
        var turnEnd = 0L;
        var previousId = -1;
        string? previousSpeaker = null;
        for (var i = 0; i < n; i++)
        {
            var w = sortedWords[i];
            var id = assigned[i] >= 0 ? canonical[assigned[i]] : -1;
            var speaker = id >= 0 ? labels[id] : null;
            result.Set(i, string.Equals(w.Speaker, speaker, StringComparison.Ordinal) ? w : w.WithSpeaker(speaker));

            if (i > turnStart && (id != previousId || starts[i] - turnEnd > maxPauseTicks))
            {
                turns.Add(new SpeakerTurn(previousSpeaker, sortedWords[turnStart].Start, TimeSpan.FromTicks(turnEnd), new WordSlice(result, turnStart, i - turnStart)));
                turnStart = i;
            }

            if (i == turnStart || ends[i] > turnEnd)
            {
                turnEnd = ends[i];
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

    private static TranscriptWord[] SortWords(IEnumerable<TranscriptWord> words, string paramName, bool copy, bool withTimes, out long[] starts, out long[] ends)
    {
        var list = !copy && words is TranscriptWord[] array ? array : words.ToArray();
        starts = withTimes ? System.Buffers.ArrayPool<long>.Shared.Rent(list.Length) : [];
        ends = withTimes ? System.Buffers.ArrayPool<long>.Shared.Rent(list.Length) : [];

        var sorted = true;
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"{paramName}[{i}] is null; every word must be non-null.", paramName);
            }

            if (i > 0 && sorted && Compare(list[i - 1].Start, list[i - 1].End, list[i].Start, list[i].End) > 0)
            {
                sorted = false;
            }

            if (withTimes)
            {
                starts[i] = list[i].Start.Ticks;
                ends[i] = list[i].End.Ticks;
            }
        }

        if (!sorted)
        {
            // Stable: sort indices by (start, end, original index).
            var keys = new (long Start, long End, int Index)[list.Length];
            for (var i = 0; i < list.Length; i++)
            {
                keys[i] = (list[i].Start.Ticks, list[i].End.Ticks, i);
            }

            Array.Sort(keys);
            var ordered = new TranscriptWord[list.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                ordered[i] = list[keys[i].Index];
                if (withTimes)
                {
                    starts[i] = keys[i].Start;
                    ends[i] = keys[i].End;
                }
            }

            list = ordered;
        }

        return list;
    }

    private static int Compare(TimeSpan s1, TimeSpan e1, TimeSpan s2, TimeSpan e2)
    {
        var c = s1.CompareTo(s2);
        return c != 0 ? c : e1.CompareTo(e2);
    }
}

/// <summary>
/// Diarization segments sorted by start time, with speaker labels interned to ids in order of first appearance (so a
/// lower id means "heard first"), and a prefix maximum of end times for nearest-segment look-ups.
/// </summary>
/// <remarks>The b0952c2 version (see <see cref="PreviousSweepMerger"/>).</remarks>
internal sealed class PreviousSegmentIndex
{
    private readonly long[] _starts;
    private readonly long[] _ends;
    private readonly int[] _speakers;
    private readonly long[] _prefixMaxEnd;
    private readonly int[] _prefixMaxEndSpeaker;

    private PreviousSegmentIndex(long[] starts, long[] ends, int[] speakers, string[] names)
    {
        _starts = starts;
        _ends = ends;
        _speakers = speakers;
        Speakers = names;
        _prefixMaxEnd = new long[starts.Length];
        _prefixMaxEndSpeaker = new int[starts.Length];
        var maxEnd = long.MinValue;
        var maxSpeaker = -1;
        for (var i = 0; i < starts.Length; i++)
        {
            if (ends[i] > maxEnd || (ends[i] == maxEnd && speakers[i] < maxSpeaker))
            {
                maxEnd = ends[i];
                maxSpeaker = speakers[i];
            }

            _prefixMaxEnd[i] = maxEnd;
            _prefixMaxEndSpeaker[i] = maxSpeaker;
        }
    }

    public int Count => _starts.Length;

    /// <summary>Speaker labels by id, in order of first appearance.</summary>
    public string[] Speakers { get; }

    public int SpeakerCount => Speakers.Length;

    public static PreviousSegmentIndex Build(IEnumerable<DiarizationSegment> segments, string paramName)
    {
        var list = segments as IReadOnlyList<DiarizationSegment> ?? segments.ToArray();
        var n = list.Count;
        var keys = new (long Start, long End, int Index)[n];
        var sorted = true;
        for (var i = 0; i < n; i++)
        {
            var s = list[i] ?? throw new ArgumentException($"{paramName}[{i}] is null; every segment must be non-null.", paramName);
            keys[i] = (s.Start.Ticks, s.End.Ticks, i);
            if (i > 0 && sorted && keys[i - 1].CompareTo(keys[i]) > 0)
            {
                sorted = false;
            }
        }

        if (!sorted)
        {
            Array.Sort(keys);
        }

        var starts = new long[n];
        var ends = new long[n];
        var speakers = new int[n];
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        string? lastName = null;
        var lastId = -1;
        for (var i = 0; i < n; i++)
        {
            var s = list[keys[i].Index];
            starts[i] = keys[i].Start;
            ends[i] = keys[i].End;
            if (!ReferenceEquals(s.Speaker, lastName))
            {
                if (!ids.TryGetValue(s.Speaker, out lastId))
                {
                    lastId = names.Count;
                    ids.Add(s.Speaker, lastId);
                    names.Add(s.Speaker);
                }

                lastName = s.Speaker;
            }

            speakers[i] = lastId;
        }

        return new PreviousSegmentIndex(starts, ends, speakers, names.ToArray());
    }

    /// <summary>
    /// Sweeps time-ordered words (their start and end ticks) against the segments and writes a speaker id (plus <paramref name="speakerOffset"/>)
    /// into <paramref name="assigned"/> for every word still at -1.
    /// </summary>
    public void Assign(long[] wordStarts, long[] wordEnds, int wordCount, int[] assigned, long maxGapTicks, int speakerOffset)
    {
        if (_starts.Length == 0)
        {
            return;
        }

        var totals = new long[Speakers.Length];
        var present = new bool[Speakers.Length];
        var touched = new int[Speakers.Length];
        var touchedCount = 0;
        var active = new int[16];
        var activeCount = 0;
        var next = 0;

        for (var w = 0; w < wordCount; w++)
        {
            if (assigned[w] >= 0)
            {
                continue;
            }

            var ws = wordStarts[w];
            var we = wordEnds[w];

            // Segments that start no later than the word's end may overlap it (or contain it, for a point word).
            while (next < _starts.Length && _starts[next] <= we)
            {
                if (activeCount == active.Length)
                {
                    Array.Resize(ref active, active.Length * 2);
                }

                active[activeCount++] = next++;
            }

            var point = ws == we;
            var keep = 0;
            for (var a = 0; a < activeCount; a++)
            {
                var seg = active[a];
                var se = _ends[seg];
                if (se < ws)
                {
                    // Ended before this word: word starts only grow, so it can never overlap a later word.
                    continue;
                }

                active[keep++] = seg;
                var ss = _starts[seg];
                var spk = _speakers[seg];
                if (point)
                {
                    if (ss <= ws && !present[spk])
                    {
                        present[spk] = true;
                        touched[touchedCount++] = spk;
                    }
                }
                else
                {
                    var overlap = Math.Min(se, we) - Math.Max(ss, ws);
                    if (overlap > 0)
                    {
                        if (!present[spk])
                        {
                            present[spk] = true;
                            touched[touchedCount++] = spk;
                        }

                        totals[spk] += overlap;
                    }
                }
            }

            activeCount = keep;

            var best = -1;
            if (touchedCount > 0)
            {
                var bestTotal = long.MinValue;
                for (var k = 0; k < touchedCount; k++)
                {
                    var spk = touched[k];
                    // Largest total overlap; ties (and point words) go to the speaker heard first (lowest id).
                    if (totals[spk] > bestTotal || (totals[spk] == bestTotal && spk < best))
                    {
                        bestTotal = totals[spk];
                        best = spk;
                    }

                    totals[spk] = 0;
                    present[spk] = false;
                }

                touchedCount = 0;
            }
            else
            {
                best = Nearest(ws, we, maxGapTicks);
            }

            if (best >= 0)
            {
                assigned[w] = best + speakerOffset;
            }
        }
    }

    /// <summary>The speaker of the nearest segment within <paramref name="maxGapTicks"/> of a word no segment overlaps, or -1.</summary>
    private int Nearest(long ws, long we, long maxGapTicks)
    {
        // Index of the first segment starting after the word's start; everything before it starts at or before ws.
        var after = UpperBound(_starts, ws);
        var bestDistance = long.MaxValue;
        var best = -1;
        if (after > 0)
        {
            bestDistance = Math.Max(0, ws - _prefixMaxEnd[after - 1]);
            best = _prefixMaxEndSpeaker[after - 1];
        }

        if (after < _starts.Length)
        {
            var distance = Math.Max(0, _starts[after] - we);
            var speaker = _speakers[after];
            // Segments sharing that start, and zero-length segments inside the word, are at the same distance.
            for (var k = after + 1; k < _starts.Length && (_starts[k] == _starts[after] || _starts[k] <= we); k++)
            {
                speaker = Math.Min(speaker, _speakers[k]);
            }

            if (distance < bestDistance || (distance == bestDistance && speaker < best))
            {
                bestDistance = distance;
                best = speaker;
            }
        }

        return bestDistance <= maxGapTicks ? best : -1;
    }

    private static int UpperBound(long[] values, long value)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
