namespace Pyannote.Sdk.Transcripts;

/// <summary>
/// Diarization segments sorted by start time, with speaker labels interned to ids in order of first appearance (so a
/// lower id means "heard first"), and a prefix maximum of end times for nearest-segment look-ups.
/// </summary>
internal sealed class SegmentIndex
{
    private readonly long[] _starts;
    private readonly long[] _ends;
    private readonly int[] _speakers;
    private readonly long[] _prefixMaxEnd;
    private readonly int[] _prefixMaxEndSpeaker;

    private readonly Dictionary<string, int> _ids;

    // Each speaker's segments in start order with a prefix maximum of their ends (built on first use).
    private int[]? _bySpeakerOffset;
    private long[]? _bySpeakerStart;
    private long[]? _bySpeakerMaxEnd;

    private SegmentIndex(long[] starts, long[] ends, int[] speakers, string[] names, Dictionary<string, int> ids)
    {
        _ids = ids;
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

    public static SegmentIndex Build(IEnumerable<DiarizationSegment> segments, string paramName)
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

        return new SegmentIndex(starts, ends, speakers, names.ToArray(), ids);
    }

    /// <summary>
    /// Sweeps time-ordered words against the segments and, for every word without a speaker yet, writes a speaker id
    /// (plus <paramref name="speakerOffset"/>), how it was chosen and how sure that is (the rules in
    /// <see cref="TranscriptMerger"/>). Without <paramref name="nearest"/>, only words some segment overlaps are
    /// attributed. Returns how many of the words have a speaker afterwards. With <paramref name="marks"/> (only for the
    /// last sweep), each word is noted there once settled.
    /// </summary>
    public int Assign(MergeWord[] words, int wordCount, long maxGapTicks, long maxPauseTicks, int speakerOffset, bool nearest = true, SentenceMarks? marks = null)
    {
        var attributed = 0;
        if (_starts.Length == 0)
        {
            for (var w = 0; w < wordCount; w++)
            {
                attributed += words[w].Speaker >= 0 ? 1 : 0;
                marks?.Observe(words, w);
            }

            return attributed;
        }

        var segmentStarts = _starts;
        var segmentEnds = _ends;
        var segmentSpeakers = _speakers;
        var totals = new long[Speakers.Length];
        var present = new bool[Speakers.Length];
        var touched = new int[Speakers.Length];
        var touchedCount = 0;
        var active = new int[16];
        var activeCount = 0;
        var next = 0;

        for (var w = 0; w < wordCount; w++)
        {
            ref var word = ref words[w];
            if (word.Speaker >= 0)
            {
                attributed++;
                marks?.Observe(words, w);
                continue;
            }

            var ws = word.Start;
            var we = word.End;

            // Segments that start no later than the word's end may overlap it (or contain it, for a point word).
            while (next < segmentStarts.Length && segmentStarts[next] <= we)
            {
                if (activeCount == active.Length)
                {
                    Array.Resize(ref active, active.Length * 2);
                }

                active[activeCount++] = next++;
            }

            // The overlap per speaker: while only one speaker overlaps the word (most words), in locals; from the second
            // speaker on, in the per-speaker tallies.
            var point = ws == we;
            var keep = 0;
            var only = -1;
            var onlyTotal = 0L;
            for (var a = 0; a < activeCount; a++)
            {
                var seg = active[a];
                var se = segmentEnds[seg];
                if (se < ws)
                {
                    // Ended before this word: word starts only grow, so it can never overlap a later word.
                    continue;
                }

                active[keep++] = seg;
                var ss = segmentStarts[seg];
                var overlap = Math.Min(se, we) - Math.Max(ss, ws);
                if (overlap > 0 || (point && ss <= ws))
                {
                    var spk = segmentSpeakers[seg];
                    if (touchedCount == 0 && (only < 0 || only == spk))
                    {
                        only = spk;
                        onlyTotal += overlap;
                        continue;
                    }

                    if (touchedCount == 0)
                    {
                        present[only] = true;
                        totals[only] = onlyTotal;
                        touched[touchedCount++] = only;
                    }

                    if (!present[spk])
                    {
                        present[spk] = true;
                        touched[touchedCount++] = spk;
                    }

                    totals[spk] += overlap;
                }
            }

            activeCount = keep;

            var length = we - ws;
            if (touchedCount == 0 && only >= 0)
            {
                // One speaker: the clear overlap rule, with no other speaker to beat.
                word.Speaker = only + speakerOffset;
                word.Reason = SpeakerAttribution.Overlap;
                word.Confidence = length == 0 ? 1f : (float)Math.Min(1.0, onlyTotal / (double)length);
                word.SoleSpeaker = true;
                attributed++;
            }
            else if (touchedCount > 0)
            {
                var best = -1;
                var bestTotal = long.MinValue;
                var second = 0L;
                for (var k = 0; k < touchedCount; k++)
                {
                    var spk = touched[k];
                    var total = totals[spk];
                    if (total > bestTotal || (total == bestTotal && spk < best))
                    {
                        second = Math.Max(second, bestTotal);
                        bestTotal = total;
                        best = spk;
                    }
                    else
                    {
                        second = Math.Max(second, total);
                    }
                }

                if (touchedCount > 1 && (bestTotal - second) * 10 <= length)
                {
                    // Overlapped speech: speakers within a tenth of the word's length of the best are tied. The speaker
                    // of the word just before wins if tied and at most a pause away (the floor holder goes on);
                    // else the one whose segment holds the word's midpoint deepest, then the one heard first.
                    var previous = w > 0 && words[w - 1].Speaker >= speakerOffset ? words[w - 1].Speaker - speakerOffset : -1;
                    var continuing = previous >= 0 && previous < present.Length && present[previous]
                        && (bestTotal - totals[previous]) * 10 <= length && ws - words[w - 1].End <= maxPauseTicks;
                    var chosen = continuing ? previous : DeepestTied(active, activeCount, ws, we, totals, present, bestTotal, length);

                    var other = 0L;
                    for (var k = 0; k < touchedCount; k++)
                    {
                        if (touched[k] != chosen)
                        {
                            other = Math.Max(other, totals[touched[k]]);
                        }
                    }

                    word.Speaker = chosen + speakerOffset;
                    word.Reason = SpeakerAttribution.OverlappedSpeech;
                    word.Confidence = length == 0 ? 0f : (float)(Math.Max(0, totals[chosen] - other) / (double)length);
                }
                else
                {
                    word.Speaker = best + speakerOffset;
                    word.Reason = SpeakerAttribution.Overlap;
                    word.Confidence = length == 0 ? 1f : (float)Math.Min(1.0, (bestTotal - second) / (double)length);
                }

                for (var k = 0; k < touchedCount; k++)
                {
                    totals[touched[k]] = 0;
                    present[touched[k]] = false;
                }

                touchedCount = 0;
                attributed++;
            }
            else if (nearest)
            {
                var closest = Nearest(ws, we, maxGapTicks, out var distance);
                if (closest >= 0)
                {
                    word.Speaker = closest + speakerOffset;
                    word.Reason = SpeakerAttribution.NearestSegment;
                    word.Confidence = maxGapTicks == 0 ? 0.5f : (float)(0.5 * (1 - (distance / (double)maxGapTicks)));
                    attributed++;
                }
            }

            marks?.Observe(words, w);
        }

        return attributed;
    }

