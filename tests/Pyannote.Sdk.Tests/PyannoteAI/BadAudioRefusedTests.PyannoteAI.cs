namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class BadAudioRefusedTests
{
    [VendorRows]
    private static IEnumerable<Operation> PyannoteOperations() =>
    [
        new("pyannoteAI", "DiarizeAsync", (c, a) => c.Pyannote.DiarizeAsync(a), "audio"),
        new("pyannoteAI", "UploadAsync", (c, a) => c.Pyannote.UploadAsync(a), "audio"),
        new("pyannoteAI", "StartVoiceprintAsync", (c, a) => c.Pyannote.StartVoiceprintAsync(a), "audio"),
    ];
}
