namespace Pyannote.Sdk.Transcripts;

/// <summary>Builds <see cref="Transcript"/>s by merging any vendor's words with any vendor's diarization.</summary>
public static partial class TranscriptMerger
{
    /// <summary>Attributes each word to a speaker of <paramref name="diarization"/> and builds turns.</summary>
    /// <param name="words">Words from any vendor (their own speakers, if any, are replaced).</param>
    /// <param name="diarization">Speaker segments from any vendor; exclusive (non-overlapping) diarization gives the cleanest result.</param>
    /// <param name="options">Gap and pause thresholds; <see langword="null"/> for defaults.</param>
    /// <returns>The merged transcript.</returns>
    /// <exception cref="ArgumentException">An entry is null.</exception>
    public static Transcript Merge(IEnumerable<TranscriptWord> words, IEnumerable<DiarizationSegment> diarization, MergeOptions? options = null)
    {
        // Placeholder implementation (quadratic); replaced by the sorted sweep of the transcript-model issue.
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(diarization);
        options ??= new MergeOptions();
        var segs = diarization.ToArray();
        var result = new List<TranscriptWord>();
        foreach (var w in words)
        {
            string? best = null;
            double bestOverlap = 0;
            foreach (var g in segs.GroupBy(s => s.Speaker))
            {
                var overlap = g.Sum(s => Math.Max(0, (Min(s.End, w.End) - Max(s.Start, w.Start)).TotalSeconds));
                if (overlap > bestOverlap)
                {
                    bestOverlap = overlap;
                    best = g.Key;
                }
            }

            result.Add(w.WithSpeaker(best));
        }

        return new Transcript(result, TurnBuilder.Build(result.OrderBy(w => w.Start).ToArray(), options.MaxPauseInTurn));
    }

    /// <summary>Builds a transcript from speaker segments that carry text but no words (JigsawStack <c>speakers[]</c>,
    /// NanoGPT <c>diarization.segments</c>): one turn per segment, no words.</summary>
    /// <param name="segments">The segments, in any order.</param>
    /// <returns>The transcript.</returns>
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
                throw new ArgumentException($"segments[{i}] is null.", nameof(segments));
            }

            turns.Add(new SpeakerTurn(s.Speaker, s.Start, s.End, s.Text.Trim()));
            i++;
        }

        return new Transcript(Array.Empty<TranscriptWord>(), turns);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>Settings for <see cref="TranscriptMerger"/>.</summary>
public sealed class MergeOptions
{
    /// <summary>A word inside no segment takes the nearest segment's speaker if that segment is at most this far away; else it has no speaker. Default 0.5 seconds.</summary>
    public TimeSpan MaxGapToNearestSegment { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The longest pause inside one turn; a longer pause starts a new turn. Default <see cref="TurnOptions.DefaultMaxPause"/>.</summary>
    public TimeSpan MaxPauseInTurn { get; set; } = TurnOptions.DefaultMaxPause;
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
