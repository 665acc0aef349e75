using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.Tests;

/// <summary>The rows and clients vendor-neutral matrix tests take for this vendor (see <see cref="TestVendor"/>).</summary>
internal sealed class NanoGptTestVendor : TestVendor
{
    public override SpeechVendor Vendor => SpeechVendor.NanoGpt;

    public override string ApiKeyVariable => "NANOGPT_API_KEY";

    public override object CreateClient(string apiKey) => new NanoGptClient(apiKey);

    public override object CreateClient(string apiKey, HttpMessageHandler transport) => new NanoGptClient(apiKey, new NanoGptClientOptions { Transport = transport });
}

/// <summary>Typed access to this vendor's client in vendor-neutral tests.</summary>
internal static class NanoGptTestClients
{
    extension(VendorClients clients)
    {
        public NanoGptClient NanoGpt => clients.Get<NanoGptClient>();
    }
}
