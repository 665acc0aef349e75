using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.IntegrationTests.RealHosts;

public sealed partial class RedirectTests
{
    [VendorRows]
    private static IEnumerable<(string Vendor, Func<SpeechClientOptionsSetter, Task> Call)> NanoGptCall() =>
        [("nanogpt", async o => await new NanoGptClient(Key, o.Apply(new NanoGptClientOptions())).TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav")))];
}
