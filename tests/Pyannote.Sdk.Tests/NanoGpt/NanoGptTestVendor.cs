using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.Tests;

/// <summary>The rows and clients vendor-neutral matrix tests take for this vendor (see <see cref="TestVendor"/>).</summary>
internal sealed class NanoGptTestVendor : TestVendor
{
    public override SpeechVendor Vendor => SpeechVendor.NanoGpt;

    public override string DisplayName => "NanoGPT";

    public override string Section => "NanoGpt";

    public override Type ClientType => typeof(NanoGptClient);

    public override string GeneratedFolder => "NanoGpt";

    public override System.Text.Json.JsonSerializerOptions GeneratedJsonOptions => Sdk.Generated.NanoGpt.NanoGptGeneratedClient.SerializerOptions;

    public override string ApiKeyVariable => "NANOGPT_API_KEY";

    public override object CreateClient(string apiKey) => new NanoGptClient(apiKey);

    public override ISpeechClient CreateClient(SpeechEmulator emulator, Action<SpeechClientOptions>? configure = null)
    {
        var options = new NanoGptClientOptions { Endpoint = emulator.NanoGptEndpoint };
        configure?.Invoke(options);
        return new NanoGptClient(emulator.ApiKey, options);
    }

    public override object CreateClient(string apiKey, HttpMessageHandler transport) => new NanoGptClient(apiKey, new NanoGptClientOptions { Transport = transport });

    public override IEnumerable<Type> JobTypes => [typeof(NanoGptTranscriptionJob)];

    public override IEnumerable<Type> ExtensibleEnums => [typeof(NanoGptModel)];
}

/// <summary>Typed access to this vendor's client in vendor-neutral tests.</summary>
internal static class NanoGptTestClients
{
    extension(VendorClients clients)
    {
        public NanoGptClient NanoGpt => clients.Get<NanoGptClient>();
    }
}
