using System.Net;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Emulator.Internal;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public partial class EmulatorHardeningTests
{
    [VendorRows]
    private static IEnumerable<(string Vendor, string Path)> TogetherQueryKeyPaths() => [("together", "v1/audio/transcriptions")];

    [Fact]
    public async Task Multipart_fields_and_section_counts_are_bounded()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options(withSidecars: false));
        using var together = Client(emulator.TogetherEndpoint, bearer: emulator.ApiKey);

        using (var form = AudioForm("file", ConversationWav, ("model", "openai/whisper-large-v3"), ("prompt", new string('p', MultipartForm.MaxFieldBytes + 1))))
        using (var response = await together.PostAsync("v1/audio/transcriptions", form))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        using (var form = AudioForm("file", ConversationWav, Enumerable.Range(0, MultipartForm.MaxSections + 1).Select(i => ("f" + i, "v")).ToArray()))
        using (var response = await together.PostAsync("v1/audio/transcriptions", form))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
    }
}
