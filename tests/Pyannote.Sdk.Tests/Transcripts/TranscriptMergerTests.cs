using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.Transcripts;

public class TranscriptMergerTests
{
    internal static TimeSpan S(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    internal static TranscriptWord W(string text, double start, double end, string? speaker = null) => new(text, S(start), S(end), speaker);

    internal static DiarizationSegment D(string speaker, double start, double end) => new(speaker, S(start), S(end));

    private static string? SpeakerOf(Transcript t, string word) => t.Words.Single(w => w.Text == word).Speaker;

    [Fact]
    public void Word_touching_a_boundary_goes_to_the_segment_it_overlaps()
    {
        var t = TranscriptMerger.Merge(
            [W("after", 2.0, 2.5), W("before", 1.5, 2.0)],
            [D("A", 0, 2), D("B", 2, 4)]);

        Assert.Equal("A", SpeakerOf(t, "before"));
        Assert.Equal("B", SpeakerOf(t, "after"));
    }

    [Fact]
    public void Word_centred_on_a_boundary_is_a_tie_won_by_the_speaker_heard_first()
    {
        var t = TranscriptMerger.Merge([W("x", 1.9, 2.1)], [D("B", 2, 4), D("A", 0, 2)]);
        Assert.Equal("A", SpeakerOf(t, "x"));
    }

    [Fact]
    public void Word_spanning_two_speakers_goes_to_the_larger_overlap()
    {
        var t = TranscriptMerger.Merge(
            [W("mostB", 1.5, 2.8), W("mostA", 1.2, 2.3)],
            [D("A", 0, 2), D("B", 2, 4)]);

        Assert.Equal("B", SpeakerOf(t, "mostB"));
        Assert.Equal("A", SpeakerOf(t, "mostA"));
    }

    [Fact]
    public void Overlap_is_summed_over_all_of_a_speakers_segments()
    {
        // A overlaps the word by 0.4 + 0.5 = 0.9 s in two segments; B by 0.7 s in one (the largest single overlap).
        var t = TranscriptMerger.Merge(
            [W("w", 0.6, 1.6)],
            [D("A", 0, 1.0), D("B", 0.9, 1.7), D("A", 1.1, 2.0)]);

        Assert.Equal("A", SpeakerOf(t, "w"));
    }

    [Fact]
    public void Overlapped_speech_goes_to_the_speaker_of_the_word_before_when_tied_else_to_the_deeper_segment()
    {
        var diarization = new[] { D("A", 0, 5), D("B", 3, 8) };

        // Alone: the word's midpoint (3.4 s) is 1.6 s inside A and 0.4 s inside B; at 4.6 s it is the other way round.
        var early = Assert.Single(TranscriptMerger.Merge([W("both", 3.2, 3.6)], diarization).Words);
        Assert.Equal(("A", SpeakerAttribution.OverlappedSpeech, 0.0), (early.Speaker, early.Attribution, early.AttributionConfidence));
        Assert.Equal("B", Assert.Single(TranscriptMerger.Merge([W("both", 4.4, 4.8)], diarization).Words).Speaker);

        // Near A's end the depth favours B (0.6 s inside B, 0.4 s inside A), but after a word of A less than a pause
        // before, A goes on talking; after a long pause the depth decides again.
        var late = new[] { D("A", 0, 5), D("B", 4, 8) };
        Assert.Equal("B", Assert.Single(TranscriptMerger.Merge([W("both", 4.4, 4.8)], late).Words).Speaker);
        var t = TranscriptMerger.Merge([W("a", 3.5, 3.9), W("both", 4.4, 4.8)], late);
        Assert.Equal(("A", SpeakerAttribution.OverlappedSpeech), (SpeakerOf(t, "both"), t.Words[1].Attribution));
        var paused = TranscriptMerger.Merge([W("a", 2.0, 2.4), W("both", 4.4, 4.8)], late);
        Assert.Equal("B", SpeakerOf(paused, "both"));

        // A clear majority is no tie: 1.0 s of B against 0.5 s of A.
        var leaving = Assert.Single(TranscriptMerger.Merge([W("leavingA", 4.5, 5.5)], diarization).Words);
        Assert.Equal(("B", SpeakerAttribution.Overlap, 0.5), (leaving.Speaker, leaving.Attribution, leaving.AttributionConfidence));
    }

    [Fact]
    public void Words_in_gaps_take_the_nearest_speaker_only_within_the_gap_limit()
    {
        var diarization = new[] { D("A", 0, 1), D("B", 3, 4) };
        var words = new[] { W("nearA", 1.3, 1.5), W("middle", 1.8, 2.2), W("nearB", 2.6, 2.8), W("late", 4.6, 4.9), W("touchB", 2.7, 3.0), W("far", 9.5, 9.7) };

        var t = TranscriptMerger.Merge(words, diarization); // default gap 5 s

        Assert.Equal("A", SpeakerOf(t, "nearA"));
        Assert.Equal("A", SpeakerOf(t, "middle")); // 0.8 s from both: the speaker heard first
        Assert.Equal("B", SpeakerOf(t, "nearB"));
        Assert.Equal("B", SpeakerOf(t, "late"));
        Assert.Equal("B", SpeakerOf(t, "touchB"));
        Assert.Null(SpeakerOf(t, "far")); // 5.5 s after B
        var nearA = t.Words.Single(w => w.Text == "nearA");
        Assert.Equal(SpeakerAttribution.NearestSegment, nearA.Attribution);
        Assert.Equal(0.5 * (1 - (0.3 / 5)), nearA.AttributionConfidence!.Value, 5);
        var far = t.Words.Single(w => w.Text == "far");
        Assert.Equal((SpeakerAttribution.Unattributed, 0.0), (far.Attribution, far.AttributionConfidence));

        // With no gap allowed, only "touchB" (distance zero) touches a segment; the words joined to it by short pauses
        // take its speaker from it as their neighbour; "late" (1.6 s after it) and "far" stay without one.
        var strict = TranscriptMerger.Merge(words, diarization, new MergeOptions { MaxGapToNearestSegment = TimeSpan.Zero });
        Assert.Equal(("B", SpeakerAttribution.NearestSegment), (SpeakerOf(strict, "touchB"), strict.Words.Single(w => w.Text == "touchB").Attribution));
        Assert.All(strict.Words.Where(w => w.Text is "nearA" or "middle" or "nearB"), w => Assert.Equal(("B", SpeakerAttribution.NeighbouringWords), (w.Speaker, w.Attribution)));
        Assert.Equal(0.5 / 4, strict.Words.Single(w => w.Text == "nearA").AttributionConfidence!.Value, 5); // a quarter of touchB's
        Assert.Null(SpeakerOf(strict, "late"));
        Assert.Null(SpeakerOf(strict, "far"));

        // Without short pauses joining them to attributed words, words beyond the gap keep no speaker.
        var apart = TranscriptMerger.Merge(words, diarization, new MergeOptions { MaxGapToNearestSegment = S(0.5), MaxPauseInTurn = S(0.1) });
        Assert.Equal((null, SpeakerAttribution.Unattributed), (SpeakerOf(apart, "middle"), apart.Words.Single(w => w.Text == "middle").Attribution));
        Assert.Null(SpeakerOf(apart, "late")); // 0.6 s after B
    }

    [Fact]
    public void With_two_speakers_a_whole_unheard_sentence_between_two_turns_of_one_takes_the_other()
    {
        // A speaks, B's reply was missed by the diarization, A speaks again; B is only heard later.
        var diarization = new[] { D("A", 0, 2), D("A", 5, 7), D("B", 8, 9) };
        var words = new[]
        {
            W("Are", 0.2, 0.5), W("you", 0.6, 0.9), W("there?", 1.0, 1.5),
            W("Yes,", 2.4, 2.8), W("I", 2.9, 3.0), W("am.", 3.1, 3.6),
            W("Good.", 5.2, 5.8),
        };

        var t = TranscriptMerger.Merge(words, diarization);

        Assert.All(t.Words.Where(w => w.Text is "Yes," or "I" or "am."), w => Assert.Equal(("B", SpeakerAttribution.TurnTaking, 0.25), (w.Speaker, w.Attribution, w.AttributionConfidence!.Value)));
        Assert.Equal(["A", "B", "A"], t.Turns.Select(x => x.Speaker));

        // A third speaker: who replied is unknown, so the nearest segment decides as before.
        var three = TranscriptMerger.Merge(words, [.. diarization, D("C", 10, 11)]);
        Assert.All(three.Words.Where(w => w.Text is "Yes," or "I" or "am."), w => Assert.Equal(("A", SpeakerAttribution.NearestSegment), (w.Speaker, w.Attribution)));

        // Different speakers around the sentence: no turn to infer.
        var around = TranscriptMerger.Merge(words, [D("A", 0, 2), D("B", 5, 7)]);
        Assert.DoesNotContain(around.Words, w => w.Attribution == SpeakerAttribution.TurnTaking);

        // A sentence some segment overlaps is heard: its words keep the ordinary rules.
        var heard = TranscriptMerger.Merge(words, [.. diarization, D("A", 3.4, 3.5)]);
        Assert.DoesNotContain(heard.Words, w => w.Attribution == SpeakerAttribution.TurnTaking);
    }

    [Fact]
    public void A_weak_word_takes_the_speaker_of_the_nearest_confident_word_of_its_sentence()
    {
        // Diarization: A until 2.0 s, B from 2.3 s. "there." ends A's sentence but mostly lies in the gap and B's segment
        // starts inside it; "So" lies in the gap. Sentences end at '.', so "So" belongs with B's sentence.
        var t = TranscriptMerger.Merge(
            [W("Hi", 1.0, 1.4), W("there.", 1.5, 2.4), W("So", 2.2, 2.28), W("what", 2.6, 2.9), W("now?", 3.0, 3.4)],
            [D("A", 0, 2.0), D("B", 2.3, 4)]);

        var there = t.Words.Single(w => w.Text == "there.");
        Assert.Equal(("A", SpeakerAttribution.Overlap), (there.Speaker, there.Attribution)); // 0.5 s of A against 0.1 s of B
        Assert.True(there.AttributionConfidence < 0.5);
        var so = t.Words.Single(w => w.Text == "So");
        Assert.Equal(("B", SpeakerAttribution.NearestSegment), (so.Speaker, so.Attribution)); // already B: not changed
        Assert.Equal(["A", "A", "B", "B", "B"], t.Words.Select(w => w.Speaker));

        // The same words where the diarization puts "So" nearer A: the sentence gives it to B.
        var smoothed = TranscriptMerger.Merge(
            [W("Hi", 1.0, 1.4), W("there.", 1.5, 1.9), W("So", 2.1, 2.2), W("what", 2.6, 2.9), W("now?", 3.0, 3.4)],
            [D("A", 0, 2.0), D("B", 2.5, 4)]);
        var moved = smoothed.Words.Single(w => w.Text == "So");
        Assert.Equal(("B", SpeakerAttribution.Sentence), (moved.Speaker, moved.Attribution));
        Assert.Equal(0.5, moved.AttributionConfidence!.Value, 5); // half of "what"'s 1.0

        // A word a segment overlaps never takes a speaker whose segments do not overlap it: "long" (stretched over a
        // pause) overlaps only A, weakly; the nearest confident word of its sentence is B's "x", yet it stays A.
        var stretched = TranscriptMerger.Merge(
            [W("x", 1.0, 1.2), W("long", 1.3, 3.0), W("y.", 3.5, 3.7)],
            [D("B", 0.9, 1.3), D("A", 2.8, 4)]);
        Assert.Equal(["B", "A", "A"], stretched.Words.Select(w => w.Speaker));
        Assert.Equal(SpeakerAttribution.Overlap, stretched.Words[1].Attribution);
        Assert.Equal(0.2 / 1.7, stretched.Words[1].AttributionConfidence!.Value, 5);
    }

    [Fact]
    public void Sentences_and_long_pauses_bound_the_smoothing()
    {
        // "end." closes A's sentence; "Then" after a 1.5 s pause is out of A's sentence anyway: it keeps its own guess.
        var t = TranscriptMerger.Merge(
            [W("a", 0.1, 0.5), W("end.", 0.6, 0.9), W("next", 1.0, 1.2), W("Then", 2.7, 2.9), W("b", 3.5, 3.9)],
            [D("A", 0, 0.95), D("B", 3.4, 5)]);

        Assert.Equal("A", SpeakerOf(t, "next")); // nearest segment A (0.05 s), and its sentence has no confident word
        Assert.Equal(SpeakerAttribution.NearestSegment, t.Words.Single(w => w.Text == "next").Attribution);
        Assert.Equal(("B", SpeakerAttribution.NearestSegment), (SpeakerOf(t, "Then"), t.Words.Single(w => w.Text == "Then").Attribution));
        Assert.True(TranscriptMerger.EndsSentence("end.\""));
        Assert.True(TranscriptMerger.EndsSentence("why?)"));
        Assert.False(TranscriptMerger.EndsSentence("e.g"));
        Assert.False(TranscriptMerger.EndsSentence(""));
    }

    [Fact]
    public void Nearest_segment_before_a_word_is_the_one_that_ends_last_not_the_one_that_starts_last()
    {
        // B starts after A but ends long before; the word after both is closest to A's end.
        var t = TranscriptMerger.Merge([W("w", 10.2, 10.4)], [D("A", 0, 10), D("B", 1, 2)]);
        Assert.Equal("A", SpeakerOf(t, "w"));
    }

    [Fact]
    public void Empty_words_give_an_empty_transcript()
    {
        var t = TranscriptMerger.Merge([], [D("A", 0, 1)]);
        Assert.Empty(t.Words);
        Assert.Empty(t.Turns);
        Assert.Empty(t.Speakers);
        Assert.Equal("", t.Text);
    }

    [Fact]
    public void Empty_diarization_gives_a_speakerless_transcript_and_clears_vendor_speakers()
    {
        var t = TranscriptMerger.Merge([W("Hello", 0, 0.4, "old"), W("there.", 0.5, 0.9)], []);
        Assert.All(t.Words, w => Assert.Null(w.Speaker));
        Assert.Empty(t.Speakers);
        var turn = Assert.Single(t.Turns);
        Assert.Null(turn.Speaker);
        Assert.Equal("Hello there.", turn.Text);
        Assert.Equal("Hello there.", t.Text);
    }

    [Fact]
    public void Unsorted_inputs_give_the_same_result_as_sorted_inputs()
    {
        var words = Enumerable.Range(0, 60).Select(i => W($"w{i}", i * 0.5, i * 0.5 + 0.3)).ToArray();
        var segments = new[] { D("A", 0, 7), D("B", 6.5, 15), D("C", 15.2, 22), D("A", 21, 30) };
        var rng = new Random(7);
        var shuffledWords = words.OrderBy(_ => rng.Next()).ToArray();
        var shuffledSegments = segments.OrderBy(_ => rng.Next()).Reverse().ToArray();

        var sorted = TranscriptMerger.Merge(words, segments);
        var unsorted = TranscriptMerger.Merge(shuffledWords, shuffledSegments);

        Assert.Equal(sorted.Words.Select(w => (w.Text, w.Speaker)), unsorted.Words.Select(w => (w.Text, w.Speaker)));
        Assert.Equal(sorted.Turns.Select(t => (t.Speaker, t.Start, t.End, t.Text)), unsorted.Turns.Select(t => (t.Speaker, t.Start, t.End, t.Text)));
        Assert.Equal(["A", "B", "C"], unsorted.Speakers);
        Assert.Equal(words.Select(w => w.Text), unsorted.Words.Select(w => w.Text));
    }

    [Fact]
    public void Zero_length_words_are_points_taking_a_containing_segment_or_the_nearest()
    {
        var t = TranscriptMerger.Merge(
            [W("inside", 1, 1), W("onBoundary", 2, 2), W("inOverlap", 3.5, 3.5), W("gap", 5.3, 5.3), W("far", 12, 12)],
            [D("A", 0, 2), D("B", 2, 4), D("C", 3, 5)]);

        Assert.Equal("A", SpeakerOf(t, "inside"));
        Assert.Equal("A", SpeakerOf(t, "onBoundary")); // contained by A and B: A heard first
        Assert.Equal("B", SpeakerOf(t, "inOverlap")); // contained by B and C: B heard first
        Assert.Equal("C", SpeakerOf(t, "gap"));
        Assert.Null(SpeakerOf(t, "far"));
    }

    [Fact]
    public void Ties_go_to_the_speaker_heard_first_in_time_not_the_first_label()
    {
        var t = TranscriptMerger.Merge(
            [W("tie", 4.5, 5.5)],
            [D("SPEAKER_00", 5, 9), D("SPEAKER_01", 0, 5)]);

        Assert.Equal("SPEAKER_01", SpeakerOf(t, "tie"));
    }

    [Fact]
    public void Exclusive_diarization_is_preferred_and_the_regular_one_fills_its_gaps()
    {
        var regular = new[] { D("A", 0, 5), D("B", 3, 8), D("C", 9, 10) };
        var exclusive = new[] { D("A", 0, 3), D("B", 3, 8) };
        var words = new[] { W("overlap", 3.2, 3.6), W("onlyRegular", 9.2, 9.5) };

        var plain = TranscriptMerger.Merge(words, regular);
        Assert.Equal("A", SpeakerOf(plain, "overlap"));

        var t = TranscriptMerger.Merge(words, regular, exclusive);
        Assert.Equal("B", SpeakerOf(t, "overlap"));
        Assert.Equal("C", SpeakerOf(t, "onlyRegular"));

        var noExclusive = TranscriptMerger.Merge(words, regular, Array.Empty<DiarizationSegment>());
        Assert.Equal("A", SpeakerOf(noExclusive, "overlap"));
        Assert.Equal("A", SpeakerOf(TranscriptMerger.Merge(words, regular, null), "overlap")); // binds to the options overload
    }

    [Fact]
    public void Turns_are_runs_of_one_speaker_split_at_long_pauses()
    {
        var t = TranscriptMerger.Merge(
            [W("Hi", 0, 0.3), W("there.", 0.4, 0.8), W("Hello.", 1.0, 1.5), W("So,", 1.6, 1.9), W("anyway.", 3.5, 4.0)],
            [D("A", 0, 0.9), D("B", 0.95, 5)],
            new MergeOptions { MaxPauseInTurn = S(1) });

        Assert.Collection(
            t.Turns,
            x => Assert.Equal(("A", S(0), S(0.8), "Hi there.", 2), (x.Speaker, x.Start, x.End, x.Text, x.Words.Count)),
            x => Assert.Equal(("B", S(1.0), S(1.9), "Hello. So,", 2), (x.Speaker, x.Start, x.End, x.Text, x.Words.Count)),
            x => Assert.Equal(("B", S(3.5), S(4.0), "anyway.", 1), (x.Speaker, x.Start, x.End, x.Text, x.Words.Count)));
        Assert.Equal("Hi there. Hello. So, anyway.", t.Text);
        Assert.Equal(["A", "B"], t.Speakers);
    }

    [Fact]
    public void Vendor_speaker_labels_are_kept_as_given()
    {
        var t = TranscriptMerger.Merge([W("a", 0, 1), W("b", 2, 3)], [D("Dr. Smith", 0, 1), D("speaker 2", 2, 3)]);
        Assert.Equal(["Dr. Smith", "speaker 2"], t.Speakers);
    }

    [Fact]
    public void Words_keep_their_text_times_and_confidence()
    {
        var word = new TranscriptWord("ok", S(1), S(1.2), "vendor", 0.93);
        var t = TranscriptMerger.Merge([word], [D("A", 0, 2)]);
        var merged = Assert.Single(t.Words);
        Assert.Equal(("ok", S(1), S(1.2), "A", (double?)0.93), (merged.Text, merged.Start, merged.End, merged.Speaker, merged.Confidence));
    }

    [Fact]
    public void Null_entries_are_rejected_naming_the_item()
    {
        var ex = Assert.Throws<ArgumentException>(() => TranscriptMerger.Merge([W("a", 0, 1), null!], [D("A", 0, 1)]));
        Assert.Equal("words", ex.ParamName);
        Assert.Contains("words[1] is null", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => TranscriptMerger.Merge([W("a", 0, 1)], [D("A", 0, 1), null!]));
        Assert.Equal("diarization", ex.ParamName);
        Assert.Contains("diarization[1] is null", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => TranscriptMerger.Merge([W("a", 0, 1)], [D("A", 0, 1)], [null!]));
        Assert.Contains("exclusiveDiarization[0] is null", ex.Message);

        Assert.Throws<ArgumentNullException>(() => TranscriptMerger.Merge(null!, [D("A", 0, 1)]));
        Assert.Throws<ArgumentNullException>(() => TranscriptMerger.Merge([W("a", 0, 1)], null!));
    }

    [Fact]
    public void Bad_times_and_options_are_rejected_naming_the_rule()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TranscriptWord("a", S(2), S(1)));
        Assert.Equal("end", ex.ParamName);
        Assert.Contains("must not be before start", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => new DiarizationSegment("A", S(-1), S(1)));
        Assert.Equal("start", ex.ParamName);
        Assert.Contains("must not be negative", ex.Message);

