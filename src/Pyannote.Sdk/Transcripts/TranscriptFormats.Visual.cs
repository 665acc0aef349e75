using System.Text;

namespace Pyannote.Sdk.Transcripts;

/// <summary>The picture exports of a transcript: an SVG speaker timeline and a self-contained HTML viewer.</summary>
public static partial class TranscriptFormats
{
    /// <summary>Draws the transcript's speaker turns as an SVG speaker timeline: one lane per speaker (in order of first
    /// appearance, each with a fixed colour from a colour-blind-safe palette), a lane marking where speakers overlap, and
    /// a time axis whose ticks suit any length from seconds to many hours. Turns without a speaker go in an
    /// <c>Unknown</c> lane. Pure text with no external references; the same transcript and options always give the same
    /// bytes.</summary>
    /// <param name="transcript">The transcript.</param>
    /// <param name="options">Width, time range, speaker names and title; <see langword="null"/> for defaults.</param>
    /// <returns>The SVG document (an <c>&lt;svg&gt;</c> element; also valid inline in HTML).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transcript"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToTimelineSvg(this Transcript transcript, TimelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        options ??= TimelineOptions.Default;
        options.Validate(nameof(options));
        var (lanes, spans) = TimelineOf(transcript);
        var sb = new StringBuilder(1024 + (spans.Count * 96));
        TimelineSvg.Write(sb, lanes, spans, NaturalEnd(transcript), options);
        return sb.ToString();
    }

    /// <summary>Writes a self-contained HTML page that shows the transcript: its speaker timeline above the speaker
    /// turns (speaker, start time, text), a search box that filters the turns, and, when
    /// <see cref="TranscriptHtmlOptions.AudioUrl"/> is given, an audio player: clicking a turn or the timeline seeks
    /// the audio, and the turn being played is highlighted. The page makes no request of its own (styles, script and
    /// picture are inline, and its content security policy forbids anything but the audio); every transcript string is
    /// HTML-escaped. The same transcript and options always give the same bytes.</summary>
    /// <param name="transcript">The transcript.</param>
    /// <param name="options">Title, audio, speaker names and timeline width; <see langword="null"/> for defaults.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transcript"/> is null.</exception>
    /// <exception cref="ArgumentException">An option breaks a rule (for example an audio URL with a scheme other than
    /// http, https or file).</exception>
    public static string ToHtml(this Transcript transcript, TranscriptHtmlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        options ??= TranscriptHtmlOptions.Default;
        options.Validate(nameof(options));
        var (lanes, spans) = TimelineOf(transcript);
        return TranscriptHtml.Write(transcript, lanes, spans, NaturalEnd(transcript), options);
    }

    /// <summary>The lanes (speakers in order of first appearance, then <see langword="null"/> when some turn has no
    /// speaker) and one span per turn.</summary>
    internal static (IReadOnlyList<string?> Lanes, List<TimelineSvg.Span> Spans) TimelineOf(Transcript transcript)
    {
        var lanes = new List<string?>(transcript.Speakers.Count + 1);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in transcript.Speakers)
        {
            index[s] = lanes.Count;
            lanes.Add(s);
        }

        var unknown = -1;
        var spans = new List<TimelineSvg.Span>(transcript.Turns.Count);
        foreach (var turn in transcript.Turns)
        {
            int lane;
            if (turn.Speaker is null)
            {
                if (unknown < 0)
                {
                    unknown = lanes.Count;
                    lanes.Add(null);
                }

                lane = unknown;
            }
            else if (!index.TryGetValue(turn.Speaker, out lane))
            {
                lane = index[turn.Speaker] = lanes.Count;
                lanes.Add(turn.Speaker);
            }

            spans.Add(new TimelineSvg.Span(lane, turn.Start, turn.End));
        }

        // The unknown lane goes last even when a later speaker appears after it.
        if (unknown >= 0 && unknown != lanes.Count - 1)
        {
            lanes.RemoveAt(unknown);
            lanes.Add(null);
            for (var i = 0; i < spans.Count; i++)
            {
                var lane = spans[i].Lane;
                spans[i] = spans[i] with { Lane = lane == unknown ? lanes.Count - 1 : lane > unknown ? lane - 1 : lane };
            }
        }

        return (lanes, spans);
    }

    private static TimeSpan NaturalEnd(Transcript transcript)
    {
        var end = transcript.Duration ?? TimeSpan.Zero;
        if (transcript.Words.Count > 0 && transcript.Words[^1].End > end)
        {
            end = transcript.Words[^1].End;
        }

        return end;
    }
}
