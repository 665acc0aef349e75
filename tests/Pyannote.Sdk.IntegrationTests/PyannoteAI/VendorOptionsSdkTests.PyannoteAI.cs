using Pyannote.Sdk.PyannoteAI;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class VendorOptionsSdkTests
{
    [Fact]
    public async Task Pyannote_diarize_returns_speech_crosstalk_and_speaker_scores_on_the_20ms_axis()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);

        var result = await client.DiarizeAsync(AudioInput.FromFile(ConversationWav), new DiarizationOptions
        {
            SpeechProbability = true,
            CrosstalkProbability = true,
            SpeakerProbability = true,
            VadSensitivity = 2,
            CrosstalkSensitivity = -1,
        });

        var first = result.Diarization[0];
        var middle = first.Start + ((first.End - first.Start) / 2);
        Assert.Equal(TimeSpan.FromMilliseconds(20), result.SpeechProbability!.Resolution);
        Assert.True(result.SpeechProbability.ScoreAt(middle) > 50);
        Assert.True(result.CrosstalkProbability!.ScoreAt(middle) < 50);
        Assert.True(result.SpeakerProbability!.ScoreAt(first.Speaker, middle) > 50);
        var other = result.SpeakerProbability.Speakers.Keys.Single(k => k != first.Speaker);
        Assert.True(result.SpeakerProbability.ScoreAt(other, middle) < 50);
        Assert.Equal(result.SpeechProbability.Scores.Count, result.SpeakerProbability.Speakers[other].Scores.Count);
    }

    [Fact]
    public async Task Pyannote_identify_keys_speaker_scores_by_diarization_label()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);
        var options = new IdentificationOptions { SpeakerProbability = true };
        options.Voiceprints.Add(new PyannoteVoiceprint("Alice", "dm9pY2U="));

        var result = await client.IdentifyAsync(AudioInput.FromFile(ConversationWav), options);

        Assert.All(result.SpeakerProbability!.Speakers.Keys, k => Assert.StartsWith("SPEAKER_", k, StringComparison.Ordinal));
        Assert.Null(result.SpeechProbability);
    }

    [Fact]
    public async Task Pyannote_result_carries_the_rate_limit_headers_and_an_extra_field_reaches_the_emulator()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);
        var reports = new List<UploadProgress>();
        var options = new DiarizationOptions { AdditionalFields = { ["someFutureFlag"] = true } };

        var result = await client.DiarizeAsync(AudioInput.FromFile(ConversationWav), options, new SpeechRequestOptions
        {
            UploadProgress = new SyncProgress<UploadProgress>(p => { lock (reports) { reports.Add(p); } }),
            MaxRetries = 0,
        });

        Assert.Equal(200, result.Response!.StatusCode);
        Assert.Equal(100, result.Response.RateLimit!.Limit);
        Assert.NotNull(result.Response.RateLimit.Remaining);
        Assert.True(result.RawOutput!.Value.TryGetProperty("diarization", out _));
        var last = reports[^1];
        Assert.Equal(new FileInfo(ConversationWav).Length, last.BytesSent);
        Assert.Equal(last.BytesSent, last.TotalBytes);
    }
}
