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
    public void Overlapped_speech_attributes_by_overlap_and_ties_to_the_first_speaker()
    {
        var t = TranscriptMerger.Merge(
            [W("inBoth", 3.2, 3.6), W("leavingA", 4.5, 5.5), W("onlyA", 1, 1.5), W("onlyB", 6, 6.5)],
            [D("A", 0, 5), D("B", 3, 8)]);

        Assert.Equal("A", SpeakerOf(t, "onlyA"));
        Assert.Equal("A", SpeakerOf(t, "inBoth")); // equal overlap: A was heard first
        Assert.Equal("B", SpeakerOf(t, "leavingA")); // 1.0 s of B against 0.5 s of A
        Assert.Equal("B", SpeakerOf(t, "onlyB"));
    }

    [Fact]
    public void Words_in_gaps_take_the_nearest_speaker_only_within_the_gap_limit()
    {
        var diarization = new[] { D("A", 0, 1), D("B", 3, 4) };
        var words = new[] { W("nearA", 1.3, 1.5), W("middle", 1.8, 2.2), W("nearB", 2.6, 2.8), W("late", 4.6, 4.9), W("touchB", 2.7, 3.0) };

        var t = TranscriptMerger.Merge(words, diarization); // default gap 0.5 s

        Assert.Equal("A", SpeakerOf(t, "nearA"));
        Assert.Null(SpeakerOf(t, "middle"));
        Assert.Equal("B", SpeakerOf(t, "nearB"));
        Assert.Null(SpeakerOf(t, "late")); // 0.6 s after B
        Assert.Equal("B", SpeakerOf(t, "touchB"));

        var strict = TranscriptMerger.Merge(words, diarization, new MergeOptions { MaxGapToNearestSegment = TimeSpan.Zero });
        Assert.Null(SpeakerOf(strict, "nearA"));
        Assert.Null(SpeakerOf(strict, "nearB"));
        Assert.Equal("B", SpeakerOf(strict, "touchB")); // distance zero

        var wide = TranscriptMerger.Merge(words, diarization, new MergeOptions { MaxGapToNearestSegment = S(1) });
        Assert.Equal("A", SpeakerOf(wide, "middle")); // 0.8 s from both: the speaker heard first
        Assert.Equal("B", SpeakerOf(wide, "late"));
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
            [W("inside", 1, 1), W("onBoundary", 2, 2), W("inOverlap", 3.5, 3.5), W("gap", 5.3, 5.3), W("far", 9, 9)],
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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Sweep_agrees_with_a_word_by_segment_reference_on_random_inputs(int seed)
    {
        var rng = new Random(seed);
        var segments = new List<DiarizationSegment>();
        for (var i = 0; i < 80; i++)
        {
            // Times on a 0.1 s grid so ties, touching boundaries and zero lengths happen often.
            var start = rng.Next(0, 600) / 10.0;
            segments.Add(D($"S{rng.Next(5)}", start, start + rng.Next(0, 60) / 10.0));
        }

        var words = new List<TranscriptWord>();
        for (var i = 0; i < 400; i++)
        {
            var start = rng.Next(0, 700) / 10.0;
            words.Add(W($"w{i}", start, start + rng.Next(0, 8) / 10.0));
        }

        var options = new MergeOptions { MaxGapToNearestSegment = S(rng.Next(0, 10) / 10.0) };
        var merged = TranscriptMerger.Merge(words, segments, options);

        var expected = words.ToDictionary(w => w.Text, w => Reference(w, segments, options.MaxGapToNearestSegment));
        foreach (var w in merged.Words)
        {
            Assert.True(expected[w.Text] == w.Speaker, $"{w}: expected {expected[w.Text] ?? "none"}");
        }
    }

    /// <summary>The rules written out directly: every word against every segment.</summary>
    internal static string? Reference(TranscriptWord w, IReadOnlyList<DiarizationSegment> segments, TimeSpan maxGap)
    {
        // "Heard first": order of first appearance when segments are sorted by (start, end).
        var order = segments.OrderBy(s => s.Start).ThenBy(s => s.End).Select(s => s.Speaker).Distinct().ToList();
        var rank = order.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        if (w.Start == w.End)
        {
            var containing = segments.Where(s => s.Start <= w.Start && w.Start <= s.End).Select(s => s.Speaker).ToList();
            if (containing.Count > 0)
            {
                return containing.OrderBy(s => rank[s]).First();
            }
        }
        else
        {
            var totals = segments
                .Select(s => (s.Speaker, Overlap: (Min(s.End, w.End) - Max(s.Start, w.Start)).Ticks))
                .Where(x => x.Overlap > 0)
                .GroupBy(x => x.Speaker, x => x.Overlap)
                .Select(g => (Speaker: g.Key, Total: g.Sum()))
                .ToList();
            if (totals.Count > 0)
            {
                return totals.OrderByDescending(x => x.Total).ThenBy(x => rank[x.Speaker]).First().Speaker;
            }
        }

        var nearest = segments
            .Select(s => (s.Speaker, Distance: s.End <= w.Start ? w.Start - s.End : s.Start >= w.End ? s.Start - w.End : TimeSpan.Zero))
            .OrderBy(x => x.Distance).ThenBy(x => rank[x.Speaker])
            .FirstOrDefault();
        return nearest.Speaker is not null && nearest.Distance <= maxGap ? nearest.Speaker : null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
