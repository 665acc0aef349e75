using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Tests.Transcripts;

public sealed partial class SpeakerLabelTests
{
    [VendorRows]
    private static IEnumerable<VendorTranscript> PyannoteTranscript() =>
    [
        new(
            SpeechVendor.Pyannote,
            t => Assert.IsType<DiarizationResult>(t.RawRepresentation),
            PlaceholderWords: true),
    ];
}
