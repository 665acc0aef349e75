using System.Net;
using System.Text.Json;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.Together;

/// <summary>Every published Together payload (TestData/together, each with its .source.txt) read through the client.</summary>
public class TogetherPayloadTests
{
    private readonly WireHarness _wire = new();

    /// <summary>A diarized verbose_json answer written for these tests (no full one is published; shape per the
    /// vendor's schema: words with speaker_id, speaker_segments with nested words, no task).</summary>
    public static string DiarizedVerbose() => """
        {
          "language": "en",
          "duration": 4.5,
          "text": " Hi there. Hello!",
          "segments": [ { "id": 0, "start": 0.0, "end": 4.5, "text": " Hi there. Hello!" } ],
          "words": [
            { "id": 0, "word": "Hi", "start": 0.10, "end": 0.40, "speaker_id": "SPEAKER_00" },
            { "id": 1, "word": "there.", "start": 0.45, "end": 0.90, "speaker_id": "SPEAKER_00" },
            { "id": 2, "word": "Hello!", "start": 2.00, "end": 2.60, "speaker_id": "SPEAKER_01" }
          ],
          "speaker_segments": [
            { "id": 0, "speaker_id": "SPEAKER_00", "start": 0.10, "end": 0.90, "text": "Hi there.",
              "words": [ { "id": 0, "word": "Hi", "start": 0.10, "end": 0.40, "speaker_id": "SPEAKER_00" },
                         { "id": 1, "word": "there.", "start": 0.45, "end": 0.90, "speaker_id": "SPEAKER_00" } ] },
            { "id": 1, "speaker_id": "SPEAKER_01", "start": 2.00, "end": 2.60, "text": "Hello!",
              "words": [ { "id": 2, "word": "Hello!", "start": 2.00, "end": 2.60, "speaker_id": "SPEAKER_01" } ] }
          ]
        }
        """;

    private async Task<TogetherTranscription> ReadAsync(string body, TogetherTranscriptionOptions? options = null)
    {
        _wire.AnswerJson(body);
        var client = new TogetherClient("k", new TogetherClientOptions { Transport = _wire.Mock });
        return await client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"), options);
    }

    [Fact]
    public async Task Json_response_from_the_api_reference_gives_text_only()
    {
        var result = await ReadAsync(TestFiles.Payload("together", "transcription-json-response.json"));
        Assert.Equal("Hello, world!", result.Text);
        Assert.Null(result.Task);
        Assert.Null(result.Duration);
        Assert.Empty(result.Segments);

        var transcript = result.ToTranscript();
        Assert.Equal("Hello, world!", transcript.Text);
        Assert.Empty(transcript.Words);
        Assert.Empty(transcript.Turns);
        Assert.Equal(SpeechVendor.Together, transcript.Vendor);
        Assert.Equal("openai/whisper-large-v3", transcript.Model);
        Assert.Same(result, transcript.RawRepresentation);
    }

    [Fact]
    public async Task Json_response_from_the_skill_reference_gives_text_only()
    {
        var result = await ReadAsync(TestFiles.Payload("together", "transcription-json-response-skill-example.json"));
        Assert.Equal("Hello, this is a test recording.", result.Text);
    }

