using System.Text.Json;
using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.JigsawStack;

/// <summary>Every published JigsawStack payload (TestData/jigsawstack, each with its .source.txt) through the one parser.</summary>
public class JigsawStackPayloadTests
{
    [Fact]
    public void The_published_url_response_parses_with_its_values()
    {
        var result = JigsawStackMapper.Parse(TestFiles.Payload("jigsawstack", "stt-response-url.json"));

        Assert.True(result.Success);
        Assert.StartsWith(" The little tales they tell are false", result.Text, StringComparison.Ordinal);
        Assert.Equal(22, result.Chunks.Count);
        Assert.Empty(result.Speakers);
        Assert.Equal(new JigsawStackChunk(TimeSpan.Zero, TimeSpan.FromSeconds(2.39), " The little tales", null), result.Chunks[0]);
        // 7.130000000000001 s rounds to the nearest tick.
        Assert.Equal(TimeSpan.FromTicks(71_300_000), result.Chunks[2].End);
        Assert.Equal(TimeSpan.FromTicks(71_300_000), result.Chunks[3].Start);
        Assert.Equal(TimeSpan.FromSeconds(48.5), result.Chunks[^1].End);
        Assert.Equal(new JigsawStackUsage(15, 227, 526, 768), result.Usage);
        Assert.Null(result.LogId);
        Assert.Null(result.LanguageDetected);

        var transcript = result.ToTranscript();
        Assert.Equal(SpeechVendor.JigsawStack, transcript.Vendor);
        Assert.Equal("whisper-large-v3", transcript.Model);
        Assert.Same(result, transcript.RawRepresentation);
        Assert.Empty(transcript.Words);
        Assert.All(transcript.Turns, t => Assert.Null(t.Speaker));
        // Chunks are back to back, so speakerless chunks join into one turn spanning the audio.
        var turn = Assert.Single(transcript.Turns);
        Assert.Equal((TimeSpan.Zero, TimeSpan.FromSeconds(48.5)), (turn.Start, turn.End));
        Assert.StartsWith("The little tales they tell are false The door was barred,", turn.Text, StringComparison.Ordinal);
        Assert.Equal(result.Text.Trim(), transcript.Text);
    }

    [Fact]
    public void The_documented_by_speaker_example_reads_the_speakers_list()
    {
        var result = JigsawStackMapper.Parse(TestFiles.Payload("jigsawstack", "stt-response-by-speaker-example.json"));
        Assert.Equal(2, result.Speakers.Count);
        Assert.All(result.Speakers, s => Assert.Equal("Speaker 1", s.Speaker));
        Assert.All(result.Chunks, c => Assert.Null(c.Speaker));
        Assert.Equal(TimeSpan.FromSeconds(5.24), result.Speakers[1].End);

        var transcript = result.ToTranscript();
        var turn = Assert.Single(transcript.Turns);
        Assert.Equal("Speaker 1", turn.Speaker);
        Assert.Equal(TimeSpan.FromSeconds(5.24), turn.End);
        Assert.Equal(["Speaker 1"], transcript.Speakers);
    }

    [Fact]
    public void The_newer_shape_reads_a_speaker_on_each_chunk_and_the_language_object()
    {
        // Written for this test in the shape of the SDK types since Feb 2026 (speaker per chunk, language_detected object).
        const string body = """
            {"success":true,"text":" Hi. Hello there.","chunks":[
              {"timestamp":[0.0,1.2],"text":" Hi.","speaker":"SPEAKER_1"},
              {"timestamp":[1.5,3.0],"text":" Hello there.","speaker":"SPEAKER_2"},
              {"timestamp":[3.1,4.0],"text":" Bye.","speaker":"SPEAKER_1"}],
             "language_detected":{"code":"en","confidence":0.98},"log_id":"log-9"}
            """;
        var result = JigsawStackMapper.Parse(body);
        Assert.Equal(["SPEAKER_1", "SPEAKER_2", "SPEAKER_1"], result.Chunks.Select(c => c.Speaker!).ToArray());
        Assert.Equal("en", result.LanguageDetected);
        Assert.Equal(0.98, result.LanguageConfidence);
        Assert.Equal("log-9", result.LogId);

        var transcript = result.ToTranscript();
        Assert.Equal(["SPEAKER_1", "SPEAKER_2", "SPEAKER_1"], transcript.Turns.Select(t => t.Speaker!).ToArray());
        Assert.Equal(["SPEAKER_1", "SPEAKER_2"], transcript.Speakers);
        Assert.Equal("en", transcript.Language);
    }

