using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.Reliability;

public sealed partial class FuzzTests
{
    [VendorRows]
    private static IEnumerable<Target> TogetherTargets()
    {
        var together = new StubTransport();
        var togetherClient = new TogetherClient(ReliabilityData.ApiKey, new TogetherClientOptions { Transport = together, Retry = { MaxRetries = 0 } });
        yield return new Target("Together transcription (client path)", SeedFiles("together"), async bytes =>
        {
            together.Body = bytes;
            var t = await togetherClient.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav"), new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.VerboseJson, Diarize = true });
            _ = t.ToTranscript().ToString();
        }, Format);
    }
}