    [Fact]
    public async Task Published_segment_word_and_speaker_segment_objects_parse_inside_a_verbose_answer()
    {
        // The three published fragments (one element each of segments, words and speaker_segments), placed in a verbose body.
        var body = "{\"task\":\"transcribe\",\"language\":\"en\",\"duration\":30.776,\"text\":\"...\",\"segments\":["
            + TestFiles.Payload("together", "verbose-segment-example.json") + "],\"words\":["
            + TestFiles.Payload("together", "verbose-word-example.json") + "],\"speaker_segments\":["
            + TestFiles.Payload("together", "speaker-segment-example.json") + "]}";
        var result = await ReadAsync(body, new TogetherTranscriptionOptions { Model = TogetherModel.ParakeetTdt06bV3 });

        Assert.Equal("transcribe", result.Task);
        Assert.Equal(TimeSpan.FromSeconds(30.776), result.Duration);
        var segment = Assert.Single(result.Segments);
        Assert.Equal((null as int?, TimeSpan.FromSeconds(0.11), TimeSpan.FromSeconds(10.85), "..."), (segment.Id, segment.Start, segment.End, segment.Text));
        var word = Assert.Single(result.Words);
        Assert.Equal(new TogetherWord("Hello", TimeSpan.Zero, TimeSpan.FromSeconds(0.36), null, null), word);
        var speakerSegment = Assert.Single(result.SpeakerSegments);
        Assert.Equal(1, speakerSegment.Id);
        Assert.Equal("SPEAKER_01", speakerSegment.SpeakerId);
        Assert.Equal(TimeSpan.FromSeconds(6.268), speakerSegment.Start);
        Assert.Equal(TimeSpan.FromSeconds(30.776), speakerSegment.End);
        Assert.Equal(new TogetherWord("Hello", TimeSpan.FromSeconds(6.268), TimeSpan.FromSeconds(11.314), "SPEAKER_01", null), Assert.Single(speakerSegment.Words));

        var transcript = result.ToTranscript();
        var turn = Assert.Single(transcript.Turns);
        Assert.Equal("SPEAKER_01", turn.Speaker);
        Assert.Equal("SPEAKER_01", Assert.Single(turn.Words).Speaker);
        Assert.Equal("nvidia/parakeet-tdt-0.6b-v3", transcript.Model);
        Assert.Equal("en", transcript.Language);
    }

    [Fact]
    public async Task Diarized_verbose_answer_maps_words_with_speakers_and_speaker_segments_to_turns()
    {
        var result = await ReadAsync(DiarizedVerbose());
        Assert.Null(result.Task);
        Assert.Equal(3, result.Words.Count);
        Assert.Equal("SPEAKER_01", result.Words[2].SpeakerId);

        var transcript = result.ToTranscript();
        Assert.Equal(["Hi", "there.", "Hello!"], transcript.Words.Select(w => w.Text).ToArray());
        Assert.Equal(["SPEAKER_00", "SPEAKER_00", "SPEAKER_01"], transcript.Words.Select(w => w.Speaker!).ToArray());
        Assert.Equal(2, transcript.Turns.Count);
        Assert.Equal(("SPEAKER_00", TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.9), "Hi there."), (transcript.Turns[0].Speaker, transcript.Turns[0].Start, transcript.Turns[0].End, transcript.Turns[0].Text));
        Assert.Equal(2, transcript.Turns[0].Words.Count);
        Assert.Equal("Hi there. Hello!", transcript.Text);
        Assert.Equal(TimeSpan.FromSeconds(4.5), transcript.Duration);
        Assert.Equal("en", transcript.Language);
    }

    [Fact]
    public async Task Speaker_segments_without_a_top_level_words_list_still_give_words()
    {
        using var doc = JsonDocument.Parse(DiarizedVerbose());
        var withoutWords = doc.RootElement.EnumerateObject().Where(p => p.Name != "words").ToDictionary(p => p.Name, p => p.Value);
        var result = await ReadAsync(JsonSerializer.Serialize(withoutWords));
        Assert.Equal(3, result.ToTranscript().Words.Count);
    }

    [Fact]
    public async Task Segments_only_become_turns_without_speakers()
    {
        var result = await ReadAsync("""{"task":"translate","language":"english","duration":21.73,"text":"a b","segments":[{"id":0,"start":0.11,"end":10.85,"text":" a"},{"id":1,"start":10.88,"end":21.73,"text":" b"}]}""");
        var transcript = result.ToTranscript();
        Assert.Empty(transcript.Words);
        Assert.Equal(2, transcript.Turns.Count);
        Assert.All(transcript.Turns, t => Assert.Null(t.Speaker));
        Assert.Equal("a", transcript.Turns[0].Text);
        Assert.Equal("english", transcript.Language);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_response_format_error()
    {
        _wire.Answer(HttpStatusCode.OK, "not json", "text/plain");
        var client = new TogetherClient("k", new TogetherClientOptions { Transport = _wire.Mock });
        var ex = await Assert.ThrowsAsync<SpeechResponseFormatException>(() => client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav")));
        Assert.Equal(SpeechVendor.Together, ex.Vendor);
    }

    [Fact]
    public void Realtime_frames_are_out_of_scope_but_each_published_frame_is_a_typed_json_message()
    {
        var frames = TestFiles.PayloadFiles("together", "realtime-*.json").ToArray();
        Assert.Equal(9, frames.Length);
        foreach (var f in frames)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(f));
            Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("type").GetString()));
        }
    }
}
