using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

internal sealed partial class ClientSet
{
    public NanoGptClient NanoGpt { get; private set; } = null!;

    [VendorRows]
    private void CreateNanoGpt() => NanoGpt = new NanoGptClient(_emulator.ApiKey, Configure(new NanoGptClientOptions { Endpoint = _emulator.NanoGptEndpoint }));
}
