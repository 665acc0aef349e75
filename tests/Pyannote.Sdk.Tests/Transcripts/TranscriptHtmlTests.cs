using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Pyannote.Sdk.Transcripts;
using Xunit.Abstractions;
using static Pyannote.Sdk.Tests.Transcripts.VisualExportFixtures;

namespace Pyannote.Sdk.Tests.Transcripts;

public class TranscriptHtmlTests(ITestOutputHelper output)
{
    private static string DataBlock(string html) =>
        Regex.Match(html, "<script type=\"application/json\" id=\"transcript-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;

    private static string InlineSvg(string html) =>
        Regex.Match(html, "<svg .*?</svg>", RegexOptions.Singleline).Value;

    [Fact]
    public void The_page_shows_the_timeline_above_one_item_per_turn_with_speaker_time_and_text()
    {
        var html = Overlapping().ToHtml(new TranscriptHtmlOptions { Title = "Planning call" });

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Planning call</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Planning call</h1>", html, StringComparison.Ordinal);
        Assert.Contains("2 speakers · 3 turns · 0:30", html, StringComparison.Ordinal);

        var turns = Regex.Matches(html, "<li class=\"turn lane-(\\d)\" tabindex=\"0\" data-start=\"([\\d.]+)\" data-end=\"([\\d.]+)\"><span class=\"time\">([\\d:]+)</span><span class=\"speaker\">([^<]+)</span><p class=\"text\">([^<]+)</p></li>");
        Assert.Equal(3, turns.Count);
        Assert.Equal(["0", "1", "0"], turns.Select(m => m.Groups[1].Value));
        Assert.Equal(["0.5", "4", "10"], turns.Select(m => m.Groups[2].Value));
        Assert.Equal(["0:00", "0:04", "0:10"], turns.Select(m => m.Groups[4].Value));
        Assert.Equal(["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"], turns.Select(m => m.Groups[5].Value));
        Assert.Equal("Morning! Shall we start?", turns[1].Groups[6].Value);

        // The timeline is the same drawing as the SVG export, inline, and comes before the turns.
        var svg = InlineSvg(html);
        Assert.Equal(Overlapping().ToTimelineSvg(), svg);
        Assert.True(html.IndexOf("<svg ", StringComparison.Ordinal) < html.IndexOf("<ol id=\"turns\"", StringComparison.Ordinal));
        Assert.Contains("<input id=\"search\" type=\"search\"", html, StringComparison.Ordinal);
        Assert.Contains(".lane-0{--c:#0072B2}", html, StringComparison.Ordinal);
        Assert.Contains(".lane-1{--c:#E69F00}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<audio", html, StringComparison.Ordinal);

        using var data = JsonDocument.Parse(DataBlock(html));
        Assert.Equal(3, data.RootElement.GetProperty("turns").GetArrayLength());
        Assert.Equal("[4,9,1]", data.RootElement.GetProperty("turns")[1].GetRawText());
    }

    [Fact]
    public void The_page_requests_nothing_but_the_audio_it_was_given()
    {
        var withoutAudio = Overlapping().ToHtml();
        Assert.Contains("default-src 'none'", withoutAudio, StringComparison.Ordinal);
        Assert.Contains("media-src 'none'", withoutAudio, StringComparison.Ordinal);
        // The only reference is the empty inline icon, which stops browsers asking the server for /favicon.ico.
        var references = Regex.Matches(withoutAudio, "\\b(src|href|action|srcset|poster)\\s*=\\s*\"?([^\"\\s>]*)", RegexOptions.IgnoreCase);
        Assert.Equal(["data:,"], references.Select(m => m.Groups[2].Value));
        Assert.DoesNotMatch(new Regex("url\\(|@import|https?://(?!www\\.w3\\.org/2000/svg[\"'])", RegexOptions.IgnoreCase), withoutAudio);

        var withAudio = Overlapping().ToHtml(new TranscriptHtmlOptions { AudioUrl = "recordings/call 1 & 2.wav" });
        var sources = Regex.Matches(withAudio, "\\b(src|href|action|srcset|poster)\\s*=\"([^\"]*)\"", RegexOptions.IgnoreCase).Where(m => m.Groups[2].Value != "data:,");
        var source = Assert.Single(sources);
        Assert.Equal("recordings/call 1 &amp; 2.wav", source.Groups[2].Value);
        Assert.Contains("<audio id=\"player\" controls preload=\"metadata\" src=", withAudio, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" JavaScript:alert(1)")]
    [InlineData("data:audio/wav;base64,AAAA")]
    [InlineData("C:\\audio\\call.wav")]
    [InlineData("  ")]
    public void Audio_urls_other_than_http_https_file_or_a_relative_path_are_refused(string url)
    {
        var ex = Assert.Throws<ArgumentException>("options", () => Overlapping().ToHtml(new TranscriptHtmlOptions { AudioUrl = url }));
        Assert.Contains("AudioUrl", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/a.wav")]
    [InlineData("file:///tmp/a.wav")]
    [InlineData("../audio/a.wav")]
    [InlineData("a.wav?x=1:2")]
    public void Http_https_file_and_relative_audio_urls_are_accepted(string url) =>
        Assert.Contains("<audio id=\"player\"", Overlapping().ToHtml(new TranscriptHtmlOptions { AudioUrl = url }), StringComparison.Ordinal);

    [Fact]
    public void Every_transcript_string_is_escaped_in_markup_and_in_the_data_block()
    {
        const string Word = "<script>alert(1)</script>";
        const string Speaker = "</script><!--<script>\u2028\u2029\"'&";
        var transcript = new Transcript(
            [new TranscriptWord(Word, S(0), S(1), Speaker), new TranscriptWord("fine", S(2), S(3), "B")])
        { Language = "en\"><script>" };
        var html = transcript.ToHtml(new TranscriptHtmlOptions { Title = "<b>Q&A</b>", SpeakerNames = new Dictionary<string, string> { ["B"] = "<img src=x onerror=alert(1)>" } });

        // Exactly the page's own two script elements, and no element from any transcript string.
        Assert.Equal(2, Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Count);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"text\">&lt;script&gt;alert(1)&lt;/script&gt;</p>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"speaker\">&lt;/script&gt;&lt;!--&lt;script&gt;\u2028\u2029&quot;&#39;&amp;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;b&gt;Q&amp;A&lt;/b&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);

        // The JSON data block cannot be ended or bent by its content: no '<', '>', '&' or raw line/paragraph separators.
        var data = DataBlock(html);
        Assert.DoesNotContain('<', data);
        Assert.DoesNotContain('>', data);
        Assert.DoesNotContain('&', data);
        Assert.DoesNotContain('\u2028', data);
        Assert.DoesNotContain('\u2029', data);
        using var json = JsonDocument.Parse(data);
        Assert.Equal(Speaker, json.RootElement.GetProperty("speakers")[0].GetProperty("label").GetString());
        Assert.Equal("<img src=x onerror=alert(1)>", json.RootElement.GetProperty("speakers")[1].GetProperty("name").GetString());
        Assert.Equal("<b>Q&A</b>", json.RootElement.GetProperty("title").GetString());

        // The inline timeline is well-formed XML with the names as text.
        var svg = XDocument.Parse(InlineSvg(html));
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value == "<img src=x onerror=alert(1)>");
    }

    [Fact]
    public void Audio_and_speaker_names_and_no_timeline_are_honoured()
    {
        var html = Overlapping().ToHtml(new TranscriptHtmlOptions
        {
            AudioUrl = "call.wav",
            IncludeTimeline = false,
            SpeakerNames = new Dictionary<string, string> { ["SPEAKER_01"] = "Bob" },
        });
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"speaker\">Bob</span>", html, StringComparison.Ordinal);
        Assert.Contains("media-src 'self' http: https: file: data: blob:", html, StringComparison.Ordinal);
        Assert.Contains("<audio id=\"player\" controls preload=\"metadata\" src=\"call.wav\"></audio>", html, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("options", () => Overlapping().ToHtml(new TranscriptHtmlOptions { TimelineWidth = 10 }));
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes_in_any_culture()
    {
        var transcript = Meeting(TimeSpan.FromMinutes(30), 100, 3);
        var first = transcript.ToHtml(new TranscriptHtmlOptions { AudioUrl = "a.wav" });
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal(first, Meeting(TimeSpan.FromMinutes(30), 100, 3).ToHtml(new TranscriptHtmlOptions { AudioUrl = "a.wav" }));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_four_hour_eight_speaker_meeting_stays_small()
    {
        var transcript = Meeting(TimeSpan.FromHours(4), 2000, 8);
        var html = transcript.ToHtml(new TranscriptHtmlOptions { AudioUrl = "meeting.wav" });
        var bytes = Encoding.UTF8.GetByteCount(html);
        output.WriteLine($"4 h, 2000 turns, 40000 words, 8 speakers: HTML {bytes} bytes");
        Assert.Equal(2000, Regex.Matches(html, "<li class=\"turn ").Count);
        Assert.Contains("8 speakers · 2000 turns · 4:00:00", html, StringComparison.Ordinal);
        Assert.True(bytes < 1_000_000, $"HTML is {bytes} bytes");
    }
}
