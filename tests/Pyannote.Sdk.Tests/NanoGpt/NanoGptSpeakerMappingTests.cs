using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.Tests.NanoGpt;

/// <summary>The one speaker labelling rule: word ids take the segment label they overlap most; else speaker_N → Speaker N+1.</summary>
public class NanoGptSpeakerMappingTests
{
    private static NanoGptToken W(string id, double start, double end) => new("w", TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), "word", id);

    private static NanoGptSpeakerSegment S(string label, double start, double end) => new(label, "t", TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end));

    [Fact]
    public void Ids_take_the_label_they_overlap_most_even_when_numbering_differs()
    {
        var map = NanoGptMapper.SpeakerMap(
            [W("speaker_0", 0, 1), W("speaker_0", 1, 2), W("speaker_1", 3, 4)],
            [S("Speaker 2", 0, 1.8), S("Speaker 1", 1.8, 2.5), S("Speaker 1", 3, 4)]);

        Assert.Equal("Speaker 2", map["speaker_0"]);   // 1.8 s with Speaker 2 against 0.2 s with Speaker 1
        Assert.Equal("Speaker 1", map["speaker_1"]);
    }

    [Fact]
    public void Ties_go_to_the_label_that_appears_first()
    {
        var map = NanoGptMapper.SpeakerMap([W("speaker_0", 0, 2)], [S("Speaker B", 1, 2), S("Speaker A", 0, 1)]);

        Assert.Equal("Speaker A", map["speaker_0"]);
    }

    [Fact]
    public void Without_overlap_or_segments_ids_are_renumbered_one_based_and_others_kept()
    {
        var map = NanoGptMapper.SpeakerMap([W("speaker_0", 0, 1), W("speaker_3", 5, 6), W("narrator", 7, 8)], [S("Speaker 1", 0, 1)]);

        Assert.Equal("Speaker 1", map["speaker_0"]);
        Assert.Equal("Speaker 4", map["speaker_3"]);
        Assert.Equal("narrator", map["narrator"]);
        Assert.Equal("Speaker 1", NanoGptMapper.Normalise("speaker_0"));
        Assert.Equal("speaker_x", NanoGptMapper.Normalise("speaker_x"));
    }
}
