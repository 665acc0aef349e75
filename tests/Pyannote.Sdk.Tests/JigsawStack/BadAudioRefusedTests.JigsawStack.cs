namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class BadAudioRefusedTests
{
    [VendorRows]
    private static IEnumerable<Operation> JigsawStackOperations() =>
    [
        new("JigsawStack", "CreateTranscriptionAsync", (c, a) => c.JigsawStack.CreateTranscriptionAsync(a), "audio"),
        new("JigsawStack", "UploadFileAsync", (c, a) => c.JigsawStack.UploadFileAsync(a), "file"),
    ];
}
