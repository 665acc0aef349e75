using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests;

/// <summary>The rows and clients vendor-neutral matrix tests take for this vendor (see <see cref="TestVendor"/>).</summary>
internal sealed class TogetherTestVendor : TestVendor
{
    public override SpeechVendor Vendor => SpeechVendor.Together;

    public override string DisplayName => "Together AI";

    public override string Section => "Together";

    public override Type ClientType => typeof(TogetherClient);

    public override string GeneratedFolder => "Together";

    public override System.Text.Json.JsonSerializerOptions GeneratedJsonOptions => Sdk.Generated.Together.TogetherGeneratedClient.Json;

    public override string ApiKeyVariable => "TOGETHER_API_KEY";

    public override object CreateClient(string apiKey) => new TogetherClient(apiKey);

    public override ISpeechClient CreateClient(SpeechEmulator emulator, Action<SpeechClientOptions>? configure = null)
    {
        var options = new TogetherClientOptions { Endpoint = emulator.TogetherEndpoint };
        configure?.Invoke(options);
        return new TogetherClient(emulator.ApiKey, options);
    }

    public override object CreateClient(string apiKey, HttpMessageHandler transport) => new TogetherClient(apiKey, new TogetherClientOptions { Transport = transport });

    public override IEnumerable<Type> ExtensibleEnums => [typeof(TogetherModel)];
}

/// <summary>Typed access to this vendor's client in vendor-neutral tests.</summary>
internal static class TogetherTestClients
{
    extension(VendorClients clients)
    {
        public TogetherClient Together => clients.Get<TogetherClient>();
    }
}
