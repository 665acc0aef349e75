using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Tests;

/// <summary>The rows and clients vendor-neutral matrix tests take for this vendor (see <see cref="TestVendor"/>).</summary>
internal sealed class PyannoteTestVendor : TestVendor
{
    public override SpeechVendor Vendor => SpeechVendor.Pyannote;

    public override string DisplayName => "pyannoteAI";

    public override string Section => "Pyannote";

    public override Type ClientType => typeof(PyannoteClient);

    public override string GeneratedFolder => "PyannoteAI";

    public override System.Text.Json.JsonSerializerOptions GeneratedJsonOptions => Sdk.Generated.PyannoteAI.PyannoteAIGeneratedClient.SharedSettings;

    public override string ApiKeyVariable => "PYANNOTE_API_KEY";

    public override object CreateClient(string apiKey) => new PyannoteClient(apiKey);

    public override ISpeechClient CreateClient(SpeechEmulator emulator, Action<SpeechClientOptions>? configure = null)
    {
        var options = new PyannoteClientOptions { Endpoint = emulator.PyannoteEndpoint };
        configure?.Invoke(options);
        return new PyannoteClient(emulator.ApiKey, options);
    }

    public override object CreateClient(string apiKey, HttpMessageHandler transport) => new PyannoteClient(apiKey, new PyannoteClientOptions { Transport = transport });

    public override IEnumerable<Type> JobTypes => [typeof(DiarizationJob)];

    public override IEnumerable<Type> ExtensibleEnums => [typeof(PyannoteModel), typeof(PyannoteTranscriptionModel)];
}

/// <summary>Typed access to this vendor's client in vendor-neutral tests.</summary>
internal static class PyannoteTestClients
{
    extension(VendorClients clients)
    {
        public PyannoteClient Pyannote => clients.Get<PyannoteClient>();
    }
}
