using System.Text.Json;
using Pyannote.Sdk.PyannoteAI;
using G = Pyannote.Sdk.Generated.PyannoteAI;

namespace Pyannote.Sdk.Tests.PyannoteAI;

/// <summary>Every published pyannoteAI payload (TestData/pyannote, each with its .source.txt) parses into the right type.</summary>
public class PyannotePayloadTests
{
    private static JsonElement Load(string name) => JsonDocument.Parse(PyannoteTestKit.TestData(name)).RootElement;

    private static JsonElement OutputWith(string property, string payload) =>
        JsonDocument.Parse($"{{\"{property}\":{PyannoteTestKit.TestData(payload)}}}").RootElement;

    [Fact]
    public void Every_payload_file_has_a_source_note_and_a_test_below()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestData", "pyannote");
        var covered = new[]
        {
            "diarization-segments-example.json", "diarize-request-minimal.json", "features-diarization-output-example.json",
            "identify-output-schema-example.json", "job-created.json", "turn-level-confidence-example.json",
            "turn-level-transcription-example.json", "voiceprint-job-created-example.json", "voiceprint-request-example.json",
            "webhook-diarization-succeeded.json", "word-level-transcription-example.json",
            // Live-streaming frames and the tutorial's OpenAI transcript: valid JSON, but not REST shapes of this client (see below).
            "stream-event-error.json", "stream-event-speaker-end.json", "stream-event-speaker-start.json", "end-of-stream-message.json",
            "merge-tutorial-openai-transcript.json",
        };
        foreach (var file in Directory.GetFiles(dir, "*.json"))
        {
            Assert.Contains(Path.GetFileName(file), covered);
            Assert.True(File.Exists(Path.ChangeExtension(file, ".source.txt")), file);
        }
    }

    [Fact]
    public void Diarization_segments_example_maps_to_segments_in_seconds()
    {
        var result = PyannoteMapper.ToDiarizationResult(OutputWith("diarization", "diarization-segments-example.json"));

        Assert.Equal(3, result.Diarization.Count);
        Assert.Equal(("SPEAKER_00", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5.2)), (result.Diarization[0].Speaker, result.Diarization[0].Start, result.Diarization[0].End));
        Assert.Equal(TimeSpan.FromSeconds(12.4), result.Diarization[2].End);
        Assert.Null(result.ExclusiveDiarization);
        Assert.Null(result.Confidence);
        Assert.Null(result.Transcript);
        Assert.Null(result.Diarization[0].Confidence);
    }

    [Fact]
    public void Overlapping_features_example_keeps_the_overlap_and_exclusive_diarization_maps_separately()
    {
        var json = $"{{\"diarization\":{PyannoteTestKit.TestData("features-diarization-output-example.json")},\"exclusiveDiarization\":{PyannoteTestKit.TestData("diarization-segments-example.json")}}}";
        var result = PyannoteMapper.ToDiarizationResult(JsonDocument.Parse(json).RootElement);

        Assert.True(result.Diarization[1].Start < result.Diarization[0].End);
        Assert.Equal(3, result.ExclusiveDiarization!.Count);
    }

    [Fact]
    public void Turn_level_confidence_example_becomes_the_segment_confidence_map()
    {
        var json = $"{{\"diarization\":[{{\"speaker\":\"SPEAKER_01\",\"start\":1,\"end\":2,\"confidence\":{PyannoteTestKit.TestData("turn-level-confidence-example.json")}}}]}}";
        var segment = Assert.Single(PyannoteMapper.ToDiarizationResult(JsonDocument.Parse(json).RootElement).Diarization);

        Assert.Equal(16, segment.Confidence!["SPEAKER_00"]);
        Assert.Equal(93, segment.Confidence["SPEAKER_01"]);
    }

    [Fact]
    public void Frame_confidence_maps_scores_and_resolution()
    {
        var json = "{\"diarization\":[],\"confidence\":{\"score\":[95,89,78,67,56,45,34,23,12,1],\"resolution\":0.02}}";
        var confidence = PyannoteMapper.ToDiarizationResult(JsonDocument.Parse(json).RootElement).Confidence!;

        Assert.Equal(10, confidence.Scores.Count);
        Assert.Equal(95, confidence.Scores[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(20), confidence.Resolution);
    }

    [Fact]
    public void Word_and_turn_level_transcription_examples_build_a_pyannote_transcript()
    {
        var json = $"{{\"diarization\":[{{\"speaker\":\"SPEAKER_00\",\"start\":0.5,\"end\":2.3}}],\"wordLevelTranscription\":{PyannoteTestKit.TestData("word-level-transcription-example.json")},\"turnLevelTranscription\":{PyannoteTestKit.TestData("turn-level-transcription-example.json")}}}";
        var result = PyannoteMapper.ToDiarizationResult(JsonDocument.Parse(json).RootElement, "parakeet-tdt-0.6b-v3");
        var transcript = result.Transcript!;

        var word = Assert.Single(transcript.Words);
        Assert.Equal(("Hello", "SPEAKER_00", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.8)), (word.Text, word.Speaker, word.Start, word.End));
        var turn = Assert.Single(transcript.Turns);
        Assert.Equal(("Hello, how are you?", "SPEAKER_00", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2.3)), (turn.Text, turn.Speaker, turn.Start, turn.End));
        Assert.Same(word, Assert.Single(turn.Words));
        Assert.Equal(new[] { "SPEAKER_00" }, transcript.Speakers);
        Assert.Equal("Hello, how are you?", transcript.Text);
        Assert.Equal(SpeechVendor.Pyannote, transcript.Vendor);
        Assert.Equal("parakeet-tdt-0.6b-v3", transcript.Model);
        Assert.Same(result, transcript.RawRepresentation);
    }

    [Fact]
    public void Words_are_attributed_to_their_own_turn_and_speaker()
    {
        var json = """
        {"diarization":[],
         "wordLevelTranscription":[
           {"start":0.5,"end":0.8,"text":"Hello","speaker":"SPEAKER_00"},
           {"start":0.9,"end":1.2,"text":"everyone","speaker":"SPEAKER_00"},
           {"start":1.3,"end":1.5,"text":"Hi","speaker":"SPEAKER_01"},
           {"start":1.6,"end":1.9,"text":"there.","speaker":"SPEAKER_01"}],
         "turnLevelTranscription":[
           {"start":1.3,"end":1.9,"text":"Hi there.","speaker":"SPEAKER_01"},
           {"start":0.5,"end":1.2,"text":" Hello everyone","speaker":"SPEAKER_00"}],
         "warning":"w"}
        """;
        var transcript = PyannoteMapper.ToDiarizationResult(JsonDocument.Parse(json).RootElement).Transcript!;

        Assert.Equal(new[] { "Hello everyone", "Hi there." }, transcript.Turns.Select(t => t.Text));
        Assert.Equal(new[] { "Hello", "everyone" }, transcript.Turns[0].Words.Select(w => w.Text));
        Assert.Equal(new[] { "Hi", "there." }, transcript.Turns[1].Words.Select(w => w.Text));
        Assert.Equal(new[] { "SPEAKER_00", "SPEAKER_01" }, transcript.Speakers);
        Assert.Equal(new[] { "w" }, transcript.Warnings);
        Assert.Null(transcript.Model);
    }

    [Fact]
    public void Word_level_only_builds_turns_from_words()
    {
        var json = $"{{\"diarization\":[],\"wordLevelTranscription\":{PyannoteTestKit.TestData("word-level-transcription-example.json")}}}";
        var transcript = PyannoteMapper.ToDiarizationResult(JsonDocument.Parse(json).RootElement).Transcript!;

        Assert.Equal("Hello", Assert.Single(transcript.Turns).Text);
    }

    [Fact]
    public void Identify_output_example_from_an_older_schema_parses_leniently()
    {
        var result = PyannoteMapper.ToIdentificationResult(Load("identify-output-schema-example.json"));

        Assert.Equal("Speaker 1", Assert.Single(result.Diarization).Speaker);
        var seg = Assert.Single(result.Identification);
        Assert.Equal("Speaker 1", seg.Speaker);
        Assert.Equal("Speaker 1", seg.DiarizationSpeaker);
        Assert.Null(seg.Match);
        Assert.Equal(TimeSpan.FromSeconds(30.5), seg.End);
        var vp = Assert.Single(result.Voiceprints);
        Assert.Equal(("SPEAKER_00", "Sam"), (vp.Speaker, vp.Match));
        Assert.Equal(24, vp.Confidence["Rick"]);
        Assert.Equal("<string>", result.Warning);
        Assert.Equal(10, result.Confidence!.Scores.Count);
        Assert.Null(result.Transcript);
    }

    [Fact]
    public void Identify_output_of_the_current_schema_keeps_match_and_diarization_speaker()
    {
        var json = "{\"diarization\":[],\"identification\":[{\"speaker\":\"Sam\",\"start\":1,\"end\":2,\"diarizationSpeaker\":\"SPEAKER_00\",\"match\":\"Sam\"},{\"speaker\":\"SPEAKER_01\",\"start\":2,\"end\":3,\"diarizationSpeaker\":\"SPEAKER_01\",\"match\":null}],\"voiceprints\":[]}";
        var result = PyannoteMapper.ToIdentificationResult(JsonDocument.Parse(json).RootElement);

        Assert.Equal(("Sam", "SPEAKER_00", "Sam"), (result.Identification[0].Speaker, result.Identification[0].DiarizationSpeaker, result.Identification[0].Match));
        Assert.Null(result.Identification[1].Match);
    }

    [Fact]
    public void Webhook_body_output_maps_through_the_same_mapper()
    {
        var body = Load("webhook-diarization-succeeded.json");
        Assert.Equal("succeeded", body.GetProperty("status").GetString());

        var result = PyannoteMapper.ToDiarizationResult(body.GetProperty("output"));
        var segment = Assert.Single(result.Diarization);
        Assert.Equal(("speaker_1", TimeSpan.Zero, TimeSpan.FromSeconds(1)), (segment.Speaker, segment.Start, segment.End));

        var fromBytes = PyannoteMapper.ToDiarizationResult(PyannoteMapper.Parse(System.Text.Encoding.UTF8.GetBytes(body.GetProperty("output").GetRawText())));
        Assert.Equal("speaker_1", Assert.Single(fromBytes.Diarization).Speaker);
    }

    [Theory]
    [InlineData("{\"voiceprint\":\"aGVsbG8\"}", "Voiceprint")]
    [InlineData("{\"diarization\":[],\"identification\":[]}", "Identification")]
    [InlineData("{\"diarization\":[],\"voiceprints\":[]}", "Identification")]
    [InlineData("{\"diarization\":[],\"wordLevelTranscription\":[]}", "Diarization")]
    public void The_job_kind_is_told_from_the_output(string json, string kind) =>
        Assert.Equal(kind, PyannoteMapper.DetectKind(PyannoteMapper.Parse(JsonDocument.Parse(json).RootElement)).ToString());

    [Fact]
    public void Job_created_examples_parse_with_and_without_warning()
    {
        var created = Load("job-created.json").Deserialize<G.JobCreated>(G.PyannoteAIGeneratedClient.SharedSettings)!;
        Assert.Equal(("3c8a89a5-dcc6-4edb-a75d-ffd64739674d", "created", null), (created.JobId, created.Status, created.Warning));

        var voiceprint = Load("voiceprint-job-created-example.json").Deserialize<G.JobCreated>(G.PyannoteAIGeneratedClient.SharedSettings)!;
        Assert.Equal("<string>", voiceprint.Warning);
    }

    [Fact]
    public void Request_examples_have_our_request_shapes()
    {
        var minimal = Load("diarize-request-minimal.json").Deserialize<G.DiarizeRequest>(G.PyannoteAIGeneratedClient.SharedSettings)!;
        Assert.Equal("https://files.pyannote.ai/marklex1min.wav", minimal.Url);

        // An older rendering with the retired precision-1 model: the model is an open string, so it still parses.
        var voiceprint = Load("voiceprint-request-example.json").Deserialize<G.VoiceprintRequest>(G.PyannoteAIGeneratedClient.SharedSettings)!;
        Assert.Equal(("https://example.com/voice.wav", "https://example.com/webhook", "precision-1"), (voiceprint.Url, voiceprint.Webhook, voiceprint.Model));
    }

    [Fact]
    public void Live_streaming_frames_and_the_tutorial_transcript_are_outside_the_rest_client()
    {
        // The live (WebSocket) API and the OpenAI-style tutorial transcript are not REST shapes of PyannoteClient; they are
        // kept with their sources for the streaming and merge work. Here: they are the JSON their notes describe.
        Assert.Equal("diarization_speaker_start", Load("stream-event-speaker-start.json").GetProperty("type").GetString());
        Assert.Equal(3.863, Load("stream-event-speaker-end.json").GetProperty("data").GetProperty("timestamp").GetDouble());
        Assert.Equal("Invalid chunk size", Load("stream-event-error.json").GetProperty("message").GetString());
        Assert.Equal("end_of_stream", Load("end-of-stream-message.json").GetProperty("type").GetString());
        Assert.Equal(2, Load("merge-tutorial-openai-transcript.json").GetProperty("segments").GetArrayLength());
    }

    [Fact]
    public void Output_of_the_wrong_shape_is_a_response_format_error()
    {
        Assert.Throws<SpeechResponseFormatException>(() => PyannoteMapper.ToDiarizationResult(JsonDocument.Parse("[1,2]").RootElement));
        Assert.Throws<SpeechResponseFormatException>(() => PyannoteMapper.ToDiarizationResult(JsonDocument.Parse("{\"diarization\":[{\"speaker\":\"A\",\"start\":\"x\",\"end\":1}]}").RootElement));
        Assert.Throws<SpeechResponseFormatException>(() => PyannoteMapper.ToDiarizationResult(JsonDocument.Parse("{\"diarization\":[{\"speaker\":\"A\",\"start\":-1,\"end\":1}]}").RootElement));
        Assert.Throws<SpeechResponseFormatException>(() => PyannoteMapper.ToVoiceprint(JsonDocument.Parse("{}").RootElement));
    }

    [Fact]
    public async Task TranscribeAsync_requests_precision_2_with_transcription_and_returns_the_transcript()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize");
        var output = $"{{\"diarization\":[{{\"speaker\":\"SPEAKER_00\",\"start\":0.5,\"end\":2.3}}],\"wordLevelTranscription\":{PyannoteTestKit.TestData("word-level-transcription-example.json")},\"turnLevelTranscription\":{PyannoteTestKit.TestData("turn-level-transcription-example.json")}}}";
        kit.ScriptJob("job-1", () => PyannoteTestKit.Json($"{{\"jobId\":\"job-1\",\"status\":\"succeeded\",\"output\":{output}}}"));

        var transcript = await kit.Client.TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav"),
            new TranscriptionOptions { Language = "de", MaxSpeakers = 3, Model = "faster-whisper-large-v3-turbo" });

        Assert.Equal(
            "{\"url\":\"https://example.com/a.wav\",\"model\":\"precision-2\",\"maxSpeakers\":3,\"transcription\":true,\"transcriptionConfig\":{\"model\":\"faster-whisper-large-v3-turbo\"}}",
            kit.Requests[0].Body);
        Assert.Equal("Hello, how are you?", transcript.Text);
        Assert.Equal("faster-whisper-large-v3-turbo", transcript.Model);
        Assert.Equal(SpeechVendor.Pyannote, transcript.Vendor);
        Assert.IsType<DiarizationResult>(transcript.RawRepresentation);
    }

    [Fact]
    public async Task TranscribeAsync_defaults_to_parakeet_and_fails_clearly_without_transcription_output()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize");
        kit.ScriptJob("job-1", () => PyannoteTestKit.Json("{\"jobId\":\"job-1\",\"status\":\"succeeded\",\"output\":{\"diarization\":[]}}"));

        await Assert.ThrowsAsync<SpeechResponseFormatException>(() => kit.Client.TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav")));
        Assert.Equal("{\"url\":\"https://example.com/a.wav\",\"model\":\"precision-2\",\"transcription\":true}", kit.Requests[0].Body);
    }
}
