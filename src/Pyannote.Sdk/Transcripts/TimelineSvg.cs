using System.Text;

namespace Pyannote.Sdk.Transcripts;

/// <summary>Draws a speaker timeline as SVG text: one lane per speaker, an optional lane marking overlapped speech, and
/// a time axis whose tick step is chosen for the range and width. Deterministic: the same input gives the same bytes.</summary>
internal static class TimelineSvg
{
    /// <summary>The colour of the lane of speech with no known speaker.</summary>
    public const string UnknownColor = "#8C8C8C";

    /// <summary>The Okabe–Ito palette (distinguishable with the common colour-vision deficiencies), ordered so the first
    /// speakers get the most different hues. A speaker's colour is fixed by its position in the speaker list.</summary>
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    private const string OverlapColor = "#595959";
    private const int Pad = 8;
    private const int LaneHeight = 20;
    private const int LaneStep = 28;
    private const int TitleHeight = 24;
    private const int AxisHeight = 30;
    private const int RightMargin = 36;
    private const double CharWidth = 7.2;

    /// <summary>Tick steps in tenths of a second, smallest first; past the last, steps double.</summary>
    private static readonly long[] TickSteps =
        [1, 2, 5, 10, 20, 50, 100, 150, 300, 600, 1200, 3000, 6000, 9000, 18000, 36000, 72000, 108000, 216000, 432000, 864000];

    /// <summary>A span of speech in a lane.</summary>
    public readonly record struct Span(int Lane, TimeSpan Start, TimeSpan End);

    /// <summary>The colour of each lane: speakers take palette colours in order; the unknown-speaker
    /// lane (label <see langword="null"/>) is grey.</summary>
    public static string[] LaneColors(IReadOnlyList<string?> lanes)
    {
        var colors = new string[lanes.Count];
        var k = 0;
        for (var i = 0; i < lanes.Count; i++)
        {
            colors[i] = lanes[i] is null ? UnknownColor : Palette[k++ % Palette.Length];
        }

        return colors;
    }

    /// <summary>The name shown for a lane.</summary>
    public static string DisplayName(string? label, IReadOnlyDictionary<string, string>? names) =>
        label is null ? "Unknown" : names is not null && names.TryGetValue(label, out var name) && !string.IsNullOrWhiteSpace(name) ? name : label;

