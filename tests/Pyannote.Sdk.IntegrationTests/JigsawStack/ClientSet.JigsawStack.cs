using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

internal sealed partial class ClientSet
{
    public JigsawStackClient JigsawStack { get; private set; } = null!;

    [VendorRows]
    private void CreateJigsawStack() => JigsawStack = new JigsawStackClient(_emulator.ApiKey, Configure(new JigsawStackClientOptions { Endpoint = _emulator.JigsawStackEndpoint }));
}
