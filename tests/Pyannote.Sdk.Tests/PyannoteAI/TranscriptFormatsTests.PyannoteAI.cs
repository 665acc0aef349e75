using Pyannote.Sdk.Transcripts;
using static Pyannote.Sdk.Tests.Transcripts.TranscriptMergerTests;

namespace Pyannote.Sdk.Tests.Transcripts;

public partial class TranscriptFormatsTests
{
    [Fact]
    public void Json_has_pyannote_word_and_turn_arrays_in_seconds()
    {
        Assert.Equal(
            "{\"wordLevelTranscription\":[" +
            "{\"start\":0.5,\"end\":0.9,\"text\":\"Hello\",\"speaker\":\"SPEAKER_00\"}," +
            "{\"start\":1,\"end\":1.4,\"text\":\"world.\",\"speaker\":\"SPEAKER_00\"}," +
            "{\"start\":2,\"end\":2.3,\"text\":\"Hi\",\"speaker\":\"SPEAKER_01\"}," +
            "{\"start\":2.4,\"end\":2.9,\"text\":\"there!\",\"speaker\":\"SPEAKER_01\"}]," +
            "\"turnLevelTranscription\":[" +
            "{\"start\":0.5,\"end\":1.4,\"text\":\"Hello world.\",\"speaker\":\"SPEAKER_00\"}," +
            "{\"start\":2,\"end\":2.9,\"text\":\"Hi there!\",\"speaker\":\"SPEAKER_01\"}]}",
            TwoSpeakers().ToJson());
    }

    [Fact]
    public void Json_reads_a_pyannote_job_result()
    {
        // Shape of a pyannoteAI job with transcription=true (docs.pyannote.ai/api-reference/schemas/diarizationschema:
        // output.wordLevelTranscription / output.turnLevelTranscription items {start, end, text, speaker}).
        const string json = """
            {
              "jobId": "3c8a89a5-dcc6-4edb-a75d-ffd64739674d",
              "status": "succeeded",
              "output": {
                "diarization": [ { "speaker": "SPEAKER_00", "start": 0.5, "end": 2.3 } ],
                "wordLevelTranscription": [
                  { "start": 0.5, "end": 0.8, "text": "Hello,", "speaker": "SPEAKER_00" },
                  { "start": 0.9, "end": 1.2, "text": "how", "speaker": "SPEAKER_00" },
                  { "start": 1.3, "end": 1.6, "text": "are", "speaker": "SPEAKER_00" },
                  { "start": 1.7, "end": 2.3, "text": "you?", "speaker": "SPEAKER_00" }
                ],
                "turnLevelTranscription": [
                  { "start": 0.5, "end": 2.3, "text": "Hello, how are you?", "speaker": "SPEAKER_00" }
                ]
              }
            }
            """;

        var t = TranscriptFormats.ParseJson(json);
        var turn = Assert.Single(t.Turns);
        Assert.Equal(("SPEAKER_00", S(0.5), S(2.3), "Hello, how are you?", 4), (turn.Speaker, turn.Start, turn.End, turn.Text, turn.Words.Count));
        Assert.Equal(["SPEAKER_00"], t.Speakers);
        Assert.Equal("SPEAKER_00 (0:00): Hello, how are you?\n", t.ToPlainText());
    }
}
