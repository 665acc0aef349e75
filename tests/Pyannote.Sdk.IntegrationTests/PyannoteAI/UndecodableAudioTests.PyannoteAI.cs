using Pyannote.Sdk.Jobs;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class UndecodableAudioTests
{
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PyannoteAI_fails_the_job_for_undecodable_audio_instead_of_returning_no_speakers(string kind)
    {
        await using var emulator = await StartAsync();

        var failed = await Assert.ThrowsAsync<SpeechJobFailedException>(() => NewPyannote(emulator).DiarizeAsync(Unchecked(kind)));

        Assert.Equal(SpeechVendor.Pyannote, failed.Vendor);
        Assert.Contains("Could not load audio", failed.Error, StringComparison.Ordinal);
        Assert.Contains(Expected(kind), failed.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await CountAsync(emulator, "/v1/diarize", "POST", 1));
    }
}
