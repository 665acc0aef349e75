using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Tests.Transcripts;

public sealed partial class SpeakerLabelTests
{
    [VendorRows]
    private static IEnumerable<VendorTranscript> JigsawStackTranscript() =>
    [
        new(
            SpeechVendor.JigsawStack,
            t => Assert.IsType<JigsawStackTranscription>(t.RawRepresentation),
            PlaceholderWords: false),
    ];
}
