using Pyannote.Sdk.NanoGpt;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

public sealed partial class SecretsTests
{
    [VendorRows]
    private static async Task NanoGptSecretsAsync(Run run)
    {
        var sink = run.Sink;
        sink.Add(new NanoGptClient(Secrets.ApiKey).ToString());
        var nanoStart = await run.Clients.NanoGpt.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt });
        sink.Add(nanoStart.ToString());
        sink.Add(nanoStart.Job?.ToString());
    }
}
