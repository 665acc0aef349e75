using Pyannote.Sdk.NanoGpt;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class UndecodableAudioTests
{
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task NanoGpt_answers_undecodable_audio_with_a_400_for_sync_async_and_OpenAI_endpoints(string kind)
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        var sync = await Assert.ThrowsAsync<SpeechApiException>(() => client.StartTranscriptionAsync(Unchecked(kind), new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3 }));
        var async_ = await Assert.ThrowsAsync<SpeechApiException>(() => client.StartTranscriptionAsync(Unchecked(kind), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt, Diarize = true }));
        var openAI = await Assert.ThrowsAsync<SpeechApiException>(() => client.CreateOpenAITranscriptionAsync(Unchecked(kind)));

        foreach (var error in new[] { sync, async_, openAI })
        {
            Assert.Equal(SpeechVendor.NanoGpt, error.Vendor);
            Assert.Equal(400, error.StatusCode);
            Assert.Contains(Expected(kind), error.VendorMessage, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(2, await CountAsync(emulator, "/api/transcribe", "POST", 2));
    }
}
