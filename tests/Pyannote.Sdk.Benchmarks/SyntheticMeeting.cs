using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Benchmarks;

/// <summary>
/// A seeded synthetic meeting: 8 speakers taking turns of 1–20 s (log-uniform, so short turns are more common than long
/// ones, as in real meetings), about 5% of speech overlapped by the next speaker, short silences between turns, and
/// ASR-style words at 170 words a minute over the whole timeline (words falling in silences exercise the
/// nearest-segment rule). Inputs are time-ordered, as vendors return them.
/// </summary>
internal sealed class SyntheticMeeting
{
    public const int Speakers = 8;
    public const double WordsPerMinute = 170;

    private SyntheticMeeting(TranscriptWord[] words, DiarizationSegment[] segments, TimeSpan length)
    {
        Words = words;
        Segments = segments;
        Length = length;
    }

    public TranscriptWord[] Words { get; }

    public DiarizationSegment[] Segments { get; }

    public TimeSpan Length { get; }

    public static SyntheticMeeting Create(TimeSpan length, int seed = 42)
    {
        var rng = new Random(seed);
        var segments = new List<DiarizationSegment>();
        var t = 0.0;
        var previous = -1;
        var total = length.TotalSeconds;
        while (t < total)
        {
            var speaker = rng.Next(Speakers - 1);
            if (speaker >= previous && previous >= 0)
            {
                speaker++; // never the same speaker twice in a row
            }

            var duration = Math.Exp(Math.Log(1) + rng.NextDouble() * (Math.Log(20) - Math.Log(1)));
            var end = Math.Min(t + duration, total);
            segments.Add(new DiarizationSegment($"SPEAKER_{speaker:00}", Seconds(t), Seconds(end)));
            previous = speaker;

            if (rng.NextDouble() < 0.25)
            {
                // The next speaker starts before this one stops: 0.5–2 s of overlap, at most half of this turn.
                t = end - Math.Min(0.5 + rng.NextDouble() * 1.5, (end - t) / 2);
            }
            else
            {
                t = end + 0.1 + rng.NextDouble() * 0.9;
            }
        }

        var step = 60.0 / WordsPerMinute;
        var count = (int)(total / step);
        var words = new TranscriptWord[count];
        for (var i = 0; i < count; i++)
        {
            var start = i * step + rng.NextDouble() * 0.05;
            words[i] = new TranscriptWord($"w{i % 1000}", Seconds(start), Seconds(start + 0.15 + rng.NextDouble() * 0.15));
        }

        return new SyntheticMeeting(words, segments.ToArray(), length);
    }

    /// <summary>Share of speech time where two or more speakers talk at once.</summary>
    public double OverlappedShare()
    {
        var events = Segments.SelectMany(s => new[] { (T: s.Start.Ticks, D: 1), (T: s.End.Ticks, D: -1) }).OrderBy(e => e.T).ThenBy(e => e.D).ToList();
        long speech = 0, overlapped = 0, last = 0;
        var active = 0;
        foreach (var e in events)
        {
            if (active >= 1)
            {
                speech += e.T - last;
            }

            if (active >= 2)
            {
                overlapped += e.T - last;
            }

            active += e.D;
            last = e.T;
        }

        return overlapped / (double)speech;
    }

    private static TimeSpan Seconds(double s) => TimeSpan.FromTicks((long)Math.Round(s * TimeSpan.TicksPerSecond));
}
