using System.Globalization;
using Pyannote.Sdk.Transcripts;
using static Pyannote.Sdk.Tests.Transcripts.TranscriptMergerTests;

namespace Pyannote.Sdk.Tests.Transcripts;

/// <summary>Merges against real reference data in TestData/corpora (see each file's .source.txt): pyannote-audio's
/// 30 s sample (RTTM + STM of the same audio) and the AMI ES2004a meeting reference (260 turns, overlaps).</summary>
public class CorpusTests
{
    // The STM names the speakers; the RTTM of the same audio labels them speaker90 and speaker91 (see the .source.txt).
    private static readonly Dictionary<string, string> StmToRttm = new() { ["Diane"] = "speaker90", ["Sheila"] = "speaker91" };

    internal static string Corpus(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "corpora", name));

    internal static IReadOnlyList<DiarizationSegment> Rttm(string name) => DiarizationFormats.ParseRttm(Corpus(name));

    /// <summary>STM lines: session channel speaker start end words.</summary>
    internal static List<(string Speaker, TimeSpan Start, TimeSpan End, string Text)> Stm(string name) =>
        Corpus(name).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 6))
            .Select(f => (f[2], S(double.Parse(f[3], CultureInfo.InvariantCulture)), S(double.Parse(f[4], CultureInfo.InvariantCulture)), f[5].Trim()))
            .ToList();

    /// <summary>Words spread over each utterance in proportion to their length (as a forced aligner would roughly place them).</summary>
    internal static List<(TranscriptWord Word, string Truth)> StmWords()
    {
        var result = new List<(TranscriptWord, string)>();
        foreach (var (speaker, start, end, text) in Stm("pyannote-sample.stm"))
        {
            var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var total = tokens.Sum(t => t.Length + 1);
            var at = 0;
            foreach (var token in tokens)
            {
                var ws = start + (end - start) * at / total;
                at += token.Length + 1;
                var we = start + (end - start) * (at - 1) / total;
                result.Add((new TranscriptWord(token, ws, we), StmToRttm[speaker]));
            }
        }

        return result;
    }

    /// <summary>Synthetic 0.2 s words every 0.3 s inside each reference segment, with that segment's speaker as truth.</summary>
    internal static List<(TranscriptWord Word, string Truth)> WordsInside(IReadOnlyList<DiarizationSegment> segments)
    {
        var result = new List<(TranscriptWord, string)>();
        var n = 0;
        foreach (var s in segments)
        {
            for (var t = s.Start; t + S(0.2) <= s.End; t += S(0.3))
            {
                result.Add((new TranscriptWord($"w{n++}", t, t + S(0.2)), s.Speaker));
            }
        }

        return result;
    }

    [Fact]
    public void Every_STM_utterance_is_attributed_to_its_RTTM_speaker()
    {
        var utterances = Stm("pyannote-sample.stm");
        var asWords = utterances.Select(u => new TranscriptWord(u.Text, u.Start, u.End)).ToArray();

        var t = TranscriptMerger.Merge(asWords, Rttm("pyannote-sample.rttm"));

        Assert.Equal(13, t.Words.Count);
        Assert.Equal(utterances.Select(u => StmToRttm[u.Speaker]), t.Words.Select(w => w.Speaker));
        Assert.Equal(["speaker90", "speaker91"], t.Speakers);
    }

    [Fact]
    public void STM_words_merged_with_the_RTTM_give_the_reference_speaker_turns()
    {
        var words = StmWords();
        var t = TranscriptMerger.Merge(words.Select(w => w.Word).Reverse(), Rttm("pyannote-sample.rttm"));

        var truth = words.ToDictionary(w => w.Word.Text + "@" + w.Word.Start.Ticks, w => w.Truth);
        var wrong = t.Words.Where(w => truth[w.Text + "@" + w.Start.Ticks] != w.Speaker).ToList();
        Assert.Equal(words.Count, t.Words.Count);

        // Reference turns (RTTM) and utterances (STM) were annotated separately and disagree by up to ~0.4 s at their
        // edges, so 5 of 81 words, each the first or last word of its utterance, overlap the other speaker's turn. Four
        // are weak (a tie, or a small overlap margin) and take their sentence's speaker (e.g. "I." at 10.59–10.72 s lies
        // in both speakers' turns; the rest of "Neither did I." is speaker91's). "Oh," (17.79–17.97 s) lies only in
        // speaker91's turn (until 17.92 s), with a confident margin, but sticks out of it by 0.05 s and speaker90's turn
        // starts 0.08 s after it: within the boundary tolerance, it joins the rest of its sentence. No word is wrong.
        Assert.Empty(wrong);
        var oh = t.Words.Single(w => w.Text == "Oh," && w.Start > S(17) && w.Start < S(18));
        Assert.Equal(("speaker90", SpeakerAttribution.Sentence), (oh.Speaker, oh.Attribution));

        Assert.Equal(
            "speaker90 (0:06): Hello?\n" +
            "speaker91 (0:07): Hello?\n" +
            "speaker90 (0:08): Oh, hello. I didn't know you were there.\n" +
            "speaker91 (0:09): Neither did I.\n" +
            "speaker90 (0:10): Okay, then I thought you know, I heard a beep. This is Diane in New Jersey.\n" +
            "speaker91 (0:14): And I'm Sheila in Texas, originally from Chicago.\n" +
            "speaker90 (0:17): Oh, I'm originally from Chicago also. I'm in New Jersey now though.\n" +
            "speaker91 (0:21): Well, there isn't that much difference. At least you know, they all call me a Yankee down here, so what can I say?\n" +
            "speaker90 (0:28): Oh, I don't hear that in New Jersey now.\n",
            t.ToPlainText());
    }

    [Fact]
    public void AMI_meeting_words_get_the_speaker_of_the_segment_they_lie_in_wherever_only_one_speaker_talks()
    {
        var segments = Rttm("ami-ES2004a.only_words.rttm");
        var words = WordsInside(segments);
        var t = TranscriptMerger.Merge(words.Select(w => w.Word), segments);

        var byName = t.Words.ToDictionary(w => w.Text);
        var single = 0;
        foreach (var (word, truth) in words)
        {
            var speakersHere = segments.Where(s => s.Start < word.End && s.End > word.Start).Select(s => s.Speaker).Distinct().Count();
            if (speakersHere == 1)
            {
                single++;
                Assert.Equal(truth, byName[word.Text].Speaker);
            }
        }

        Assert.True(single > 1000, $"only {single} words in single-speaker regions");
        Assert.True(words.Count > single, "the meeting has overlapped speech");
        Assert.Equal(segments.OrderBy(s => s.Start).Select(s => s.Speaker).Distinct(), t.Speakers);
        Assert.Equal(["MEO015", "FEE013"], t.Speakers.Take(2));
    }

    [Fact]
    public void AMI_meeting_merge_matches_the_word_by_segment_reference_including_overlaps_and_gaps()
    {
        var segments = Rttm("ami-ES2004a.only_words.rttm");
        // Words on a grid over the whole meeting: inside turns, across turn boundaries, in overlaps and in silences.
        var words = Enumerable.Range(0, (int)(segments.Max(s => s.End).TotalSeconds / 0.37) + 10)
            .Select(i => new TranscriptWord($"g{i}{(i % 9 == 8 ? "." : "")}", S(i * 0.37), S(i * 0.37 + (i % 7 == 0 ? 0 : 0.2))))
            .ToList();
        var options = new MergeOptions { MaxGapToNearestSegment = S(0.3) };

        var t = TranscriptMerger.Merge(words, segments, options);

        var expected = Reference(words, segments, options).ToDictionary(x => x.Word.Text);
        Assert.All(t.Words, w =>
        {
            Assert.Equal((expected[w.Text].Speaker, expected[w.Text].Attribution), (w.Speaker, w.Attribution));
            Assert.Equal(expected[w.Text].Confidence, w.AttributionConfidence!.Value, 6);
        });
        // Every kind of guess occurs (on this grid the sentence rule reaches words beyond the gap first, so none is left
        // for the neighbouring-words rule or without a speaker).
        Assert.All(
            [SpeakerAttribution.Overlap, SpeakerAttribution.OverlappedSpeech, SpeakerAttribution.NearestSegment, SpeakerAttribution.Sentence],
            a => Assert.Contains(t.Words, w => w.Attribution == a));
        Assert.Equal(t.Words.Count, t.Turns.Sum(x => x.Words.Count));
    }
}
