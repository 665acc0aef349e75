using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

internal sealed partial class ClientSet
{
    public TogetherClient Together { get; private set; } = null!;

    [VendorRows]
    private void CreateTogether() => Together = new TogetherClient(_emulator.ApiKey, Configure(new TogetherClientOptions { Endpoint = _emulator.TogetherEndpoint }));
}
