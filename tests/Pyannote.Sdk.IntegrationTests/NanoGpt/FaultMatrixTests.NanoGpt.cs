using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

public sealed partial class FaultMatrixTests
{
    [VendorRows]
    private static IEnumerable<Target> NanoGptTargets() =>
    [
        new("nanogpt.transcribe (sync)", HttpMethod.Post, "/api/transcribe", true, false, HttpMethod.Post, "/api/transcribe",
            async c => await c.NanoGpt.TranscribeAsync(AudioInput.FromUrl(Url), new TranscriptionOptions { Model = NanoGptModel.WhisperLargeV3.ToString(), Diarize = false }),
            CanceledJobFails: true),
        new("nanogpt.transcribe (job)", HttpMethod.Post, "/api/transcribe", true, true, HttpMethod.Post, "/api/transcribe",
            async c => await (await c.NanoGpt.StartTranscriptionAsync(AudioInput.FromUrl(Url), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt, Diarize = true })).WaitForCompletionAsync(),
            OnlyJobFaults: true, CanceledJobFails: true),
        new("nanogpt.transcribe.status (poll)", HttpMethod.Post, "/api/transcribe/status", false, false, HttpMethod.Post, "/api/transcribe",
            async c => await (await c.NanoGpt.StartTranscriptionAsync(AudioInput.FromUrl(Url), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt, Diarize = true })).WaitForCompletionAsync(),
            CanceledJobFails: true),
    ];
}
