using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Benchmarks;

/// <summary>
/// Baselines that compare every word with every diarization segment, O(W × D). Both apply the rules
/// <see cref="TranscriptMerger"/> had before the accuracy work of issue 14 (largest total overlap per speaker; nearest
/// segment within the gap; ties to the speaker heard first) and build a <see cref="Transcript"/>: the speed baseline, and
/// the "previous" column of the accuracy table.
/// </summary>
internal static class QuadraticMergers
{
    /// <summary>
    /// The WhisperX approach (<c>assign_word_speakers</c>), ported with its data flow: for each word, an intersection
    /// column and a union column over all segments, the rows with a positive intersection kept, intersections summed
    /// per speaker, the speakers sorted by that sum and the first taken.
    /// </summary>
    public static Transcript WhisperXStyle(TranscriptWord[] words, DiarizationSegment[] segments, MergeOptions options)
    {
        // The diarization "data frame": built once.
        var n = segments.Length;
        var starts = new long[n];
        var ends = new long[n];
        var speakers = new string[n];
        for (var j = 0; j < n; j++)
        {
            starts[j] = segments[j].Start.Ticks;
            ends[j] = segments[j].End.Ticks;
            speakers[j] = segments[j].Speaker;
        }

        var rank = HeardFirst(segments);
        var result = new TranscriptWord[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            var ws = w.Start.Ticks;
            var we = w.End.Ticks;
            var intersection = new long[n];
            var union = new long[n];
            for (var j = 0; j < n; j++)
            {
                intersection[j] = Math.Min(ends[j], we) - Math.Max(starts[j], ws);
                union[j] = Math.Max(ends[j], we) - Math.Min(starts[j], ws);
            }

            var hits = new List<(string Speaker, long Intersection)>();
            for (var j = 0; j < n; j++)
            {
                if (intersection[j] > 0 || (ws == we && starts[j] <= ws && ws <= ends[j]))
                {
                    hits.Add((speakers[j], intersection[j]));
                }
            }

            string? speaker = null;
            if (hits.Count > 0)
            {
                var sums = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (s, x) in hits)
                {
                    sums[s] = sums.GetValueOrDefault(s) + x;
                }

                speaker = sums.OrderByDescending(kv => kv.Value).ThenBy(kv => rank[kv.Key]).First().Key;
            }
            else
            {
                // Nearest segment: the largest (least negative) intersection.
                var best = -1;
                for (var j = 0; j < n; j++)
                {
                    if (best < 0 || intersection[j] > intersection[best] || (intersection[j] == intersection[best] && rank[speakers[j]] < rank[speakers[best]]))
                    {
                        best = j;
                    }
                }

                if (best >= 0 && -intersection[best] <= options.MaxGapToNearestSegment.Ticks)
                {
                    speaker = speakers[best];
                }
            }

            result[i] = w.WithSpeaker(speaker);
        }

        return new Transcript(result);
    }

    /// <summary>The same comparison of every word with every segment written as a tight loop: no per-word arrays,
    /// a reused dictionary. The fastest quadratic version, for reference.</summary>
    public static Transcript TightLoop(TranscriptWord[] words, DiarizationSegment[] segments, MergeOptions options)
    {
        var rank = HeardFirst(segments);
        var result = new TranscriptWord[words.Length];
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            totals.Clear();
            string? nearest = null;
            var nearestDistance = long.MaxValue;
            foreach (var s in segments)
            {
                var overlap = Math.Min(s.End.Ticks, w.End.Ticks) - Math.Max(s.Start.Ticks, w.Start.Ticks);
                if (overlap > 0 || (overlap == 0 && w.Start == w.End && s.Start <= w.Start && w.Start <= s.End))
                {
                    totals[s.Speaker] = totals.GetValueOrDefault(s.Speaker) + overlap;
                }
                else
                {
                    var distance = Math.Max(0, -overlap);
                    if (distance < nearestDistance || (distance == nearestDistance && rank[s.Speaker] < rank[nearest!]))
                    {
                        nearestDistance = distance;
                        nearest = s.Speaker;
                    }
                }
            }

            string? speaker = null;
            if (totals.Count > 0)
            {
                var best = long.MinValue;
                foreach (var (name, total) in totals)
                {
                    if (total > best || (total == best && rank[name] < rank[speaker!]))
                    {
                        best = total;
                        speaker = name;
                    }
                }
            }
            else if (nearestDistance <= options.MaxGapToNearestSegment.Ticks)
            {
                speaker = nearest;
            }

            result[i] = w.WithSpeaker(speaker);
        }

        return new Transcript(result);
    }

    private static Dictionary<string, int> HeardFirst(DiarizationSegment[] segments)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in segments.OrderBy(s => s.Start).ThenBy(s => s.End))
        {
            rank.TryAdd(s.Speaker, rank.Count);
        }

        return rank;
    }
}
