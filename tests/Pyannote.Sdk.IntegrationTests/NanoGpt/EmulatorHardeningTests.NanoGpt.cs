namespace Pyannote.Sdk.IntegrationTests.Emulator;

public partial class EmulatorHardeningTests
{
    [VendorRows]
    private static IEnumerable<(string Vendor, string Path)> NanoGptQueryKeyPaths() => [("nanogpt", "api/transcribe")];
}