    [Fact]
    public void The_older_shape_reads_the_language_string_and_top_level_confidence()
    {
        var result = JigsawStackMapper.Parse("""{"success":true,"text":"hola","chunks":[],"language_detected":"es","confidence":0.91}""");
        Assert.Equal("es", result.LanguageDetected);
        Assert.Equal(0.91, result.LanguageConfidence);
        Assert.Equal("es", result.ToTranscript().Language);
    }

    [Fact]
    public void A_null_chunk_end_is_kept_and_closed_by_the_next_start_or_its_own_start_in_the_transcript()
    {
        var result = JigsawStackMapper.Parse("""{"text":"a b c","chunks":[{"timestamp":[0,null],"text":"a","speaker":"S1"},{"timestamp":[2.5,3],"text":"b","speaker":"S2"},{"timestamp":[4,null],"text":"c","speaker":"S1"}]}""");
        Assert.Null(result.Chunks[0].End);
        Assert.Null(result.Chunks[2].End);

        var turns = result.ToTranscript().Turns;
        Assert.Equal(TimeSpan.FromSeconds(2.5), turns[0].End);
        Assert.Equal(TimeSpan.FromSeconds(4), turns[2].Start);
        Assert.Equal(TimeSpan.FromSeconds(4), turns[2].End);
    }

    [Fact]
    public void A_webhook_delivery_parses_with_id_and_status()
    {
        // The published webhook example (stt-webhook-example-verbatim.txt) is not valid JSON; this is the same content
        // with the missing comma added and the "..." placeholder removed.
        const string body = """
            {"success":false,"status":"success","id":"35643965633a84534a396dcc11252cd1",
             "text":"Hey guys, I'm pretty excited to talk about a new API that we're going to be releasing in Jigsaw Stack.",
             "chunks":[{"timestamp":[0.96,7.2],"text":" Hey guys, I'm pretty excited to talk about a new API that we're going to be releasing in Jigsaw"}]}
            """;
        var result = JigsawStackMapper.Parse(body);
        Assert.Equal("35643965633a84534a396dcc11252cd1", result.Id);
        Assert.Equal("success", result.Status);
        Assert.False(result.Success);
        Assert.Equal(TimeSpan.FromSeconds(0.96), Assert.Single(result.ToTranscript().Turns).Start);
    }

    [Fact]
    public void The_verbatim_webhook_example_is_rejected_as_unreadable()
    {
        var ex = Assert.Throws<SpeechResponseFormatException>(() => JigsawStackMapper.Parse(TestFiles.Payload("jigsawstack", "stt-webhook-example-verbatim.txt")));
        Assert.Equal(SpeechVendor.JigsawStack, ex.Vendor);
    }

    [Fact]
    public void The_published_url_request_is_valid_json_with_only_url()
    {
        using var doc = JsonDocument.Parse(TestFiles.Payload("jigsawstack", "stt-request-url.json"));
        Assert.Equal(["url"], doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Streaming_frames_are_out_of_scope_but_each_published_event_is_a_typed_json_message()
    {
        foreach (var f in TestFiles.PayloadFiles("jigsawstack", "stream-event-*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(f));
            Assert.StartsWith("transcript.", doc.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        var lines = TestFiles.Payload("jigsawstack", "stream-sse-mock-verbatim.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", lines[^1]);
    }
}
