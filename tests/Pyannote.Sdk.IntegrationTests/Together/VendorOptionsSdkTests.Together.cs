using Pyannote.Sdk.Together;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class VendorOptionsSdkTests
{
    [Fact]
    public async Task Together_without_a_language_asks_for_auto_detection_and_gets_the_audio_language()
    {
        // A French sidecar for a copy of the sample: the emulator, like Together's schema, decodes a request without a
        // language as English, and detects the language only when asked for "auto".
        using var library = new TempLibrary("fr");
        await using var emulator = await StartAsync(o =>
        {
            o.AudioLibraryDirectories.Clear();
            o.AudioLibraryDirectories.Add(library.Directory);
        });
        var client = NewTogether(emulator);

        var detected = await client.CreateTranscriptionAsync(AudioInput.FromFile(library.Audio), new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.VerboseJson });
        var forced = await client.CreateTranscriptionAsync(AudioInput.FromFile(library.Audio), new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.VerboseJson, Language = "de" });

        Assert.Equal("fr", detected.Language);
        Assert.Equal("de", forced.Language);
    }
}
