using System.Globalization;
using System.Text.RegularExpressions;
using Pyannote.Sdk.Transcripts;
using static Pyannote.Sdk.Tests.Transcripts.TranscriptMergerTests;

namespace Pyannote.Sdk.Tests.Transcripts;

public partial class TranscriptFormatsTests
{
    private static Transcript TwoSpeakers() => new(
    [
        W("Hi", 2.0, 2.3, "SPEAKER_01"),
        W("Hello", 0.5, 0.9, "SPEAKER_00"),
        W("world.", 1.0, 1.4, "SPEAKER_00"),
        W("there!", 2.4, 2.9, "SPEAKER_01"),
    ]);

    [Fact]
    public void Srt_has_numbered_cues_with_comma_milliseconds_and_speaker_names()
    {
        Assert.Equal(
            "1\n00:00:00,500 --> 00:00:01,400\nSPEAKER_00: Hello world.\n\n" +
            "2\n00:00:02,000 --> 00:00:02,900\nSPEAKER_01: Hi there!\n",
            TwoSpeakers().ToSrt());
    }

    [Fact]
    public void WebVtt_has_a_header_dot_milliseconds_and_voice_tags()
    {
        Assert.Equal(
            "WEBVTT\n\n" +
            "1\n00:00:00.500 --> 00:00:01.400\n<v SPEAKER_00>Hello world.\n\n" +
            "2\n00:00:02.000 --> 00:00:02.900\n<v SPEAKER_01>Hi there!\n",
            TwoSpeakers().ToWebVtt());
    }

    [Fact]
    public void Captions_can_leave_out_speakers()
    {
        var options = new CaptionOptions { IncludeSpeakers = false };
        Assert.Equal("1\n00:00:00,500 --> 00:00:01,400\nHello world.\n\n2\n00:00:02,000 --> 00:00:02,900\nHi there!\n", TwoSpeakers().ToSrt(options));
        Assert.StartsWith("WEBVTT\n\n1\n00:00:00.500 --> 00:00:01.400\nHello world.\n", TwoSpeakers().ToWebVtt(options));
    }

    [Fact]
    public void WebVtt_escapes_markup_in_text_and_speaker()
    {
        var t = new Transcript([W("a<b", 0, 0.5, "A&B"), W("&", 0.6, 0.8, "A&B"), W("c>", 0.9, 1.0, "A&B")]);
        Assert.Equal("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\n<v A&amp;B>a&lt;b &amp; c&gt;\n", t.ToWebVtt());
    }

    [Fact]
    public void Cues_split_at_the_character_limit()
    {
        var srt = TwoSpeakers().ToSrt(new CaptionOptions { MaxCharactersPerCue = 11 });
        Assert.Equal(
            "1\n00:00:00,500 --> 00:00:00,900\nSPEAKER_00: Hello\n\n" +
            "2\n00:00:01,000 --> 00:00:01,400\nSPEAKER_00: world.\n\n" +
            "3\n00:00:02,000 --> 00:00:02,900\nSPEAKER_01: Hi there!\n",
            srt);
    }

    [Fact]
    public void Cues_split_at_the_duration_limit()
    {
        var t = new Transcript([W("a", 0, 0.4, "A"), W("b", 0.5, 0.9, "A"), W("c", 1.0, 1.4, "A")]);
        Assert.Equal(
            "1\n00:00:00,000 --> 00:00:00,900\nA: a b\n\n2\n00:00:01,000 --> 00:00:01,400\nA: c\n",
            t.ToSrt(new CaptionOptions { MaxCueDuration = S(1) }));
    }

    [Fact]
    public void Cues_always_split_at_a_speaker_change_even_without_a_pause()
    {
        var t = new Transcript([W("yes", 0, 0.4, "A"), W("no", 0.4, 0.8, "B"), W("maybe", 0.8, 1.2, "A")]);
        Assert.Equal(
            "1\n00:00:00,000 --> 00:00:00,400\nA: yes\n\n2\n00:00:00,400 --> 00:00:00,800\nB: no\n\n3\n00:00:00,800 --> 00:00:01,200\nA: maybe\n",
            t.ToSrt());
    }

    [Fact]
    public void Overlapping_turns_give_monotonic_non_overlapping_cues()
    {
        var t = new Transcript(
        [
            W("one", 0, 1, "A"), W("two", 1.1, 2, "A"), W("three", 2.1, 3.8, "A"),
            W("yes", 3, 3.5, "B"), W("right", 3.6, 4, "B"),
        ]);

        Assert.Equal(
            "1\n00:00:00,000 --> 00:00:03,000\nA: one two three\n\n2\n00:00:03,000 --> 00:00:04,000\nB: yes right\n",
            t.ToSrt());

        // Two turns starting together: the second follows the first.
        var same = TranscriptMerger.FromSegments([new SpeakerTextSegment("A", S(1), S(2), "x"), new SpeakerTextSegment("B", S(1), S(3), "y")]);
        Assert.Equal("1\n00:00:01,000 --> 00:00:02,000\nA: x\n\n2\n00:00:02,000 --> 00:00:03,000\nB: y\n", same.ToSrt());
    }

