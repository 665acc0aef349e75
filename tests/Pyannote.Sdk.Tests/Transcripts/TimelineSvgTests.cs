using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Pyannote.Sdk.Transcripts;
using Xunit.Abstractions;
using static Pyannote.Sdk.Tests.Transcripts.VisualExportFixtures;

namespace Pyannote.Sdk.Tests.Transcripts;

public class TimelineSvgTests(ITestOutputHelper output)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly string[] OkabeIto = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    private static XElement Parse(string svg) => XDocument.Parse(svg).Root!;

    private static List<XElement> Lanes(XElement root) => root.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "lane").ToList();

    private static List<XElement> Rects(XElement lane) => lane.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "segments").Elements(Svg + "rect").ToList();

    private static string Fill(XElement lane) => (string)lane.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "segments").Attribute("fill")!;

    private static double D(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static List<string> TickLabels(XElement root) =>
        root.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "axis").Elements(Svg + "text").Select(t => t.Value).ToList();

    [Fact]
    public void Draws_one_labelled_lane_per_speaker_with_one_bar_per_turn_in_distinct_palette_colours()
    {
        var root = Parse(Overlapping().ToTimelineSvg());

        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal(Svg, root.Name.Namespace);
        Assert.Equal("960", (string?)root.Attribute("width"));
        var lanes = Lanes(root);
        Assert.Equal(["SPEAKER_00", "SPEAKER_01"], lanes.Select(l => (string)l.Attribute("data-speaker")!));
        Assert.Equal(["SPEAKER_00", "SPEAKER_01"], lanes.Select(l => l.Element(Svg + "text")!.Value));
        Assert.Equal([2, 1], lanes.Select(l => Rects(l).Count));
        Assert.Equal([OkabeIto[0], OkabeIto[1]], lanes.Select(Fill));
        Assert.Equal("0:00.5–0:05.0", Rects(lanes[0])[0].Element(Svg + "title")!.Value);
        Assert.Equal("0", (string?)root.Attribute("data-start"));
        Assert.Equal("30", (string?)root.Attribute("data-end"));
        Assert.Contains("2 speakers", (string)root.Attribute("aria-label")!);
    }

    [Fact]
    public void Bars_sit_at_their_times_on_the_plot_and_overlapped_speech_gets_its_own_marks()
    {
        var root = Parse(Overlapping().ToTimelineSvg());
        var plotX = D(root, "data-plot-x");
        var plotWidth = D(root, "data-plot-width");
        double X(double seconds) => plotX + (seconds / 30 * plotWidth);

        var bar = Rects(Lanes(root)[1])[0];
        Assert.Equal(X(4), D(bar, "x"), 2);
        Assert.Equal(X(9) - X(4), D(bar, "width"), 2);

        var overlap = root.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "overlap");
        var marks = Rects(overlap);
        var mark = Assert.Single(marks);
        Assert.Equal(X(4), D(mark, "x"), 2);
        Assert.Equal(X(5) - X(4), D(mark, "width"), 2);
        Assert.True(D(mark, "y") > D(bar, "y"), "the overlap lane is under the speaker lanes");
    }

    [Fact]
    public void Overlap_ignores_touching_turns_and_a_speaker_overlapping_themself_and_can_be_turned_off()
    {
        var transcript = new Transcript(
            Array.Empty<TranscriptWord>(),
            [Turn("A", 0, 2, "a"), Turn("A", 1, 3, "a again"), Turn("B", 3, 4, "b")]);
        var root = Parse(transcript.ToTimelineSvg());
        Assert.Empty(Rects(root.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "overlap")));

        var off = Parse(Overlapping().ToTimelineSvg(new TimelineOptions { ShowOverlap = false }));
        Assert.DoesNotContain(off.Elements(Svg + "g"), g => (string?)g.Attribute("class") == "overlap");
    }

    [Theory]
    [InlineData(30, "0:00", "0:05")]
    [InlineData(5 * 60, "0:00", "0:30")]
    [InlineData(59 * 60, "0:00", "5:00")]
    [InlineData(3 * 3600, "0:00:00", "0:30:00")]
    [InlineData(10 * 3600, "0:00:00", "1:00:00")]
    public void Axis_ticks_are_round_readable_and_spaced_at_any_duration(double seconds, string first, string second)
    {
        var transcript = new Transcript(Array.Empty<TranscriptWord>(), [Turn("A", 0, seconds / 2, "x")]) { Duration = S(seconds) };
        var root = Parse(transcript.ToTimelineSvg());
        var labels = TickLabels(root);
        Assert.Equal(first, labels[0]);
        Assert.Equal(second, labels[1]);
        Assert.InRange(labels.Count, 4, 14);

        var xs = root.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "axis").Elements(Svg + "text").Select(t => D(t, "x")).ToList();
        var gaps = xs.Zip(xs.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, g => Assert.True(g >= 60, $"ticks {g:0.0} px apart"));
        Assert.True(xs[^1] <= 960 - 28, "the last label fits inside the picture");
    }

    [Fact]
    public void Short_ranges_get_tenth_of_a_second_ticks()
    {
        var transcript = new Transcript(Array.Empty<TranscriptWord>(), [Turn("A", 0.2, 1.8, "x")]);
        var labels = TickLabels(Parse(transcript.ToTimelineSvg(new TimelineOptions { End = S(2) })));
        Assert.Equal(["0:00.0", "0:00.2", "0:00.4"], labels.Take(3));
    }

    [Fact]
    public void A_time_range_crops_and_clips_the_bars_and_keeps_each_speakers_colour()
    {
        var options = new TimelineOptions { Start = S(6), End = S(12), Width = 600 };
        var root = Parse(Overlapping().ToTimelineSvg(options));
        Assert.Equal("600", (string?)root.Attribute("width"));
        Assert.Equal("6", (string?)root.Attribute("data-start"));
        Assert.Equal("12", (string?)root.Attribute("data-end"));
        var lanes = Lanes(root);
        var plotX = D(root, "data-plot-x");
        var plotWidth = D(root, "data-plot-width");

        // SPEAKER_00's first turn (0.5–5) is out of range; its second (10–14) is cut at 12.
        var s0 = Assert.Single(Rects(lanes[0]));
        Assert.Equal(plotX + (4.0 / 6 * plotWidth), D(s0, "x"), 2);
        Assert.Equal(plotX + plotWidth, D(s0, "x") + D(s0, "width"), 2);
        // SPEAKER_01's turn (4–9) is cut at 6; it keeps its colour although SPEAKER_00 has nothing before it in range.
        var s1 = Assert.Single(Rects(lanes[1]));
        Assert.Equal(plotX, D(s1, "x"), 2);
        Assert.Equal(OkabeIto[1], Fill(lanes[1]));
        Assert.Equal("0:06", TickLabels(root)[0]);
    }

    [Fact]
    public void Options_out_of_range_are_refused_naming_the_rule()
    {
        var t = Overlapping();
        Assert.Contains("Width", Assert.Throws<ArgumentOutOfRangeException>("options", () => t.ToTimelineSvg(new TimelineOptions { Width = 100 })).Message);
        Assert.Contains("End", Assert.Throws<ArgumentOutOfRangeException>("options", () => t.ToTimelineSvg(new TimelineOptions { Start = S(5), End = S(5) })).Message);
        Assert.Contains("Start", Assert.Throws<ArgumentOutOfRangeException>("options", () => t.ToTimelineSvg(new TimelineOptions { Start = S(-1) })).Message);
        Assert.Throws<ArgumentNullException>(() => ((Transcript)null!).ToTimelineSvg());
    }

    [Fact]
    public void Speaker_names_and_titles_are_escaped_and_characters_xml_forbids_are_replaced()
    {
        const string Evil = "<script>x & \"y\"'\u0001\uD800";
        var transcript = new Transcript(Array.Empty<TranscriptWord>(), [Turn(Evil, 0, 1, "hi"), Turn("B", 1, 2, "ho")]);
        var svg = transcript.ToTimelineSvg(new TimelineOptions { Title = "Q&A <1>", Width = 2000 });

        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        var root = Parse(svg);
        var lane = Lanes(root)[0];
        Assert.Equal("<script>x & \"y\"'\uFFFD\uFFFD", (string)lane.Attribute("data-speaker")!);
        Assert.Equal("<script>x & \"y\"'\uFFFD\uFFFD", lane.Element(Svg + "text")!.Value);
        Assert.Equal("Q&A <1>", root.Element(Svg + "text")!.Value);
        Assert.StartsWith("Q&A <1> — ", root.Element(Svg + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_names_are_cut_with_the_full_name_as_tooltip_and_mapped_names_replace_labels()
    {
        var longName = new string('N', 80);
        var transcript = new Transcript(Array.Empty<TranscriptWord>(), [Turn("SPEAKER_00", 0, 1, "a"), Turn("SPEAKER_01", 1, 2, "b")]);
        var root = Parse(transcript.ToTimelineSvg(new TimelineOptions
        {
            SpeakerNames = new Dictionary<string, string> { ["SPEAKER_00"] = "Alice", ["SPEAKER_01"] = longName },
        }));
        var labels = Lanes(root).Select(l => l.Element(Svg + "text")!).ToList();
        Assert.Equal("Alice", labels[0].Value);
        Assert.Equal(longName, labels[1].Element(Svg + "title")!.Value);
        Assert.EndsWith("…", labels[1].Nodes().OfType<XText>().Single().Value, StringComparison.Ordinal);
        Assert.True(labels[1].Nodes().OfType<XText>().Single().Value.Length < 40);
        Assert.Equal("SPEAKER_01", (string?)Lanes(root)[1].Attribute("data-speaker"));
    }

    [Fact]
    public void Turns_without_a_speaker_go_in_a_grey_unknown_lane_last()
    {
        var transcript = new Transcript(Array.Empty<TranscriptWord>(), [Turn(null, 0, 1, "?"), Turn("A", 1, 2, "a"), Turn("B", 2, 3, "b")]);
        var lanes = Lanes(Parse(transcript.ToTimelineSvg()));
        Assert.Equal(["A", "B", ""], lanes.Select(l => (string)l.Attribute("data-speaker")!));
        Assert.Equal("Unknown", lanes[2].Element(Svg + "text")!.Value);
        Assert.Equal([OkabeIto[0], OkabeIto[1], "#8C8C8C"], lanes.Select(Fill));
    }

    [Fact]
    public void Diarization_lanes_follow_first_appearance_in_time_whatever_the_input_order()
    {
        DiarizationSegment[] segments =
        [
            new("SPEAKER_01", S(5), S(8)),
            new("SPEAKER_00", S(1), S(4)),
            new("SPEAKER_02", S(7), S(9)),
        ];
        var root = Parse(DiarizationFormats.ToTimelineSvg(segments));
        Assert.Equal(["SPEAKER_00", "SPEAKER_01", "SPEAKER_02"], Lanes(root).Select(l => (string)l.Attribute("data-speaker")!));
        Assert.Equal("9", (string?)root.Attribute("data-end"));
        Assert.Single(Rects(root.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "overlap")));
        Assert.Throws<ArgumentException>("segments", () => DiarizationFormats.ToTimelineSvg([segments[0], null!]));
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes_in_any_culture()
    {
        var transcript = Meeting(TimeSpan.FromMinutes(20), 200, 3, withWords: false);
        var first = transcript.ToTimelineSvg();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(first, transcript.ToTimelineSvg());
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ar-SA");
            Assert.Equal(first, Meeting(TimeSpan.FromMinutes(20), 200, 3, withWords: false).ToTimelineSvg());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.DoesNotMatch(new Regex(@"\d,\d"), first);
    }

    [Fact]
    public void A_four_hour_meeting_with_2000_segments_and_8_speakers_stays_small()
    {
        var transcript = Meeting(TimeSpan.FromHours(4), 2000, 8, withWords: false);
        var svg = transcript.ToTimelineSvg();
        var bytes = Encoding.UTF8.GetByteCount(svg);
        output.WriteLine($"4 h, 2000 segments, 8 speakers: SVG {bytes} bytes");

        var root = Parse(svg);
        Assert.Equal(8, Lanes(root).Count);
        Assert.Equal(2000, Lanes(root).Sum(l => Rects(l).Count));
        Assert.Equal(OkabeIto, Lanes(root).Select(Fill));
        Assert.True(bytes < 300_000, $"SVG is {bytes} bytes");
    }
}
