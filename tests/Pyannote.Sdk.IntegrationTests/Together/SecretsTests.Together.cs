using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

public sealed partial class SecretsTests
{
    [VendorRows]
    private static async Task TogetherSecretsAsync(Run run)
    {
        run.Sink.Add(new TogetherClient(Secrets.ApiKey).ToString());
        await Task.CompletedTask;
    }
}
