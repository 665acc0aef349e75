namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class BadAudioRefusedTests
{
    [VendorRows]
    private static IEnumerable<Operation> NanoGptOperations() =>
    [
        new("NanoGPT", "StartTranscriptionAsync", (c, a) => c.NanoGpt.StartTranscriptionAsync(a), "audio"),
        new("NanoGPT", "CreateOpenAITranscriptionAsync", (c, a) => c.NanoGpt.CreateOpenAITranscriptionAsync(a), "audio"),
    ];
}
