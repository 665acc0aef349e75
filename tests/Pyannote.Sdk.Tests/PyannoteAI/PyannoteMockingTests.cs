using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.PyannoteAI;

public class PyannoteMockingTests
{
    private sealed class FakeClient : PyannoteClient
    {
        public override Task<DiarizationResult> DiarizeAsync(AudioInput audio, DiarizationOptions? options = null, SpeechRequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(PyannoteModelFactory.DiarizationResult(
                new[] { new DiarizationSegment("SPEAKER_00", TimeSpan.Zero, TimeSpan.FromSeconds(1)) },
                confidence: PyannoteModelFactory.DiarizationConfidence(new[] { 90.0 }, TimeSpan.FromMilliseconds(20))));
    }

    [Fact]
    public async Task The_client_can_be_replaced_by_a_subclass_returning_factory_results()
    {
        PyannoteClient client = new FakeClient();

        var result = await client.DiarizeAsync(AudioInput.FromUrl("https://example.com/a.wav"));

        Assert.Equal(SpeechVendor.Pyannote, client.Vendor);
        Assert.Equal("SPEAKER_00", Assert.Single(result.Diarization).Speaker);
        Assert.Equal(90.0, Assert.Single(result.Confidence!.Scores));
        var identified = PyannoteModelFactory.IdentificationResult(
            Array.Empty<DiarizationSegment>(),
            new[] { PyannoteModelFactory.IdentifiedSegment("SPEAKER_00", "Sam", TimeSpan.Zero, TimeSpan.FromSeconds(2)) },
            new[] { PyannoteModelFactory.VoiceprintMatch("SPEAKER_00", "Sam", new Dictionary<string, double> { ["Sam"] = 88 }) });
        Assert.Equal("Sam", identified.Identification[0].Speaker);
    }
}