    /// <summary>Writes the SVG element for <paramref name="spans"/> drawn in <paramref name="lanes"/>.</summary>
    /// <param name="sb">The output.</param>
    /// <param name="lanes">The lanes' speaker labels in order (<see langword="null"/> for unknown speech).</param>
    /// <param name="spans">The spans, any order.</param>
    /// <param name="naturalEnd">The end of the range when no <see cref="TimelineOptions.End"/> is set and no span ends later.</param>
    /// <param name="options">The options, already validated.</param>
    public static void Write(StringBuilder sb, IReadOnlyList<string?> lanes, IReadOnlyList<Span> spans, TimeSpan naturalEnd, TimelineOptions options)
    {
        var t0 = options.Start ?? TimeSpan.Zero;
        var t1 = options.End ?? Max(naturalEnd, spans.Count == 0 ? TimeSpan.Zero : spans.Max(s => s.End));
        if (t1 <= t0)
        {
            t1 = t0 + TimeSpan.FromSeconds(1);
        }

        var width = options.Width;
        var names = new string[lanes.Count];
        var longest = 7; // "Overlap"
        for (var i = 0; i < lanes.Count; i++)
        {
            names[i] = DisplayName(lanes[i], options.SpeakerNames);
            longest = Math.Max(longest, names[i].Length);
        }

        var labelWidth = (int)Math.Ceiling(Math.Clamp(Pad + (longest * CharWidth) + 12, 72, Math.Min(240, width / 3)));
        var maxChars = Math.Max(4, (int)(((labelWidth - Pad - 12) / CharWidth) + 1e-9));
        double plotX = labelWidth;
        double plotWidth = width - labelWidth - RightMargin;
        var showOverlap = options.ShowOverlap && lanes.Count > 1;
        var top = Pad + (options.Title is null ? 0 : TitleHeight);
        var laneCount = lanes.Count + (showOverlap ? 1 : 0);
        var axisY = top + (laneCount * LaneStep) - (LaneStep - LaneHeight) + 6;
        var height = axisY + AxisHeight;
        var range = (double)(t1 - t0).Ticks;
        double X(TimeSpan t) => plotX + ((t - t0).Ticks / range * plotWidth);

        var withHours = t1 >= TimeSpan.FromHours(1);
        var label = $"Speaker timeline: {lanes.Count(l => l is not null)} speakers, {MarkupText.Clock(t0, withHours, false)} to {MarkupText.Clock(t1, withHours, false)}";
        if (options.Title is not null)
        {
            label = options.Title + " — " + label;
        }

        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"speaker-timeline\" width=\"").Append(width)
          .Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height)
          .Append("\" role=\"img\" aria-label=\"").AppendEscaped(label)
          .Append("\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"12\" data-start=\"")
          .Append(MarkupText.Seconds(t0)).Append("\" data-end=\"").Append(MarkupText.Seconds(t1))
          .Append("\" data-plot-x=\"").Append(MarkupText.Number(plotX)).Append("\" data-plot-width=\"").Append(MarkupText.Number(plotWidth)).Append("\">\n");
        sb.Append("<title>").AppendEscaped(label).Append("</title>\n");
        sb.Append("<rect class=\"background\" width=\"").Append(width).Append("\" height=\"").Append(height).Append("\" fill=\"#FFFFFF\"/>\n");
        if (options.Title is not null)
        {
            sb.Append("<text class=\"title\" x=\"").Append(Pad).Append("\" y=\"").Append(Pad + 14).Append("\" font-size=\"14\" font-weight=\"600\" fill=\"#1A1A1A\">")
              .AppendEscaped(options.Title).Append("</text>\n");
        }

        // Grid lines and ticks share the tick positions.
        var ticks = Ticks(t0, t1, plotWidth, withHours, out var step);
        var tenths = step < TimeSpan.FromSeconds(1);
        sb.Append("<path class=\"grid\" stroke=\"#DDDDDD\" stroke-width=\"1\" d=\"");
        foreach (var t in ticks)
        {
            sb.Append('M').Append(MarkupText.Number(X(t))).Append(' ').Append(top - 4).Append('V').Append(axisY).Append(' ');
        }

        sb.Length -= ticks.Count > 0 ? 1 : 0;
        sb.Append("\"/>\n");

        // Speaker lanes: label, background, then one rect per span with its times as a tooltip.
        var colors = LaneColors(lanes);
        var byLane = new List<Span>[lanes.Count];
        for (var i = 0; i < byLane.Length; i++)
        {
            byLane[i] = new List<Span>();
        }

        foreach (var s in spans)
        {
            var start = Max(s.Start, t0);
            var end = Min(s.End, t1);
            if (end < start || (end == start && s.End > s.Start))
            {
                continue;
            }

            byLane[s.Lane].Add(new Span(s.Lane, start, end));
        }

        for (var i = 0; i < lanes.Count; i++)
        {
            var y = top + (i * LaneStep);
            sb.Append("<g class=\"lane\" data-lane=\"").Append(i).Append("\" data-speaker=\"").AppendEscaped(lanes[i] ?? string.Empty).Append("\">\n");
            AppendLaneLabel(sb, names[i], maxChars, y);
            AppendLaneBackground(sb, plotX, plotWidth, y);
            byLane[i].Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
            AppendSpans(sb, byLane[i], colors[i], y, X, withHours);
            sb.Append("</g>\n");
        }

        if (showOverlap)
        {
            var y = top + (lanes.Count * LaneStep);
            sb.Append("<g class=\"overlap\">\n");
            AppendLaneLabel(sb, "Overlap", maxChars, y);
            AppendLaneBackground(sb, plotX, plotWidth, y);
            AppendSpans(sb, Overlaps(byLane), OverlapColor, y, X, withHours);
            sb.Append("</g>\n");
        }

        // Axis: a base line, tick marks and labels.
        sb.Append("<g class=\"axis\" fill=\"#333333\" text-anchor=\"middle\">\n<path stroke=\"#666666\" stroke-width=\"1\" d=\"M")
          .Append(MarkupText.Number(plotX)).Append(' ').Append(axisY).Append('H').Append(MarkupText.Number(plotX + plotWidth));
        foreach (var t in ticks)
        {
            sb.Append('M').Append(MarkupText.Number(X(t))).Append(' ').Append(axisY).Append('v').Append(5);
        }

        sb.Append("\"/>\n");
        foreach (var t in ticks)
        {
            sb.Append("<text x=\"").Append(MarkupText.Number(X(t))).Append("\" y=\"").Append(axisY + 19).Append("\">")
              .Append(MarkupText.Clock(t, withHours, tenths)).Append("</text>\n");
        }

        sb.Append("</g>\n</svg>");
    }

    private static void AppendLaneLabel(StringBuilder sb, string name, int maxChars, int y)
    {
        sb.Append("<text class=\"label\" x=\"").Append(Pad).Append("\" y=\"").Append(y + 14).Append("\" fill=\"#1A1A1A\">");
        if (name.Length > maxChars)
        {
            var cut = maxChars - 1;
            if (char.IsHighSurrogate(name[cut - 1]))
            {
                cut--;
            }

            sb.Append("<title>").AppendEscaped(name).Append("</title>").AppendEscaped(name[..cut]).Append('…');
        }
        else
        {
            sb.AppendEscaped(name);
        }

        sb.Append("</text>\n");
    }

    private static void AppendLaneBackground(StringBuilder sb, double plotX, double plotWidth, int y) =>
        sb.Append("<rect class=\"track\" x=\"").Append(MarkupText.Number(plotX)).Append("\" y=\"").Append(y).Append("\" width=\"")
          .Append(MarkupText.Number(plotWidth)).Append("\" height=\"").Append(LaneHeight).Append("\" fill=\"#F2F2F2\"/>\n");

    private static void AppendSpans(StringBuilder sb, List<Span> spans, string color, int y, Func<TimeSpan, double> x, bool withHours)
    {
        sb.Append("<g class=\"segments\" fill=\"").Append(color).Append("\">\n");
        foreach (var s in spans)
        {
            var x0 = x(s.Start);
            var w = Math.Max(0.5, x(s.End) - x0);
            sb.Append("<rect x=\"").Append(MarkupText.Number(x0)).Append("\" y=\"").Append(y).Append("\" width=\"").Append(MarkupText.Number(w))
              .Append("\" height=\"").Append(LaneHeight).Append("\"><title>").Append(MarkupText.Clock(s.Start, withHours, true)).Append('–')
              .Append(MarkupText.Clock(s.End, withHours, true)).Append("</title></rect>\n");
        }

        sb.Append("</g>\n");
    }

    /// <summary>The spans where two or more lanes have speech at once (touching spans do not overlap).</summary>
    private static List<Span> Overlaps(List<Span>[] byLane)
    {
        var events = new List<(TimeSpan Time, int Delta)>();
        foreach (var lane in byLane)
        {
            // Union each lane first, so a speaker overlapping themself is not counted.
            TimeSpan? runStart = null;
            var runEnd = TimeSpan.Zero;
            foreach (var s in lane)
            {
                if (runStart is null || s.Start > runEnd)
                {
                    if (runStart is { } rs && runEnd > rs)
                    {
                        events.Add((rs, 1));
                        events.Add((runEnd, -1));
                    }

                    runStart = s.Start;
                    runEnd = s.End;
                }
                else if (s.End > runEnd)
                {
                    runEnd = s.End;
                }
            }

            if (runStart is { } last && runEnd > last)
            {
                events.Add((last, 1));
                events.Add((runEnd, -1));
            }
        }

        events.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Delta.CompareTo(b.Delta));
        var result = new List<Span>();
        var active = 0;
        var start = TimeSpan.Zero;
        foreach (var (time, delta) in events)
        {
            var before = active;
            active += delta;
            if (before < 2 && active >= 2)
            {
                start = time;
            }
            else if (before >= 2 && active < 2 && time > start)
            {
                result.Add(new Span(-1, start, time));
            }
        }

        return result;
    }

    /// <summary>Tick times from <paramref name="t0"/> to <paramref name="t1"/> at the smallest round step that leaves
    /// room for each label.</summary>
    private static List<TimeSpan> Ticks(TimeSpan t0, TimeSpan t1, double plotWidth, bool withHours, out TimeSpan step)
    {
        var minSpacing = withHours ? 84.0 : 64.0;
        var maxTicks = Math.Max(2, (int)(plotWidth / minSpacing));
        var rangeTenths = (t1 - t0).Ticks / (double)(TimeSpan.TicksPerSecond / 10);
        long stepTenths = 0;
        foreach (var candidate in TickSteps)
        {
            if (rangeTenths / candidate <= maxTicks)
            {
                stepTenths = candidate;
                break;
            }
        }

        if (stepTenths == 0)
        {
            stepTenths = TickSteps[^1];
            while (rangeTenths / stepTenths > maxTicks)
            {
                stepTenths *= 2;
            }
        }

        var stepTicks = stepTenths * (TimeSpan.TicksPerSecond / 10);
        step = TimeSpan.FromTicks(stepTicks);
        var ticks = new List<TimeSpan>();
        var first = (t0.Ticks + stepTicks - 1) / stepTicks * stepTicks;
        for (var t = first; t <= t1.Ticks; t += stepTicks)
        {
            ticks.Add(TimeSpan.FromTicks(t));
        }

        return ticks;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
