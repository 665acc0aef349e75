using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.Transcripts;

public sealed partial class SpeakerLabelTests
{
    [VendorRows]
    private static IEnumerable<VendorTranscript> TogetherTranscript() =>
    [
        new(
            SpeechVendor.Together,
            t =>
            {
                Assert.IsType<TogetherTranscription>(t.RawRepresentation);
                Assert.False(string.IsNullOrEmpty(t.Language));
                Assert.True(t.Duration > TimeSpan.Zero);
            },
            PlaceholderWords: true),
    ];
}
