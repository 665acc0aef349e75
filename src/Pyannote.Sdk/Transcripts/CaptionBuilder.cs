using System.Text;

namespace Pyannote.Sdk.Transcripts;

/// <summary>One caption cue, in whole milliseconds.</summary>
internal readonly record struct Cue(long StartMs, long EndMs, string? Speaker, string Text);

/// <summary>Cuts turns into caption cues and makes them monotonic and non-overlapping.</summary>
internal static class CaptionBuilder
{
    public static List<Cue> Build(Transcript transcript, CaptionOptions options)
    {
        var cues = new List<Cue>();
        var maxDuration = options.MaxCueDuration;
        var sb = new StringBuilder();
        foreach (var turn in transcript.Turns)
        {
            var tokens = turn.Words.Count > 0 ? FromWords(turn.Words) : FromText(turn);
            sb.Clear();
            var cueStart = TimeSpan.Zero;
            var cueEnd = TimeSpan.Zero;
            foreach (var (text, start, end) in tokens)
            {
                var trimmed = text.AsSpan().Trim();
                if (trimmed.Length == 0)
                {
                    continue;
                }

                if (sb.Length > 0
                    && (sb.Length + 1 + trimmed.Length > options.MaxCharactersPerCue || Max(end, cueEnd) - cueStart > maxDuration))
                {
                    cues.Add(new Cue(ToMs(cueStart), ToMs(cueEnd), turn.Speaker, sb.ToString()));
                    sb.Clear();
                }

                if (sb.Length == 0)
                {
                    cueStart = start;
                    cueEnd = end;
                }

                TextJoiner.Append(sb, text);
                cueEnd = Max(cueEnd, end);
            }

            if (sb.Length > 0)
            {
                cues.Add(new Cue(ToMs(cueStart), ToMs(cueEnd), turn.Speaker, sb.ToString()));
            }
        }

        // Overlapped speech gives overlapping turns; captions must be monotonic and non-overlapping.
        var ordered = cues.OrderBy(c => c.StartMs).ThenBy(c => c.EndMs).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var c = ordered[i];
            if (c.EndMs <= c.StartMs)
            {
                c = c with { EndMs = c.StartMs + 1 };
            }

            if (i > 0)
            {
                var prev = ordered[i - 1];
                if (c.StartMs < prev.EndMs)
                {
                    if (c.StartMs > prev.StartMs)
                    {
                        // Cut the earlier cue short so the new speaker appears when they start talking.
                        ordered[i - 1] = prev with { EndMs = c.StartMs };
                    }
                    else
                    {
                        // Same start as the earlier cue: show this one right after it.
                        c = c with { StartMs = prev.EndMs, EndMs = Math.Max(c.EndMs, prev.EndMs + 1) };
                    }
                }
            }

            ordered[i] = c;
        }

        return ordered;
    }

    private static IEnumerable<(string Text, TimeSpan Start, TimeSpan End)> FromWords(IReadOnlyList<TranscriptWord> words)
    {
        foreach (var w in words)
        {
            yield return (w.Text, w.Start, w.End);
        }
    }

    /// <summary>A turn without words: its text split at white space, the turn's time shared out by character count.</summary>
    private static IEnumerable<(string Text, TimeSpan Start, TimeSpan End)> FromText(SpeakerTurn turn)
    {
        var parts = turn.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var total = 0;
        foreach (var p in parts)
        {
            total += p.Length;
        }

        var span = (turn.End - turn.Start).Ticks;
        var done = 0;
        foreach (var p in parts)
        {
            var start = turn.Start + TimeSpan.FromTicks(span * done / Math.Max(total, 1));
            done += p.Length;
            var end = turn.Start + TimeSpan.FromTicks(span * done / Math.Max(total, 1));
            yield return (p, start, end);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static long ToMs(TimeSpan t) => (long)Math.Round(t.Ticks / (double)TimeSpan.TicksPerMillisecond, MidpointRounding.AwayFromZero);
}