    /// <summary>Among the speakers tied on overlap (within a tenth of the word's length of the best), the one whose
    /// segment holds the word's midpoint deepest (farthest from that segment's nearer end), then the one heard first.
    /// Only called on ties, so the sweep itself never computes depths.</summary>
    private int DeepestTied(int[] active, int activeCount, long ws, long we, long[] totals, bool[] present, long bestTotal, long length)
    {
        var chosen = -1;
        var chosenDepth = long.MinValue;
        for (var a = 0; a < activeCount; a++)
        {
            var seg = active[a];
            var spk = _speakers[seg];
            var ss = _starts[seg];
            var se = _ends[seg];
            if (!present[spk] || (bestTotal - totals[spk]) * 10 > length || !(Math.Min(se, we) - Math.Max(ss, ws) > 0 || (ws == we && ss <= ws)))
            {
                continue;
            }

            // Depth of the word's midpoint inside the segment (doubled, to stay in whole ticks).
            var depth = Math.Min(ws + we - (2 * ss), (2 * se) - ws - we);
            if (depth > chosenDepth || (depth == chosenDepth && spk < chosen))
            {
                chosen = spk;
                chosenDepth = depth;
            }
        }

        return chosen;
    }

    /// <summary>Whether a segment of <paramref name="label"/> overlaps the word (contains it, for a point word), by
    /// one binary search in that speaker's segments.</summary>
    public bool Overlaps(string label, long ws, long we) => _ids.TryGetValue(label, out var speaker) && Overlaps(speaker, ws, we);

