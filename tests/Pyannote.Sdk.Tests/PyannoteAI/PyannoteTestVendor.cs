using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Tests;

/// <summary>The rows and clients vendor-neutral matrix tests take for this vendor (see <see cref="TestVendor"/>).</summary>
internal sealed class PyannoteTestVendor : TestVendor
{
    public override SpeechVendor Vendor => SpeechVendor.Pyannote;

    public override string ApiKeyVariable => "PYANNOTE_API_KEY";

    public override object CreateClient(string apiKey) => new PyannoteClient(apiKey);

    public override object CreateClient(string apiKey, HttpMessageHandler transport) => new PyannoteClient(apiKey, new PyannoteClientOptions { Transport = transport });
}

/// <summary>Typed access to this vendor's client in vendor-neutral tests.</summary>
internal static class PyannoteTestClients
{
    extension(VendorClients clients)
    {
        public PyannoteClient Pyannote => clients.Get<PyannoteClient>();
    }
}
