using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Tests.PyannoteAI;

namespace Pyannote.Sdk.Tests.VendorOptions;

/// <summary>
/// pyannoteAI frame-level probabilities and sensitivities (docs.pyannote.ai/tutorials/output-scores and
/// /tutorials/vad-crosstalk-sensitivity): flags and sensitivities on the wire, client-side range checks, and the
/// typed score series on the results. No published output example exists; the payloads below follow the documented
/// shape ({score, resolution}, speaker scores keyed by diarization label) and mirror the published confidence block.
/// </summary>
public class PyannoteScoreTests
{
    [Fact]
    public async Task Diarize_sends_the_score_flags_and_sensitivities_under_their_wire_names()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize");

        await kit.Client.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/a.wav"), new DiarizationOptions
        {
            SpeechProbability = true,
            CrosstalkProbability = true,
            SpeakerProbability = true,
            VadSensitivity = 1.5,
            CrosstalkSensitivity = -2,
        });

        Assert.Equal(
            "{\"url\":\"https://example.com/a.wav\",\"speechProbability\":true,\"crosstalkProbability\":true,\"speakerProbability\":true,"
            + "\"vadSensitivity\":1.5,\"crosstalkSensitivity\":-2}",
            Assert.Single(kit.Requests).Body);
    }

    [Fact]
    public async Task Identify_sends_the_same_flags_and_sensitivities()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/identify");
        var options = new IdentificationOptions { SpeakerProbability = true, VadSensitivity = -5, CrosstalkSensitivity = 5 };
        options.Voiceprints.Add(new PyannoteVoiceprint("Sam", "U29tZQ"));

        await kit.Client.StartIdentificationAsync(AudioInput.FromUrl("https://example.com/a.wav"), options);

        Assert.Equal(
            "{\"url\":\"https://example.com/a.wav\",\"speakerProbability\":true,\"vadSensitivity\":-5,\"crosstalkSensitivity\":5,"
            + "\"voiceprints\":[{\"label\":\"Sam\",\"voiceprint\":\"U29tZQ\"}]}",
            Assert.Single(kit.Requests).Body);
    }

    [Theory]
    [InlineData(5.01, null, "VadSensitivity")]
    [InlineData(-5.5, null, "VadSensitivity")]
    [InlineData(double.NaN, null, "VadSensitivity")]
    [InlineData(null, 6.0, "CrosstalkSensitivity")]
    [InlineData(null, double.NegativeInfinity, "CrosstalkSensitivity")]
    public async Task Sensitivity_outside_minus_5_to_5_is_rejected_before_anything_is_sent(double? vad, double? crosstalk, string named)
    {
        var kit = new PyannoteTestKit();

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => kit.Client.StartDiarizationAsync(
            AudioInput.FromUrl("https://example.com/a.wav"), new DiarizationOptions { VadSensitivity = vad, CrosstalkSensitivity = crosstalk }));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.Contains("-5", ex.Message, StringComparison.Ordinal);
        kit.AssertNothingSent();
    }

    private const string ScoredOutput = """
        {
          "diarization": [{"speaker":"SPEAKER_00","start":0.0,"end":0.06},{"speaker":"SPEAKER_01","start":0.04,"end":0.08}],
          "speechProbability": {"score": [10, 95, 97, 90], "resolution": 0.02},
          "crosstalkProbability": {"score": [1, 2, 80, 3], "resolution": 0.02},
          "speakerProbability": {"score": {"SPEAKER_00": [5, 92, 90, 8], "SPEAKER_01": [1, 3, 85, 94]}, "resolution": 0.02}
        }
        """;

    [Fact]
    public void Diarization_output_scores_become_typed_series_with_a_score_at_time_helper()
    {
        var result = PyannoteMapper.ToDiarizationResult(System.Text.Json.JsonDocument.Parse(ScoredOutput).RootElement);

        var speech = Assert.IsType<FrameScores>(result.SpeechProbability);
        Assert.Equal(new[] { 10.0, 95, 97, 90 }, speech.Scores);
        Assert.Equal(TimeSpan.FromMilliseconds(20), speech.Resolution);
        Assert.Equal(TimeSpan.FromMilliseconds(80), speech.Duration);
        Assert.Equal(10, speech.ScoreAt(TimeSpan.Zero));
        Assert.Equal(10, speech.ScoreAt(TimeSpan.FromMilliseconds(19.99)));
        Assert.Equal(95, speech.ScoreAt(TimeSpan.FromMilliseconds(20)));
        Assert.Equal(90, speech.ScoreAt(TimeSpan.FromMilliseconds(79)));
        Assert.Null(speech.ScoreAt(TimeSpan.FromMilliseconds(80)));
        Assert.Null(speech.ScoreAt(TimeSpan.FromMilliseconds(-1)));

        Assert.Equal(80, result.CrosstalkProbability!.ScoreAt(TimeSpan.FromMilliseconds(45)));

        var speakers = result.SpeakerProbability!;
        Assert.Equal(new[] { "SPEAKER_00", "SPEAKER_01" }, speakers.Speakers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(92, speakers.ScoreAt("SPEAKER_00", TimeSpan.FromMilliseconds(30)));
        Assert.Equal(94, speakers.ScoreAt("SPEAKER_01", TimeSpan.FromMilliseconds(70)));
        Assert.Null(speakers.ScoreAt("SPEAKER_07", TimeSpan.Zero));
        Assert.Null(speakers.ScoreAt("speaker_00", TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(20), speakers.Speakers["SPEAKER_01"].Resolution);
    }

    [Fact]
    public void Identification_output_keeps_speaker_scores_keyed_by_diarization_label()
    {
        var json = ScoredOutput.TrimEnd().TrimEnd('}') + """
            ,"identification":[{"speaker":"Sam","start":0.0,"end":0.06,"diarizationSpeaker":"SPEAKER_00","match":"Sam"}],
            "voiceprints":[{"speaker":"SPEAKER_00","match":"Sam","confidence":{"Sam":86}}]}
            """;

        var result = PyannoteMapper.ToIdentificationResult(System.Text.Json.JsonDocument.Parse(json).RootElement);

        Assert.Equal(92, result.SpeakerProbability!.ScoreAt("SPEAKER_00", TimeSpan.FromMilliseconds(25)));
        Assert.Null(result.SpeakerProbability.ScoreAt("Sam", TimeSpan.FromMilliseconds(25)));
        Assert.Equal(97, result.SpeechProbability!.ScoreAt(TimeSpan.FromMilliseconds(41)));
        Assert.NotNull(result.CrosstalkProbability);
    }

    [Fact]
    public void Output_without_scores_has_none_and_a_negative_resolution_is_a_format_error()
    {
        var plain = PyannoteMapper.ToDiarizationResult(System.Text.Json.JsonDocument.Parse("""{"diarization":[]}""").RootElement);
        Assert.Null(plain.SpeechProbability);
        Assert.Null(plain.CrosstalkProbability);
        Assert.Null(plain.SpeakerProbability);

        Assert.Throws<SpeechResponseFormatException>(() => PyannoteMapper.ToDiarizationResult(
            System.Text.Json.JsonDocument.Parse("""{"diarization":[],"speechProbability":{"score":[1],"resolution":-0.02}}""").RootElement));
    }

    [Fact]
    public void Model_factory_builds_scores_for_mocks()
    {
        var result = PyannoteModelFactory.DiarizationResult(
            Array.Empty<Pyannote.Sdk.Transcripts.DiarizationSegment>(),
            speechProbability: PyannoteModelFactory.FrameScores(new[] { 1.0, 99 }, TimeSpan.FromMilliseconds(20)),
            speakerProbability: PyannoteModelFactory.SpeakerFrameScores(new Dictionary<string, IEnumerable<double>> { ["SPEAKER_00"] = new[] { 7.0 } }, TimeSpan.FromMilliseconds(20)));

        Assert.Equal(99, result.SpeechProbability!.ScoreAt(TimeSpan.FromMilliseconds(21)));
        Assert.Equal(7, result.SpeakerProbability!.ScoreAt("SPEAKER_00", TimeSpan.FromMilliseconds(1)));
    }
}
