using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.IntegrationTests.RealHosts;

public sealed partial class RedirectTests
{
    [VendorRows]
    private static IEnumerable<(string Vendor, Func<SpeechClientOptionsSetter, Task> Call)> TogetherCall() =>
        [("together", async o => await new TogetherClient(Key, o.Apply(new TogetherClientOptions())).CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav")))];
}
