using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests;

/// <summary>The rows and clients vendor-neutral matrix tests take for this vendor (see <see cref="TestVendor"/>).</summary>
internal sealed class TogetherTestVendor : TestVendor
{
    public override SpeechVendor Vendor => SpeechVendor.Together;

    public override string ApiKeyVariable => "TOGETHER_API_KEY";

    public override object CreateClient(string apiKey) => new TogetherClient(apiKey);

    public override object CreateClient(string apiKey, HttpMessageHandler transport) => new TogetherClient(apiKey, new TogetherClientOptions { Transport = transport });
}

/// <summary>Typed access to this vendor's client in vendor-neutral tests.</summary>
internal static class TogetherTestClients
{
    extension(VendorClients clients)
    {
        public TogetherClient Together => clients.Get<TogetherClient>();
    }
}
