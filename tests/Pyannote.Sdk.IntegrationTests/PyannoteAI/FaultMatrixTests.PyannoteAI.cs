using Pyannote.Sdk.IntegrationTests.Emulator;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

public sealed partial class FaultMatrixTests
{
    [VendorRows]
    private static IEnumerable<Target> PyannoteTargets() =>
    [
        new("pyannote.diarize", HttpMethod.Post, "/v1/diarize", true, true, HttpMethod.Post, "/v1/diarize",
            async c => await c.Pyannote.DiarizeAsync(AudioInput.FromUrl(Url))),
        new("pyannote.jobs.get (poll)", HttpMethod.Get, "/v1/jobs/*", false, false, HttpMethod.Post, "/v1/diarize",
            async c => await c.Pyannote.DiarizeAsync(AudioInput.FromUrl(Url))),
        new("pyannote.media.upload (PUT)", HttpMethod.Put, "/storage/*", false, false, HttpMethod.Post, "/v1/diarize",
            async c => await c.Pyannote.DiarizeAsync(AudioInput.FromFile(EmulatorTestSupport.ConversationWav))),
    ];
}