    /// <summary>This index's speaker id of each label (-1 where it has no such speaker).</summary>
    public int[] IdsOf(string[] labels)
    {
        var ids = new int[labels.Length];
        for (var k = 0; k < ids.Length; k++)
        {
            ids[k] = _ids.TryGetValue(labels[k], out var id) ? id : -1;
        }

        return ids;
    }

    /// <summary>Whether a segment of speaker <paramref name="speaker"/> overlaps the word (contains it, for a point
    /// word), by one binary search in that speaker's segments.</summary>
    public bool Overlaps(int speaker, long ws, long we)
    {
        if (_bySpeakerOffset is null)
        {
            BuildBySpeaker();
        }

        var from = _bySpeakerOffset![speaker];
        var to = _bySpeakerOffset[speaker + 1];

        // Segments of this speaker starting before the word's end (at or before it, for a point word).
        int lo = from, hi = to;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ws == we ? _bySpeakerStart![mid] <= ws : _bySpeakerStart![mid] < we)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo > from && (ws == we ? _bySpeakerMaxEnd![lo - 1] >= ws : _bySpeakerMaxEnd![lo - 1] > ws);
    }

    private void BuildBySpeaker()
    {
        var offset = new int[Speakers.Length + 1];
        foreach (var spk in _speakers)
        {
            offset[spk + 1]++;
        }

        for (var k = 0; k < Speakers.Length; k++)
        {
            offset[k + 1] += offset[k];
        }

        var fill = offset[..^1];
        var starts = new long[_starts.Length];
        var maxEnds = new long[_starts.Length];
        for (var i = 0; i < _starts.Length; i++)
        {
            var at = fill[_speakers[i]]++;
            starts[at] = _starts[i];
            maxEnds[at] = at > offset[_speakers[i]] ? Math.Max(maxEnds[at - 1], _ends[i]) : _ends[i];
        }

        _bySpeakerStart = starts;
        _bySpeakerMaxEnd = maxEnds;
        _bySpeakerOffset = offset;
    }

    /// <summary>The speaker of the nearest segment within <paramref name="maxGapTicks"/> of a word no segment overlaps, or -1.</summary>
    private int Nearest(long ws, long we, long maxGapTicks, out long distanceTicks)
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

            // Segments sharing that start, and zero-length segments inside the word, are at the same distance.
            var speaker = LowestSpeakerFrom(after, we);

            if (distance < bestDistance || (distance == bestDistance && speaker < best))
            {
                bestDistance = distance;
                best = speaker;
            }
        }

        distanceTicks = bestDistance;
        return bestDistance <= maxGapTicks ? best : -1;
    }

    /// <summary>The speaker of the segment that ends last among those ending at or before <paramref name="time"/>, when no
    /// segment that starts by then runs past it (-1 otherwise, or when none ends by then); among equal ends, the speaker
    /// heard first.</summary>
    public int SpeakerEndingBy(long time)
    {
        var before = UpperBound(_starts, time);
        return before > 0 && _prefixMaxEnd[before - 1] <= time ? _prefixMaxEndSpeaker[before - 1] : -1;
    }

    /// <summary>The speaker of the first segment starting at or after <paramref name="time"/> (-1: none); among equal
    /// starts, the speaker heard first.</summary>
    public int SpeakerStartingFrom(long time)
    {
        var first = UpperBound(_starts, time - 1);
        return first < _starts.Length ? LowestSpeakerFrom(first, _starts[first]) : -1;
    }

    /// <summary>The lowest speaker id (the speaker heard first) among segment <paramref name="first"/> and the segments
    /// after it that share its start or start by <paramref name="through"/>.</summary>
    private int LowestSpeakerFrom(int first, long through)
    {
        var speaker = _speakers[first];
        for (var k = first + 1; k < _starts.Length && (_starts[k] == _starts[first] || _starts[k] <= through); k++)
        {
            speaker = Math.Min(speaker, _speakers[k]);
        }

        return speaker;
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
