namespace Pyannote.Sdk.Benchmarks.Accuracy;

/// <summary>A seeded damage applied to the reference diarization and/or the word times, at strength 1, 2 or 3.</summary>
internal sealed record Degradation(
    string Name,
    string[] StrengthLabels,
    Func<List<Seg>, List<RefWord>, int, Random, (List<Seg> Segments, List<RefWord> Words)> Apply)
{
    /// <summary>The degradations of the accuracy table. Each one models a way an automatic diarization or an ASR engine
    /// disagrees with the truth; "combined" applies all of them (but the confusions) at once.</summary>
    public static IReadOnlyList<Degradation> All { get; } =
    [
        new("boundary shift", ["±100 ms", "±250 ms", "±500 ms"], (s, w, k, r) => (ShiftBoundaries(s, Pick(k, 0.1, 0.25, 0.5), r), w)),
        new("regions shortened / missed", ["trim ≤0.1 s, 10% holed, 5% missed", "trim ≤0.25 s, 25% holed, 10% missed", "trim ≤0.5 s, 50% holed, 20% missed"],
            (s, w, k, r) => (Shorten(s, Pick(k, 0.1, 0.25, 0.5), Pick(k, 0.1, 0.25, 0.5), Pick(k, 0.05, 0.1, 0.2), r), w)),
        new("short segments dropped", ["< 0.5 s", "< 1 s", "< 2 s"], (s, w, k, _) => (DropShort(s, Pick(k, 0.5, 1.0, 2.0)), w)),
        new("spurious short segments", ["+5%", "+15%", "+30%"], (s, w, k, r) => (AddSpurious(s, Pick(k, 0.05, 0.15, 0.30), r), w)),
        new("speaker confusion in short turns", ["10% of < 2 s", "25% of < 2 s", "50% of < 2 s"],
            (s, w, k, r) => (ConfuseShort(s, Pick(k, 0.1, 0.25, 0.5), r), w)),
        new("overlapping speech", ["+≤0.25 s", "+≤0.5 s", "+≤1 s"], (s, w, k, r) => (Extend(s, Pick(k, 0.25, 0.5, 1.0), r), w)),
        new("ASR word-time jitter", ["±100 ms", "±250 ms", "±500 ms"], (s, w, k, r) => (s, Jitter(w, Pick(k, 0.1, 0.25, 0.5), r))),
        new("words stretched across pauses", ["30%, ≤1 s", "60%, ≤2 s", "100%, ≤4 s"],
            (s, w, k, r) => (s, Stretch(w, Pick(k, 0.3, 0.6, 1.0), Pick(k, 1.0, 2.0, 4.0), r))),
        new("combined (all but confusion)", ["level 1", "level 2", "level 3"], Combined),
    ];

    private static double Pick(int strength, double one, double two, double three) => strength switch { 1 => one, 2 => two, _ => three };

    private static double Uniform(Random r, double min, double max) => min + (r.NextDouble() * (max - min));

    private static (List<Seg>, List<RefWord>) Combined(List<Seg> s, List<RefWord> w, int k, Random r)
    {
        foreach (var d in All.Where(d => d.Name is not ("speaker confusion in short turns" or "combined (all but confusion)")))
        {
            (s, w) = d.Apply(s, w, k, r);
        }

        return (s, w);
    }

    /// <summary>Each start and end moves by up to ±<paramref name="max"/> seconds; a segment that collapses is lost.</summary>
    private static List<Seg> ShiftBoundaries(List<Seg> segments, double max, Random r) =>
        segments.Select(s => s with { Start = Math.Max(0, s.Start + Uniform(r, -max, max)), End = s.End + Uniform(r, -max, max) })
            .Where(s => s.End - s.Start > 0.01)
            .ToList();

    /// <summary>VAD misses: a share of the segments is missed entirely, each other one has its ends trimmed by up to
    /// <paramref name="trim"/> s, and a share of those loses a 0.3–1.5 s hole somewhere inside.</summary>
    private static List<Seg> Shorten(List<Seg> segments, double trim, double holed, double missed, Random r)
    {
        var result = new List<Seg>();
        foreach (var seg in segments)
        {
            if (r.NextDouble() < missed)
            {
                continue;
            }

            var s = seg with { Start = seg.Start + Uniform(r, 0, trim), End = seg.End - Uniform(r, 0, trim) };
            if (s.Duration <= 0.01)
            {
                continue;
            }

            if (r.NextDouble() < holed)
            {
                var hole = Uniform(r, 0.3, 1.5);
                var at = Uniform(r, s.Start, s.End);
                var left = s with { End = at };
                var right = s with { Start = Math.Min(s.End, at + hole) };
                if (left.Duration > 0.01)
                {
                    result.Add(left);
                }

                if (right.Duration > 0.01)
                {
                    result.Add(right);
                }
            }
            else
            {
                result.Add(s);
            }
        }

        return result;
    }

    private static List<Seg> DropShort(List<Seg> segments, double min) => segments.Where(s => s.Duration >= min).ToList();

    /// <summary>False alarms: short (0.1–0.6 s) segments of a random speaker at random times, cutting through the
    /// segments they land on (as a non-overlapping diarization would label them).</summary>
    private static List<Seg> AddSpurious(List<Seg> segments, double share, Random r)
    {
        var speakers = segments.Select(s => s.Speaker).Distinct().ToArray();
        var length = segments.Max(s => s.End);
        var result = segments.ToList();
        var count = (int)Math.Round(segments.Count * share);
        for (var i = 0; i < count; i++)
        {
            var start = Uniform(r, 0, length);
            var spurious = new Seg(speakers[r.Next(speakers.Length)], start, start + Uniform(r, 0.1, 0.6));
            var next = new List<Seg>(result.Count + 2);
            foreach (var s in result)
            {
                if (s.End <= spurious.Start || s.Start >= spurious.End)
                {
                    next.Add(s);
                    continue;
                }

                if (s.Start < spurious.Start)
                {
                    next.Add(s with { End = spurious.Start });
                }

                if (s.End > spurious.End)
                {
                    next.Add(s with { Start = spurious.End });
                }
            }

            next.Add(spurious);
            result = next;
        }

        return result.OrderBy(s => s.Start).ToList();
    }

    /// <summary>A share of the segments shorter than 2 s gets another speaker's label.</summary>
    private static List<Seg> ConfuseShort(List<Seg> segments, double share, Random r)
    {
        var speakers = segments.Select(s => s.Speaker).Distinct().ToArray();
        return segments.Select(s =>
        {
            if (s.Duration >= 2 || r.NextDouble() >= share || speakers.Length < 2)
            {
                return s;
            }

            var other = speakers[r.Next(speakers.Length - 1)];
            return s with { Speaker = other == s.Speaker ? speakers[^1] : other };
        }).ToList();
    }

    /// <summary>Speaker regions bleed into their neighbours: each end is pushed out by up to <paramref name="max"/> s,
    /// so the diarization claims overlapped speech where one person talks.</summary>
    private static List<Seg> Extend(List<Seg> segments, double max, Random r) =>
        segments.Select(s => s with { Start = Math.Max(0, s.Start - Uniform(r, 0, max)), End = s.End + Uniform(r, 0, max) }).ToList();

    /// <summary>ASR timing error: each word moves by up to ±<paramref name="max"/> s, and each of its ends by up to a
    /// further quarter of that.</summary>
    private static List<RefWord> Jitter(List<RefWord> words, double max, Random r) =>
        words.Select(w =>
        {
            var shift = Uniform(r, -max, max);
            var start = Math.Max(0, w.Start + shift + Uniform(r, -max / 4, max / 4));
            var end = Math.Max(start, w.End + shift + Uniform(r, -max / 4, max / 4));
            return w with { Start = start, End = end };
        }).ToList();

    /// <summary>Whisper-style timestamps: at a share of the pauses longer than 0.2 s, the word after the pause is
    /// stretched back to the previous word's end, or the word before it forward to the next word's start (at most
    /// <paramref name="maxStretch"/> s), so a word covers silence, often a turn change.</summary>
    private static List<RefWord> Stretch(List<RefWord> words, double share, double maxStretch, Random r)
    {
        var sorted = words.OrderBy(w => w.Start).ThenBy(w => w.End).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            var gap = sorted[i].Start - sorted[i - 1].End;
            if (gap <= 0.2 || r.NextDouble() >= share)
            {
                continue;
            }

            var by = Math.Min(gap, maxStretch);
            if (r.Next(2) == 0)
            {
                sorted[i] = sorted[i] with { Start = sorted[i].Start - by };
            }
            else
            {
                sorted[i - 1] = sorted[i - 1] with { End = sorted[i - 1].End + by };
            }
        }

        return sorted;
    }
}
