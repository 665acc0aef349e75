using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class UndecodableAudioTests
{
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task JigsawStack_answers_undecodable_audio_with_a_400_in_every_mode(string kind)
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var sync = await Assert.ThrowsAsync<SpeechApiException>(() => client.TranscribeAsync(Unchecked(kind)));
        var webhook = await Assert.ThrowsAsync<SpeechApiException>(() =>
            client.StartTranscriptionAsync(Unchecked(kind), new Uri("https://127.0.0.1:1/hook")));

        foreach (var error in new[] { sync, webhook })
        {
            Assert.Equal(SpeechVendor.JigsawStack, error.Vendor);
            Assert.Equal(400, error.StatusCode);
            Assert.Contains(Expected(kind), error.VendorMessage, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(2, await CountAsync(emulator, "/v1/ai/transcribe", "POST", 2));
    }
}
