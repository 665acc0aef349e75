using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.IntegrationTests.RealHosts;

public sealed partial class RedirectTests
{
    [VendorRows]
    private static IEnumerable<(string Vendor, Func<SpeechClientOptionsSetter, Task> Call)> PyannoteCall() =>
        [("pyannote", async o => await new PyannoteClient(Key, o.Apply(new PyannoteClientOptions())).DiarizeAsync(AudioInput.FromUrl("https://example.com/a.wav")))];
}
