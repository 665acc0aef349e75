using Pyannote.Sdk.Transcripts;
using static Pyannote.Sdk.Tests.Transcripts.TranscriptMergerTests;

namespace Pyannote.Sdk.Tests.Transcripts;

public class DiarizationFormatsTests
{
    [Fact]
    public void Parses_the_pyannote_sample_reference()
    {
        var segments = CorpusTests.Rttm("pyannote-sample.rttm");

        Assert.Equal(10, segments.Count);
        Assert.Equal(("speaker90", S(6.69), S(7.12)), (segments[0].Speaker, segments[0].Start, segments[0].End));
        Assert.Equal(("speaker90", S(27.85), S(30.0)), (segments[9].Speaker, segments[9].Start, segments[9].End));
        // The one overlap of the sample: speaker91 talks over speaker90 from 18.15 s to 18.59 s.
        Assert.Equal(("speaker90", S(18.05), S(21.49)), (segments[6].Speaker, segments[6].Start, segments[6].End));
        Assert.Equal(("speaker91", S(18.15), S(18.59)), (segments[7].Speaker, segments[7].Start, segments[7].End));
    }

    [Fact]
    public void Parses_the_AMI_reference_and_writes_it_back()
    {
        var segments = CorpusTests.Rttm("ami-ES2004a.only_words.rttm");
        Assert.Equal(260, segments.Count);
        Assert.Equal(["FEE013", "FEE016", "MEE014", "MEO015"], segments.Select(s => s.Speaker).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(("MEO015", S(0.37), S(1.76)), (segments[0].Speaker, segments[0].Start, segments[0].End));

        var written = DiarizationFormats.ToRttm(segments, "ES2004a");
        Assert.StartsWith("SPEAKER ES2004a 1 0.370 1.390 <NA> <NA> MEO015 <NA> <NA>\nSPEAKER ES2004a 1 10.990 3.540 <NA> <NA> FEE013 <NA> <NA>\n", written);
        var back = DiarizationFormats.ParseRttm(written);
        Assert.Equal(segments.Select(s => (s.Speaker, s.Start, s.End)), back.Select(s => (s.Speaker, s.Start, s.End)));
    }

    [Fact]
    public void Skips_comments_blank_lines_and_other_record_types_and_filters_by_file()
    {
        const string rttm = """
            # a comment
            ;; another comment

            SPKR-INFO a 1 <NA> <NA> <NA> unknown A <NA> <NA>
            SPEAKER a 1 0.5   1.25 <NA> <NA> A <NA> <NA>
            SPEAKER	b	1	2	1	<NA>	<NA>	B	<NA>	<NA>
            SPEAKER a 1 3 0 <NA> <NA> A
            """;

        Assert.Equal(
            [("A", S(0.5), S(1.75)), ("B", S(2), S(3)), ("A", S(3), S(3))],
            DiarizationFormats.ParseRttm(rttm).Select(s => (s.Speaker, s.Start, s.End)));
        Assert.Equal(["A", "A"], DiarizationFormats.ParseRttm(rttm, fileId: "a").Select(s => s.Speaker));
    }

    [Theory]
    [InlineData("SPEAKER a 1 0.5 1.0 <NA> <NA>", "line 1", "at least 8 fields")]
    [InlineData("\nSPEAKER a 1 -0.5 1.0 <NA> <NA> A <NA> <NA>", "line 2", "start (field 4) must be a finite non-negative")]
    [InlineData("SPEAKER a 1 0.5 -1 <NA> <NA> A <NA> <NA>", "line 1", "duration (field 5)")]
    [InlineData("SPEAKER a 1 NaN 1 <NA> <NA> A <NA> <NA>", "line 1", "start (field 4)")]
    [InlineData("SPEAKER a 1 0 Infinity <NA> <NA> A <NA> <NA>", "line 1", "duration (field 5)")]
    [InlineData("SPEAKER a 1 0 <NA> <NA> <NA> A <NA> <NA>", "line 1", "duration (field 5)")]
    public void Rejects_bad_lines_naming_the_line_and_rule(string rttm, string line, string rule)
    {
        var ex = Assert.Throws<FormatException>(() => DiarizationFormats.ParseRttm(rttm));
        Assert.Contains(line, ex.Message);
        Assert.Contains(rule, ex.Message);
    }

    [Fact]
    public void Writes_segments_with_three_decimals_and_safe_labels()
    {
        Assert.Equal(
            "SPEAKER audio 1 0.000 1.235 <NA> <NA> SPEAKER_00 <NA> <NA>\nSPEAKER audio 1 2.000 0.500 <NA> <NA> Dr._Who <NA> <NA>\n",
            DiarizationFormats.ToRttm([D("SPEAKER_00", 0, 1.2345), D("Dr. Who", 2, 2.5)]));
        Assert.Contains("segments[0] is null", Assert.Throws<ArgumentException>(() => DiarizationFormats.ToRttm([null!])).Message);
    }
}
