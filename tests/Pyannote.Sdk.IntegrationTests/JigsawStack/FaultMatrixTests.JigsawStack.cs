using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

public sealed partial class FaultMatrixTests
{
    [VendorRows]
    private static IEnumerable<Target> JigsawStackTargets() =>
    [
        new("jigsawstack.transcribe", HttpMethod.Post, "/v1/ai/transcribe", true, false, HttpMethod.Post, "/v1/ai/transcribe",
            async c => await c.JigsawStack.CreateTranscriptionAsync(AudioInput.FromUrl(Url), new JigsawStackTranscriptionOptions { BySpeaker = true })),
    ];
}