    [Fact]
    public void Captions_of_the_AMI_meeting_are_numbered_monotonic_and_well_formed()
    {
        var segments = CorpusTests.Rttm("ami-ES2004a.only_words.rttm");
        var transcript = TranscriptMerger.Merge(CorpusTests.WordsInside(segments).Select(x => x.Word), segments);

        foreach (var (text, separator) in new[] { (transcript.ToSrt(), ','), (transcript.ToWebVtt(), '.') })
        {
            var time = $@"(\d\d):(\d\d):(\d\d)\{separator}(\d\d\d)";
            var cues = Regex.Matches(text, $@"(?m)^(\d+)\n{time} --> {time}\n(.+)\n");
            Assert.True(cues.Count > 260, $"only {cues.Count} cues");
            var previousEnd = -1L;
            for (var i = 0; i < cues.Count; i++)
            {
                var g = cues[i].Groups;
                Assert.Equal(i + 1, int.Parse(g[1].Value, CultureInfo.InvariantCulture));
                var start = Ms(g, 2);
                var end = Ms(g, 6);
                Assert.True(start < end, $"cue {i + 1} is empty");
                Assert.True(start >= previousEnd, $"cue {i + 1} starts before cue {i} ends");
                previousEnd = end;
            }
        }

        static long Ms(GroupCollection g, int first) =>
            ((long.Parse(g[first].Value, CultureInfo.InvariantCulture) * 60 + long.Parse(g[first + 1].Value, CultureInfo.InvariantCulture)) * 60
             + long.Parse(g[first + 2].Value, CultureInfo.InvariantCulture)) * 1000 + long.Parse(g[first + 3].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Timestamps_past_an_hour_and_past_ten_hours()
    {
        var t = new Transcript([W("late", 3725.5, 3726.25, "A"), W("later", 36000, 36000.001, "B")]);
        Assert.Equal(
            "1\n01:02:05,500 --> 01:02:06,250\nA: late\n\n2\n10:00:00,000 --> 10:00:00,001\nB: later\n",
            t.ToSrt());
        Assert.Contains("01:02:05.500 --> 01:02:06.250", t.ToWebVtt());
        Assert.Equal("A (1:02:05): late\nB (10:00:00): later\n", t.ToPlainText());
    }

    [Fact]
    public void Turns_without_words_are_split_into_cues_by_sharing_their_time_by_characters()
    {
        var t = TranscriptMerger.FromSegments([new SpeakerTextSegment("A", S(0), S(10), "aaaa bbbb cccc")]);
        Assert.Equal(
            "1\n00:00:00,000 --> 00:00:06,667\nA: aaaa bbbb\n\n2\n00:00:06,667 --> 00:00:10,000\nA: cccc\n",
            t.ToSrt(new CaptionOptions { MaxCharactersPerCue = 9 }));
    }

    [Fact]
    public void Empty_transcript_gives_empty_exports()
    {
        Assert.Equal("", Transcript.Empty.ToSrt());
        Assert.Equal("WEBVTT\n", Transcript.Empty.ToWebVtt());
        Assert.Equal("", Transcript.Empty.ToPlainText());
        Assert.Equal("", Transcript.Empty.ToRttm());
        Assert.Equal("{\"wordLevelTranscription\":[],\"turnLevelTranscription\":[]}", Transcript.Empty.ToJson());
    }

    [Fact]
    public void Caption_options_are_checked()
    {
        Assert.Contains("MaxCharactersPerCue", Assert.Throws<ArgumentException>(() => TwoSpeakers().ToSrt(new CaptionOptions { MaxCharactersPerCue = 0 })).Message);
        Assert.Contains("MaxCueDuration", Assert.Throws<ArgumentException>(() => TwoSpeakers().ToWebVtt(new CaptionOptions { MaxCueDuration = TimeSpan.Zero })).Message);
    }

    [Fact]
    public void Plain_text_is_one_line_per_turn_with_minutes_and_seconds()
    {
        var t = new Transcript([W("Hello", 3.9, 4.2, "SPEAKER_00"), W("Hi.", 65.2, 65.5, "SPEAKER_01"), W("um", 70, 70.2)]);
        Assert.Equal("SPEAKER_00 (0:03): Hello\nSPEAKER_01 (1:05): Hi.\nUNKNOWN (1:10): um\n", t.ToPlainText());
        Assert.Equal("SPEAKER_00 (0:00): Hello world.\nSPEAKER_01 (0:02): Hi there!\n", TwoSpeakers().ToPlainText());
    }

    [Fact]
    public void Rttm_has_one_line_per_turn_with_three_decimals()
    {
        Assert.Equal(
            "SPEAKER meeting 1 0.500 0.900 <NA> <NA> SPEAKER_00 <NA> <NA>\n" +
            "SPEAKER meeting 1 2.000 0.900 <NA> <NA> SPEAKER_01 <NA> <NA>\n",
            TwoSpeakers().ToRttm("meeting"));
        Assert.Throws<ArgumentException>(() => TwoSpeakers().ToRttm("my file"));
    }

    [Fact]
    public void Json_round_trips_words_turns_speakers_and_metadata()
    {
        var merged = TranscriptMerger.Merge(
            [new TranscriptWord("Grüß", S(0.1234567), S(0.5), confidence: 0.875), W("dich.", 0.6, 1.1), W("Yes", 1.2, 1.5), W("(cough)", 9, 9.2), W("mm", 1.3, 1.3)],
            [D("SPEAKER_01", 0, 1.15), D("SPEAKER_00", 1.15, 2)]);
        var original = new Transcript(merged.Words, merged.Turns) { Language = "de", Duration = S(12.5) };

        var json = original.ToJson(indented: true);
        var back = TranscriptFormats.ParseJson(json);

        Assert.Equal(
            original.Words.Select(w => (w.Text, w.Start, w.End, w.Speaker, w.Confidence)),
            back.Words.Select(w => (w.Text, w.Start, w.End, w.Speaker, w.Confidence)));
        Assert.Equal(
            original.Turns.Select(t => (t.Speaker, t.Start, t.End, t.Text, string.Join("|", t.Words.Select(w => w.Text)))),
            back.Turns.Select(t => (t.Speaker, t.Start, t.End, t.Text, string.Join("|", t.Words.Select(w => w.Text)))));
        Assert.Equal(original.Speakers, back.Speakers);
        Assert.Equal(original.Text, back.Text);
        Assert.Equal("de", back.Language);
        Assert.Equal(S(12.5), back.Duration);
        Assert.Contains("\"Grüß\"", json); // readable, not \u-escaped
        Assert.Equal(json, back.ToJson(indented: true));
    }

    [Fact]
    public void Json_round_trips_the_AMI_meeting()
    {
        var segments = CorpusTests.Rttm("ami-ES2004a.only_words.rttm");
        var transcript = TranscriptMerger.Merge(CorpusTests.WordsInside(segments).Select(x => x.Word), segments);
        var back = TranscriptFormats.ParseJson(transcript.ToJson());
        Assert.Equal(transcript.Words.Count, back.Words.Count);
        Assert.Equal(transcript.Turns.Select(t => (t.Speaker, t.Start, t.End, t.Words.Count)), back.Turns.Select(t => (t.Speaker, t.Start, t.End, t.Words.Count)));
        Assert.Equal(transcript.ToJson(), back.ToJson());
    }

    [Fact]
    public void Json_without_turns_builds_them_from_words()
    {
        var t = TranscriptFormats.ParseJson("""{"wordLevelTranscription":[{"start":0,"end":0.5,"text":"a","speaker":"X"},{"start":0.6,"end":0.9,"text":"b","speaker":null}]}""");
        Assert.Equal([("X", "a"), (null, "b")], t.Turns.Select(x => (x.Speaker, x.Text)));
    }

    [Theory]
    [InlineData("""{"wordLevelTranscription":[{"start":-1,"end":0.5,"text":"a","speaker":"X"}]}""", "wordLevelTranscription[0].start", "must not be negative")]
    [InlineData("""{"wordLevelTranscription":[{"start":0,"end":0.5,"text":"a"},{"start":2,"end":1,"text":"b"}]}""", "wordLevelTranscription[1].end", "must not be before")]
    [InlineData("""{"turnLevelTranscription":[null]}""", "turnLevelTranscription[0]", "must be an object")]
    [InlineData("""{"turnLevelTranscription":[{"start":0,"end":1}]}""", "turnLevelTranscription[0].text", "must be a string")]
    [InlineData("""{"wordLevelTranscription":[{"start":"0","end":1,"text":"a"}]}""", "wordLevelTranscription[0].start", "must be a number")]
    [InlineData("""{"wordLevelTranscription":{}}""", "wordLevelTranscription", "must be an array")]
    [InlineData("""{"wordLevelTranscription":[{"start":1e300,"end":1e301,"text":"a"}]}""", "wordLevelTranscription[0].start", "out of range")]
    [InlineData("""[1,2]""", "transcript JSON", "must be an object")]
    [InlineData("""{"wordLevelTranscription":[""", "transcript JSON", "malformed")]
    public void Json_with_bad_items_is_rejected_naming_the_item_and_rule(string json, string item, string rule)
    {
        var ex = Assert.Throws<FormatException>(() => TranscriptFormats.ParseJson(json));
        Assert.Contains(item, ex.Message);
        Assert.Contains(rule, ex.Message);
    }
}
