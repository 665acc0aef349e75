using System.Text;

namespace Pyannote.Sdk.Transcripts;

/// <summary>The picture export of a diarization: an SVG speaker timeline.</summary>
public static partial class DiarizationFormats
{
    /// <summary>Draws diarization segments as an SVG speaker timeline: one lane per speaker (in order of first
    /// appearance in time, each with a fixed colour from a colour-blind-safe palette), a lane marking where speakers
    /// overlap, and a time axis whose ticks suit any length from seconds to many hours. Pure text with no external
    /// references; the same segments and options always give the same bytes.</summary>
    /// <param name="segments">The segments, in any order.</param>
    /// <param name="options">Width, time range, speaker names and title; <see langword="null"/> for defaults. Without
    /// <see cref="TimelineOptions.End"/>, the timeline ends with the last segment.</param>
    /// <returns>The SVG document (an <c>&lt;svg&gt;</c> element; also valid inline in HTML).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToTimelineSvg(IEnumerable<DiarizationSegment> segments, TimelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        options ??= TimelineOptions.Default;
        options.Validate(nameof(options));
        var list = segments.ToArray();
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"segments[{i}] is null; every segment must be non-null.", nameof(segments));
            }
        }

        // Lanes in order of first appearance in time (stable for equal starts).
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var lanes = new List<string?>();
        foreach (var s in list.OrderBy(s => s.Start))
        {
            if (first.TryAdd(s.Speaker, lanes.Count))
            {
                lanes.Add(s.Speaker);
            }
        }

        var spans = new List<TimelineSvg.Span>(list.Length);
        foreach (var s in list)
        {
            spans.Add(new TimelineSvg.Span(first[s.Speaker], s.Start, s.End));
        }

        var sb = new StringBuilder(1024 + (spans.Count * 96));
        TimelineSvg.Write(sb, lanes, spans, TimeSpan.Zero, options);
        return sb.ToString();
    }
}
