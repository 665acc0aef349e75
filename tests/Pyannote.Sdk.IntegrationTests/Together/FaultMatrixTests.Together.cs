using Pyannote.Sdk.IntegrationTests.Emulator;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

public sealed partial class FaultMatrixTests
{
    [VendorRows]
    private static IEnumerable<Target> TogetherTargets() =>
    [
        new("together.transcriptions", HttpMethod.Post, "/v1/audio/transcriptions", true, false, HttpMethod.Post, "/v1/audio/transcriptions",
            async c => await c.Together.CreateTranscriptionAsync(AudioInput.FromFile(EmulatorTestSupport.ConversationWav))),
    ];
}
