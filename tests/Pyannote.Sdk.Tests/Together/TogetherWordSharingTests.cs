using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.Together;

/// <summary>A diarized answer repeats every word inside its speaker segment; the mapping shares one instance per word
/// (memory on long recordings) without ever merging words that differ.</summary>
public class TogetherWordSharingTests
{
    private readonly WireHarness _wire = new();

    private async Task<TogetherTranscription> ReadAsync(string body)
    {
        _wire.AnswerJson(body);
        var client = new TogetherClient("k", new TogetherClientOptions { Transport = _wire.Mock });
        return await client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"));
    }

    [Fact]
    public async Task Speaker_segment_words_and_turn_words_are_the_top_level_words()
    {
        var result = await ReadAsync(TogetherPayloadTests.DiarizedVerbose());
        var transcript = result.ToTranscript();

        Assert.Same(result.Words[0], result.SpeakerSegments[0].Words[0]);
        Assert.Same(result.Words[2], result.SpeakerSegments[1].Words[0]);
        Assert.Same(transcript.Words[1], transcript.Turns[0].Words[1]);
        Assert.Same(transcript.Words[2], transcript.Turns[1].Words[0]);
        Assert.Equal(["Hi", "there."], transcript.Turns[0].Words.Select(w => w.Text));
        Assert.Equal("SPEAKER_01", transcript.Turns[1].Words[0].Speaker);
    }

    [Fact]
    public async Task A_segment_word_that_differs_from_the_top_level_word_keeps_its_own_values()
    {
        // Same start, different text / end / speaker / id: each is kept as sent, not replaced by the top-level word.
        var result = await ReadAsync("""
            {"text":"a b c d","words":[
              {"id":0,"word":"a","start":0.0,"end":0.5,"speaker_id":"SPEAKER_00"},
              {"id":1,"word":"b","start":1.0,"end":1.5,"speaker_id":"SPEAKER_00"},
              {"id":2,"word":"c","start":2.0,"end":2.5,"speaker_id":"SPEAKER_00"},
              {"id":3,"word":"d","start":3.0,"end":3.5,"speaker_id":"SPEAKER_01"}],
             "speaker_segments":[
              {"id":0,"speaker_id":"SPEAKER_00","start":0.0,"end":2.6,"text":"A b c","words":[
                {"id":0,"word":"A","start":0.0,"end":0.5,"speaker_id":"SPEAKER_00"},
                {"id":1,"word":"b","start":1.0,"end":1.6,"speaker_id":"SPEAKER_00"},
                {"id":2,"word":"c","start":2.0,"end":2.5,"speaker_id":"SPEAKER_02"}]},
              {"id":1,"speaker_id":"SPEAKER_01","start":3.0,"end":3.5,"text":"d","words":[
                {"id":9,"word":"d","start":3.0,"end":3.5,"speaker_id":"SPEAKER_01"}]}]}
            """);

        var segmentWords = result.SpeakerSegments.SelectMany(s => s.Words).ToList();
        Assert.Equal("A", segmentWords[0].Word);
        Assert.Equal(TimeSpan.FromSeconds(1.6), segmentWords[1].End);
        Assert.Equal("SPEAKER_02", segmentWords[2].SpeakerId);
        Assert.Equal(9, segmentWords[3].Id);
        Assert.All(segmentWords, w => Assert.DoesNotContain(result.Words, top => ReferenceEquals(top, w)));

        var transcript = result.ToTranscript();
        Assert.Equal("A", transcript.Turns[0].Words[0].Text);
        Assert.Equal("a", transcript.Words[0].Text);
        Assert.Equal("SPEAKER_02", transcript.Turns[0].Words[2].Speaker);
    }

    [Fact]
    public async Task Words_only_inside_speaker_segments_are_mapped_once()
    {
        var result = await ReadAsync("""
            {"text":"x y","speaker_segments":[
              {"id":0,"speaker_id":"SPEAKER_00","start":0.0,"end":0.5,"text":"x","words":[{"word":"x","start":0.0,"end":0.5,"speaker_id":"SPEAKER_00"}]},
              {"id":1,"speaker_id":"SPEAKER_01","start":1.0,"end":1.5,"text":"y","words":[{"word":"y","start":1.0,"end":1.5,"speaker_id":"SPEAKER_01"}]}]}
            """);

        var transcript = result.ToTranscript();

        Assert.Equal(2, transcript.Words.Count);
        Assert.Same(transcript.Words[0], transcript.Turns[0].Words[0]);
        Assert.Same(transcript.Words[1], transcript.Turns[1].Words[0]);
        Assert.Equal(["SPEAKER_00", "SPEAKER_01"], transcript.Speakers);
    }
}
