using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests;

/// <summary>The rows and clients vendor-neutral matrix tests take for this vendor (see <see cref="TestVendor"/>).</summary>
internal sealed class JigsawStackTestVendor : TestVendor
{
    public override SpeechVendor Vendor => SpeechVendor.JigsawStack;

    public override string ApiKeyVariable => "JIGSAWSTACK_API_KEY";

    public override object CreateClient(string apiKey) => new JigsawStackClient(apiKey);

    public override object CreateClient(string apiKey, HttpMessageHandler transport) => new JigsawStackClient(apiKey, new JigsawStackClientOptions { Transport = transport });
}

/// <summary>Typed access to this vendor's client in vendor-neutral tests.</summary>
internal static class JigsawStackTestClients
{
    extension(VendorClients clients)
    {
        public JigsawStackClient JigsawStack => clients.Get<JigsawStackClient>();
    }
}
