using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.IntegrationTests.RealHosts;

public sealed partial class RedirectTests
{
    [VendorRows]
    private static IEnumerable<(string Vendor, Func<SpeechClientOptionsSetter, Task> Call)> JigsawStackCall() =>
        [("jigsawstack", async o => await new JigsawStackClient(Key, o.Apply(new JigsawStackClientOptions())).CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav")))];
}
