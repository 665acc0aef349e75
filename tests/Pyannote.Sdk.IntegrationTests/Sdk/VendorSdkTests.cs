namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>Together AI, JigsawStack and NanoGPT end to end through the real clients over loopback HTTP.</summary>
public sealed partial class VendorSdkTests
{
    private const string RemoteUrl = "https://example.com/recordings/call.wav";
}