        // Vendor seconds go through TimeRules.FromSeconds when mapped: NaN, infinities and negatives are refused.
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.5 })
        {
            ex = Assert.Throws<ArgumentException>(() => TimeRules.FromSeconds(bad, "words[3].start"));
            Assert.Equal("words[3].start", ex.ParamName);
            Assert.Matches("finite|negative", ex.Message);
        }

        ex = Assert.Throws<ArgumentException>(() => TranscriptMerger.Merge([W("a", 0, 1)], [D("A", 0, 1)], new MergeOptions { MaxGapToNearestSegment = S(-1) }));
        Assert.Contains("MaxGapToNearestSegment must not be negative", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => TranscriptMerger.Merge([W("a", 0, 1)], [D("A", 0, 1)], new MergeOptions { MaxPauseInTurn = S(-1) }));
        Assert.Contains("MaxPauseInTurn must not be negative", ex.Message);
    }

    [Fact]
    public void FromSegments_builds_turns_without_words_in_time_order()
    {
        var t = TranscriptMerger.FromSegments(
        [
            new SpeakerTextSegment("SPEAKER_1", S(4), S(6), " Fine, thanks. "),
            new SpeakerTextSegment("SPEAKER_0", S(0), S(3.5), "How are you?"),
            new SpeakerTextSegment(null, S(7), S(8), "   "),
        ]);

        Assert.Empty(t.Words);
        Assert.Equal(["SPEAKER_0", "SPEAKER_1"], t.Speakers);
        Assert.Equal(["How are you?", "Fine, thanks."], t.Turns.Select(x => x.Text));
        Assert.All(t.Turns, x => Assert.Empty(x.Words));
        Assert.Equal("How are you? Fine, thanks.", t.Text);
        Assert.Contains("segments[1]", Assert.Throws<ArgumentException>(() => TranscriptMerger.FromSegments([new SpeakerTextSegment("a", S(0), S(1), "x"), null!])).Message);
    }

    /// <summary>pyannote's sample around 18 s: Sheila's sentence ends at 17.769 s and Diane's "Oh, I'm originally from
    /// Chicago also." follows; the diarization (<paramref name="diarization"/>) keeps speaker91 until 17.92 s.</summary>
    private static Transcript MergeOh(double ohEnd, params DiarizationSegment[] diarization) => TranscriptMerger.Merge(
        [
            W("And", 14.5, 14.7), W("Sheila", 15.0, 15.5), W("originally", 16.6, 17.1), W("from", 17.15, 17.35), W("Chicago.", 17.4, 17.769),
            W("Oh,", 17.789, ohEnd), W("I'm", 18.35, 18.55), W("originally2", 18.6, 19.1), W("from2", 19.15, 19.35), W("Chicago2", 19.4, 19.8), W("also.", 19.85, 20.1),
        ],
        diarization);

    [Fact]
    public void A_word_sticking_out_of_its_speaker_by_a_boundary_error_joins_the_clear_run_of_its_sentence()
    {
        // speaker91 ‥17.92 s, speaker90 18.05 s‥ (and a short speaker91 segment inside it, as in the real RTTM). "Oh,"
        // (17.789–17.997 s) is 63 % inside speaker91 and nobody else's: it sticks out 0.077 s, and speaker90 starts 0.053 s
        // after it. speaker90's segment does not overlap it, but a boundary is that imprecise: it joins its sentence.
        var t = MergeOh(17.997, D("speaker91", 14.49, 17.92), D("speaker90", 18.05, 21.49), D("speaker91", 18.15, 18.59));

        var oh = t.Words.Single(w => w.Text == "Oh,");
        Assert.Equal(("speaker90", SpeakerAttribution.Sentence), (oh.Speaker, oh.Attribution));
        Assert.Equal(0.5, oh.AttributionConfidence!.Value, 5); // half the clear run's mean confidence (1.0)
        Assert.Equal("speaker90", SpeakerOf(t, "I'm"));
        Assert.All(t.Words.Take(5), w => Assert.Equal("speaker91", w.Speaker));
        Assert.All(t.Words.Skip(5), w => Assert.Equal("speaker90", w.Speaker));
    }

    [Fact]
    public void A_word_sticking_out_by_more_than_the_tolerance_keeps_its_speaker()
    {
        // "Oh," stretched to 18.1 s: 0.28 s of it lies outside speaker91 (until 17.82 s), though speaker90 starts 0.05 s after it.
        var t = MergeOh(18.1, D("speaker91", 14.49, 17.82), D("speaker90", 18.15, 21.49));
        var oh = t.Words.Single(w => w.Text == "Oh,");
        Assert.Equal(("speaker91", SpeakerAttribution.Overlap), (oh.Speaker, oh.Attribution));

        // 0.23 s outside: it moves.
        Assert.Equal("speaker90", SpeakerOf(MergeOh(18.1, D("speaker91", 14.49, 17.87), D("speaker90", 18.15, 21.49)), "Oh,"));
    }

    [Fact]
    public void A_word_two_speakers_overlap_does_not_use_the_tolerance()
    {
        // As in the sample, but a third speaker's short segment also overlaps "Oh,": it is no longer one speaker's word
        // that sticks out of a boundary, so it keeps speaker91 (its own overlap).
        var t = MergeOh(17.997, D("speaker91", 14.49, 17.92), D("C", 17.95, 18.0), D("speaker90", 18.05, 21.49));
        var oh = t.Words.Single(w => w.Text == "Oh,");
        Assert.Equal(("speaker91", SpeakerAttribution.Overlap), (oh.Speaker, oh.Attribution));
        Assert.Equal("speaker90", SpeakerOf(t, "I'm"));
    }

    [Fact]
    public void A_target_segment_farther_than_the_tolerance_does_not_qualify()
    {
        // speaker90 starts 0.3 s after "Oh," ends: too far for a boundary error; 0.2 s after, it is within the tolerance.
        var far = MergeOh(17.997, D("speaker91", 14.49, 17.92), D("speaker90", 18.297, 21.49));
        Assert.Equal(("speaker91", SpeakerAttribution.Overlap), (SpeakerOf(far, "Oh,"), far.Words.Single(w => w.Text == "Oh,").Attribution));

        var near = MergeOh(17.997, D("speaker91", 14.49, 17.92), D("speaker90", 18.197, 21.49));
        Assert.Equal(("speaker90", SpeakerAttribution.Sentence), (SpeakerOf(near, "Oh,"), near.Words.Single(w => w.Text == "Oh,").Attribution));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Sweep_agrees_with_a_word_by_segment_reference_on_random_inputs(int seed)
    {
        var rng = new Random(seed);
        var segments = new List<DiarizationSegment>();

        // Seeds from 9 on: a sparser two-speaker diarization, so that whole sentences fall between segments (turn taking).
        var twoSpeakers = seed >= 9;
        for (var i = 0; i < (twoSpeakers ? 25 : 80); i++)
        {
            // Times on a 0.1 s grid so ties, touching boundaries and zero lengths happen often.
            var start = rng.Next(0, 600) / 10.0;
            segments.Add(D($"S{rng.Next(twoSpeakers ? 2 : 5)}", start, start + rng.Next(0, twoSpeakers ? 30 : 60) / 10.0));
        }

        var words = new List<TranscriptWord>();
        for (var i = 0; i < 400; i++)
        {
            var start = rng.Next(0, 700) / 10.0;
            var end = rng.Next(0, 8) / 10.0;
            words.Add(W($"w{i}{(rng.Next(6) == 0 ? "." : "")}", start, start + (rng.Next(10) == 0 ? 3 * end : end)));
        }

        var options = new MergeOptions { MaxGapToNearestSegment = S(rng.Next(0, 30) / 10.0), MaxPauseInTurn = S(rng.Next(0, 15) / 10.0) };
        AssertAgreesWithReference(words, segments, options);

        // A conversation: turns of consecutive words, each turn's segment with its edges shifted by up to 0.3 s, some
        // spurious short segments; here the boundary tolerance decides some words.
        var (turnWords, turnSegments) = Conversation(rng);
        var moved = AssertAgreesWithReference(turnWords, turnSegments, new MergeOptions { MaxGapToNearestSegment = S(rng.Next(0, 30) / 10.0) });
        Assert.True(moved > 0, "no word of the conversation was moved by the boundary tolerance");
    }

    /// <summary>About 500 consecutive words in turns of 3–12 words by four speakers, on a 0.1 s grid, with sentence ends
    /// and a few long pauses. The diarization has one segment per turn with its start and end each moved by −0.1 to
    /// +0.3 s, and a few spurious 0.1–0.5 s segments of other speakers; at a third of the speaker changes, the boundary is
    /// placed inside the new turn's first word (0.1–0.4 s into it) and the new speaker's segment starts 0–0.3 s after that
    /// word, with silence between: the boundary error the tolerance is for, within it and beyond it.</summary>
    private static (List<TranscriptWord> Words, List<DiarizationSegment> Segments) Conversation(Random rng)
    {
        var words = new List<TranscriptWord>();
        var segments = new List<DiarizationSegment>();
        var t = 0.0;
        var speaker = 0;
        var previous = -1; // the previous turn's segment
        while (words.Count < 500)
        {
            speaker = (speaker + 1 + rng.Next(3)) % 4;
            var first = t;
            var firstWord = words.Count;
            var count = rng.Next(3, 13);
            for (var k = 0; k < count; k++)
            {
                var end = t + (rng.Next(1, rng.Next(3) == 0 ? 6 : 4) / 10.0);
                var last = k == count - 1;
                words.Add(W($"c{words.Count}{((last && rng.Next(5) > 0) || rng.Next(10) == 0 ? "." : "")}", t, end));
                t = end + (rng.Next(30) == 0 ? 1.5 : rng.Next(0, 2) / 10.0);
            }

            var speechEnd = words[^1].End.TotalSeconds;
            var start = Math.Max(0, first + (rng.Next(-1, 4) / 10.0));
            if (previous >= 0 && rng.Next(3) == 0)
            {
                // The previous speaker's segment runs into this turn's first word; this speaker's starts after it.
                var opener = words[firstWord];
                var into = Math.Min(rng.Next(1, 5) / 10.0, (opener.End - opener.Start).TotalSeconds);
                var before = segments[previous];
                segments[previous] = new DiarizationSegment(before.Speaker, before.Start, Max(before.Start, opener.Start + S(into)));
                start = opener.End.TotalSeconds + (rng.Next(0, 4) / 10.0);
            }

            previous = segments.Count;
            segments.Add(D($"S{speaker}", start, Math.Max(start, speechEnd + (rng.Next(-1, 4) / 10.0))));
            if (rng.Next(6) == 0)
            {
                var at = first + (rng.Next(0, (int)((speechEnd - first) * 10) + 1) / 10.0);
                segments.Add(D($"S{(speaker + 1 + rng.Next(3)) % 4}", at, at + (rng.Next(1, 6) / 10.0)));
            }

            t += rng.Next(0, 2) / 10.0;
        }

        return (words, segments);
    }

    /// <summary>Merges and checks every word against <see cref="Reference"/>; returns how many words only the boundary
    /// tolerance moved.</summary>
    private static int AssertAgreesWithReference(List<TranscriptWord> words, List<DiarizationSegment> segments, MergeOptions options)
    {
        var merged = TranscriptMerger.Merge(words, segments, options);

        var movedByTolerance = 0;
        var expected = Reference(words, segments, options, _ => movedByTolerance++).ToDictionary(x => x.Word.Text);
        if (Environment.GetEnvironmentVariable("MERGE_DUMP") == "1")
        {
            Console.WriteLine($"{movedByTolerance} moved by the boundary tolerance");
            foreach (var w in merged.Words)
            {
                var e = expected[w.Text];
                Console.WriteLine($"{w} {w.Attribution} {w.AttributionConfidence:F4} | ref {e.Speaker} {e.Attribution} {e.Confidence:F4}");
            }

            foreach (var d in segments.OrderBy(d => d.Start))
            {
                Console.WriteLine($"seg {d.Speaker} {d.Start.TotalSeconds}-{d.End.TotalSeconds}");
            }
        }

        // Issue 14: with a diarization, a word keeps no speaker only if every segment is farther than the gap.
        Assert.All(merged.Words.Where(w => w.Speaker is null), w => Assert.All(segments, d => Assert.True(
            d.End < w.Start - options.MaxGapToNearestSegment || d.Start > w.End + options.MaxGapToNearestSegment, $"{w} is within the gap of {d.Speaker}")));

        foreach (var w in merged.Words)
        {
            var e = expected[w.Text];
            // Confidences are compared to float precision: the reference sums a run's confidences in another order.
            Assert.True(
                e.Speaker == w.Speaker && e.Attribution == w.Attribution && Math.Abs(e.Confidence - w.AttributionConfidence!.Value) < 1e-6,
                $"{w} ({w.Attribution}, {w.AttributionConfidence}): expected {e.Speaker ?? "none"} ({e.Attribution}, {e.Confidence})");
        }

        return movedByTolerance;
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void An_exclusive_diarization_equal_to_the_regular_one_changes_nothing(int seed)
    {
        // The exclusive path sweeps four times and maps two label tables to one before the sentence rule; given the
        // same segments twice it must attribute every word exactly as the single-diarization path does.
        var rng = new Random(seed);
        var segments = new List<DiarizationSegment>();
        for (var i = 0; i < 60; i++)
        {
            var start = rng.Next(0, 600) / 10.0;
            segments.Add(D($"S{rng.Next(4)}", start, start + rng.Next(0, 60) / 10.0));
        }

        var words = new List<TranscriptWord>();
        for (var i = 0; i < 300; i++)
        {
            var start = rng.Next(0, 700) / 10.0;
            words.Add(W($"w{i}{(rng.Next(6) == 0 ? "." : "")}", start, start + rng.Next(0, 8) / 10.0));
        }

        var options = new MergeOptions { MaxGapToNearestSegment = S(rng.Next(0, 30) / 10.0), MaxPauseInTurn = S(rng.Next(0, 15) / 10.0) };
        var single = TranscriptMerger.Merge(words, segments, options);
        var both = TranscriptMerger.Merge(words, segments, segments.ToArray(), options);

        Assert.Equal(
            single.Words.Select(w => (w.Text, w.Speaker, w.Attribution, w.AttributionConfidence)),
            both.Words.Select(w => (w.Text, w.Speaker, w.Attribution, w.AttributionConfidence)));
        Assert.Contains(single.Words, w => w.Attribution == SpeakerAttribution.Sentence);
    }

    /// <summary>
    /// The rules of <see cref="TranscriptMerger"/> written out directly from the documentation (docs/merging.md), word by
    /// word against every segment and with whole-list scans instead of the sweep, runs and passes: 1. overlap (ties
    /// within a tenth of the word to the speaker of the word just before, then the deeper segment, then the speaker heard
    /// first); 2. the nearest segment within the gap; 3. sentences: islands, weak runs next to a clear run (with the
    /// boundary tolerance), then weak words take the speaker of the nearest confident word; 4. words still without a
    /// speaker take the nearest attributed word's speaker within their stretch of speech. <paramref name="movedByTolerance"/>,
    /// if given, hears of each word that only the boundary tolerance of rule 3a moved.
    /// </summary>
    internal static List<(TranscriptWord Word, string? Speaker, SpeakerAttribution Attribution, double Confidence)> Reference(
        IReadOnlyList<TranscriptWord> input, IReadOnlyList<DiarizationSegment> segments, MergeOptions options, Action<TranscriptWord>? movedByTolerance = null)
    {
        var words = input.Select((w, i) => (w, i)).OrderBy(x => x.w.Start).ThenBy(x => x.w.End).ThenBy(x => x.i).Select(x => x.w).ToList();
        var rank = segments.OrderBy(s => s.Start).ThenBy(s => s.End).Select(s => s.Speaker).Distinct().Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);

        // Which segments "touch" a word: a positive overlap, or containing a zero-length word.
        static long Overlap(DiarizationSegment s, TranscriptWord w) => Math.Max(0, (Min(s.End, w.End) - Max(s.Start, w.Start)).Ticks);
        static bool Touches(DiarizationSegment s, TranscriptWord w) => w.Start == w.End ? s.Start <= w.Start && w.Start <= s.End : Overlap(s, w) > 0;

        var result = new List<(TranscriptWord Word, string? Speaker, SpeakerAttribution Attribution, float Confidence)>();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var length = (w.End - w.Start).Ticks;
            var cover = segments.Where(s => Touches(s, w)).GroupBy(s => s.Speaker).ToDictionary(g => g.Key, g => g.Sum(s => Overlap(s, w)));
            if (cover.Count > 0)
            {
                var top = cover.Values.Max();
                var tied = cover.Where(kv => (top - kv.Value) * 10 <= length).Select(kv => kv.Key).ToList();
                string chosen;
                SpeakerAttribution how;
                if (cover.Count > 1 && tied.Count > 1)
                {
                    how = SpeakerAttribution.OverlappedSpeech;
                    var before = i > 0 ? result[i - 1].Speaker : null;
                    if (before is not null && tied.Contains(before) && w.Start - words[i - 1].End <= options.MaxPauseInTurn)
                    {
                        chosen = before;
                    }
                    else
                    {
                        // Depth of the midpoint in a segment: its distance to the nearer end of the segment.
                        var mid = (w.Start.Ticks + w.End.Ticks) / 2.0;
                        chosen = tied
                            .Select(k => (k, Depth: segments.Where(s => s.Speaker == k && Touches(s, w)).Max(s => Math.Min(mid - s.Start.Ticks, s.End.Ticks - mid))))
                            .OrderByDescending(x => x.Depth).ThenBy(x => rank[x.k]).First().k;
                    }
                }
                else
                {
                    how = SpeakerAttribution.Overlap;
                    chosen = cover.OrderByDescending(kv => kv.Value).ThenBy(kv => rank[kv.Key]).First().Key;
                }

                var others = cover.Where(kv => kv.Key != chosen).Select(kv => kv.Value).DefaultIfEmpty(0).Max();
                var confidence = length == 0 ? (how == SpeakerAttribution.Overlap ? 1f : 0f) : (float)Math.Min(1.0, Math.Max(0, cover[chosen] - others) / (double)length);
                result.Add((w, chosen, how, confidence));
                continue;
            }

            var nearest = segments
                .Select(s => (s.Speaker, Distance: s.End <= w.Start ? w.Start - s.End : s.Start >= w.End ? s.Start - w.End : TimeSpan.Zero))
                .OrderBy(x => x.Distance).ThenBy(x => rank[x.Speaker])
                .FirstOrDefault();
            var gap = options.MaxGapToNearestSegment;
            result.Add(nearest.Speaker is not null && nearest.Distance <= gap
                ? (w, nearest.Speaker, SpeakerAttribution.NearestSegment, gap == TimeSpan.Zero ? 0.5f : (float)(0.5 * (1 - (nearest.Distance.Ticks / (double)gap.Ticks))))
                : (w, null, SpeakerAttribution.Unattributed, 0f));
        }

        // Sentences: a new one after a word ending in . ? ! (closing quotes/brackets aside) or after a pause longer than
        // MaxPauseInTurn since the latest end so far. A stretch (for rule 4) is cut by such pauses only.
        static bool Closes(string text)
        {
            var t = text.TrimEnd('"', '\'', ')', ']', '»', '”', '’', ' ');
            return t.Length > 0 && ".?!…。？！".Contains(t[^1]);
        }

        var sentence = new int[words.Count];
        var stretch = new int[words.Count];
        for (var i = 1; i < words.Count; i++)
        {
            var pause = words[i].Start - words.Take(i).Max(x => x.End) > options.MaxPauseInTurn;
            sentence[i] = sentence[i - 1] + (Closes(words[i - 1].Text) || pause ? 1 : 0);
            stretch[i] = stretch[i - 1] + (pause ? 1 : 0);
        }

        var sentences = Enumerable.Range(0, words.Count).GroupBy(i => sentence[i]).Select(g => g.ToList()).ToList();
        var cur = result.ToList();
        bool Confident(int i) => cur[i].Attribution == SpeakerAttribution.Overlap && cur[i].Confidence >= 0.5f;
        bool Strong(int i) => cur[i].Attribution == SpeakerAttribution.Overlap && cur[i].Confidence >= 0.9f;
        bool Allowed(int i, string speaker) => cur[i].Attribution is not (SpeakerAttribution.Overlap or SpeakerAttribution.OverlappedSpeech)
            || segments.Any(s => s.Speaker == speaker && Touches(s, words[i]));

        // Boundary tolerance (rule 3a, weak runs at an edge): a word only one speaker's segments touch, sticking out of
        // them by at most 0.25 s in all (its length minus their summed overlap), may also take a speaker with a segment
        // reaching within 0.25 s of the word.
        var tolerance = TimeSpan.FromMilliseconds(250);
        bool NearBoundary(int i, string speaker)
        {
            var w = words[i];
            var touching = segments.Where(s => Touches(s, w)).ToList();
            if (touching.Select(s => s.Speaker).Distinct().Count() != 1)
            {
                return false;
            }

            var outside = (w.End - w.Start).Ticks - touching.Sum(s => Overlap(s, w));
            return outside <= tolerance.Ticks
                && segments.Any(s => s.Speaker == speaker && s.Start < w.End + tolerance && s.End > w.Start - tolerance);
        }
        if (segments.Count > 0)
        {
            foreach (var members in sentences)
            {
                // Rule 3a, in sentences their punctuation closes: runs of equal speakers; clear = 3+ confident words.
                if (Closes(words[members[^1]].Text))
                {
                    var runs = new List<List<int>>();
                    foreach (var i in members)
                    {
                        if (runs.Count > 0 && cur[runs[^1][0]].Speaker == cur[i].Speaker)
                        {
                            runs[^1].Add(i);
                        }
                        else
                        {
                            runs.Add([i]);
                        }
                    }

                    bool Clear(List<int> run) => cur[run[0]].Speaker is not null && run.Count(Confident) >= 3;
                    float Mean(List<int> run) => run.Where(Confident).Average(i => cur[i].Confidence);
                    var clear = runs.Select(Clear).ToList();
                    var speakerOf = runs.Select(r => cur[r[0]].Speaker).ToList();
                    var means = runs.Select((r, k) => clear[k] ? Mean(r) : 0).ToList();
                    var strong = runs.Select(r => r.Any(Strong)).ToList();
                    var updates = new List<(int Word, string Speaker, float Confidence)>();
                    for (var k = 0; k < runs.Count; k++)
                    {
                        if (clear[k])
                        {
                            continue;
                        }

                        var p = Enumerable.Range(0, k).Where(j => clear[j]).DefaultIfEmpty(-1).Max();
                        var q = Enumerable.Range(k + 1, runs.Count - k - 1).Where(j => clear[j]).DefaultIfEmpty(-1).First();
                        if (p >= 0 && q >= 0 && speakerOf[p] == speakerOf[q])
                        {
                            updates.AddRange(runs[k].Select(i => (i, speakerOf[p]!, Math.Min(means[p], means[q]) / 2)));
                        }
                        else if (!strong[k] && (p >= 0 || q >= 0))
                        {
                            foreach (var i in runs[k])
                            {
                                var source = q < 0 || (p >= 0 && words[i].Start - words[runs[p][^1]].End <= words[runs[q][0]].Start - words[i].End) ? p : q;
                                var allowed = Allowed(i, speakerOf[source]!);
                                if (allowed || NearBoundary(i, speakerOf[source]!))
                                {
                                    updates.Add((i, speakerOf[source]!, means[source] / 2));
                                    if (!allowed && cur[i].Speaker != speakerOf[source])
                                    {
                                        movedByTolerance?.Invoke(words[i]);
                                    }
                                }
                            }
                        }
                    }

                    foreach (var (i, speaker, confidence) in updates.Where(u => cur[u.Word].Speaker != u.Speaker))
                    {
                        cur[i] = (words[i], speaker, SpeakerAttribution.Sentence, confidence);
                    }
                }

                // Rule 3b: each word that is not confident takes the speaker of the nearest confident word of the sentence.
                var before = cur.ToList();
                foreach (var i in members.Where(i => !Confident(i)))
                {
                    var p = members.Where(j => j < i && Confident(j)).DefaultIfEmpty(-1).Max();
                    var q = members.Where(j => j > i && Confident(j)).DefaultIfEmpty(-1).First();
                    if (p < 0 && q < 0)
                    {
                        continue;
                    }

                    var source = q < 0 || (p >= 0 && (before[p].Speaker == before[q].Speaker || words[i].Start - words[p].End <= words[q].Start - words[i].End)) ? p : q;
                    if (before[i].Speaker != before[source].Speaker && Allowed(i, before[source].Speaker!))
                    {
                        cur[i] = (words[i], before[source].Speaker, SpeakerAttribution.Sentence, before[source].Confidence / 2);
                    }
                }
            }
        }

        // Turn taking, with exactly two speakers: a whole sentence that no segment touches, after a segment of one speaker
        // (the one ending last before it) and before a segment of the same speaker (the one starting first after it), takes
        // the other speaker.
        var names = segments.Select(s => s.Speaker).Distinct().ToList();
        if (names.Count == 2)
        {
            foreach (var members in sentences)
            {
                if (members.Any(i => segments.Any(s => Touches(s, words[i]))))
                {
                    continue;
                }

                var from = words[members[0]].Start;
                var to = members.Max(i => words[i].End);
                var before = segments.Where(s => s.End <= from).OrderByDescending(s => s.End).ThenBy(s => rank[s.Speaker]).FirstOrDefault();
                var after = segments.Where(s => s.Start >= to).OrderBy(s => s.Start).ThenBy(s => rank[s.Speaker]).FirstOrDefault();
                if (before is not null && after is not null && before.Speaker == after.Speaker)
                {
                    var other = names.Single(n => n != before.Speaker);
                    foreach (var i in members)
                    {
                        cur[i] = (words[i], other, SpeakerAttribution.TurnTaking, 0.25f);
                    }
                }
            }
        }

        // Rule 4: a word still without a speaker takes the speaker of the closer of the nearest attributed words before and
        // after it in its stretch (the earlier at equal distance).
        var settled = cur.ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (settled[i].Speaker is not null)
            {
                continue;
            }

            var p = Enumerable.Range(0, i).Where(j => stretch[j] == stretch[i] && settled[j].Speaker is not null).DefaultIfEmpty(-1).Max();
            var q = Enumerable.Range(i + 1, words.Count - i - 1).Where(j => stretch[j] == stretch[i] && settled[j].Speaker is not null).DefaultIfEmpty(-1).First();
            if (p < 0 && q < 0)
            {
                continue;
            }

            var source = q < 0 || (p >= 0 && words[i].Start - words[p].End <= words[q].Start - words[i].End) ? p : q;
            cur[i] = (words[i], settled[source].Speaker, SpeakerAttribution.NeighbouringWords, Math.Min(0.25f, settled[source].Confidence / 4));
        }

        return cur.Select(x => (x.Word, x.Speaker, x.Attribution, (double)x.Confidence)).ToList();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
