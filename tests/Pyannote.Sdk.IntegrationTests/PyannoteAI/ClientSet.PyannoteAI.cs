using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

internal sealed partial class ClientSet
{
    public PyannoteClient Pyannote { get; private set; } = null!;

    [VendorRows]
    private void CreatePyannote() => Pyannote = new PyannoteClient(_emulator.ApiKey, Configure(new PyannoteClientOptions { Endpoint = _emulator.PyannoteEndpoint }));
}
