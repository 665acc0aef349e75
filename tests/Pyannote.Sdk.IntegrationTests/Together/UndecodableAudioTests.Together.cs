using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class UndecodableAudioTests
{
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Together_answers_undecodable_audio_with_a_400_in_its_error_shape(string kind)
    {
        await using var emulator = await StartAsync();

        var error = await Assert.ThrowsAsync<SpeechApiException>(() => NewTogether(emulator).TranscribeAsync(Unchecked(kind)));

        Assert.Equal(SpeechVendor.Together, error.Vendor);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(Expected(kind), error.VendorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
    }
}
