using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.Transcripts;

public sealed partial class SpeakerLabelTests
{
    [VendorRows]
    private static IEnumerable<VendorTranscript> NanoGptTranscript() =>
    [
        new(
            SpeechVendor.NanoGpt,
            t =>
            {
                // Raw tokens and cost are reachable through ISpeechClient.
                var raw = Assert.IsType<NanoGptTranscription>(t.RawRepresentation);
                Assert.NotEmpty(raw.Tokens);
                Assert.NotNull(raw.Metadata.Cost);
                Assert.Equal(raw.Metadata.Language, t.Language);
                Assert.Equal(raw.Metadata.ActualDuration, t.Duration);
            },
            PlaceholderWords: true),
    ];

    [Fact]
    public void Normalize_relabels_in_order_of_first_appearance_and_keeps_everything_else()
    {
        var hi = new TranscriptWord("Hi,", TimeSpan.FromSeconds(0), TimeSpan.FromSeconds(0.4), "Speaker 2");
        var bob = new TranscriptWord("Bob.", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.9), "Speaker 2");
        var hello = new TranscriptWord("Hello!", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.0), "Speaker 1");
        var unknown = new TranscriptWord("hm", TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(2.6));
        var raw = new object();
        var original = new Transcript(
            [hi, bob, hello, unknown],
            [
                new SpeakerTurn("Speaker 2", TimeSpan.Zero, TimeSpan.FromSeconds(1), "Hi, Bob.", [hi, bob]),
                new SpeakerTurn("Speaker 1", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2), "Hello!", [hello]),
                new SpeakerTurn(null, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(2.6), "hm", [unknown]),
            ])
        {
            Language = "en",
            Duration = TimeSpan.FromSeconds(3),
            Vendor = SpeechVendor.NanoGpt,
            Model = "Elevenlabs-STT",
            Warnings = ["w"],
            RawRepresentation = raw,
            Text = "Speaker 2: Hi, Bob. Speaker 1: Hello! hm",
        };

        var normalized = SpeakerLabels.Normalize(original);

        Assert.Equal(["SPEAKER_00", "SPEAKER_01"], normalized.Speakers);
        Assert.Equal(["SPEAKER_00", "SPEAKER_00", "SPEAKER_01", null], normalized.Words.Select(w => w.Speaker));
        Assert.Equal(["SPEAKER_00", "SPEAKER_01", null], normalized.Turns.Select(t => t.Speaker));
        Assert.Equal(new Dictionary<string, string> { ["SPEAKER_00"] = "Speaker 2", ["SPEAKER_01"] = "Speaker 1" }, normalized.VendorSpeakerLabels);
        Assert.Equal(original.Words.Select(w => (w.Text, w.Start, w.End)), normalized.Words.Select(w => (w.Text, w.Start, w.End)));
        Assert.Equal(original.Turns.Select(t => t.Text), normalized.Turns.Select(t => t.Text));
        Assert.Same(normalized.Words[0], normalized.Turns[0].Words[0]);
        Assert.Same(normalized.Words[2], normalized.Turns[1].Words[0]);
        Assert.Equal(original.Text, normalized.Text);
        Assert.Equal("en", normalized.Language);
        Assert.Equal(TimeSpan.FromSeconds(3), normalized.Duration);
        Assert.Equal(SpeechVendor.NanoGpt, normalized.Vendor);
        Assert.Equal("Elevenlabs-STT", normalized.Model);
        Assert.Equal(["w"], normalized.Warnings);
        Assert.Same(raw, normalized.RawRepresentation);

        // The original is untouched, and a transcript without speakers comes back as it is.
        Assert.Equal(["Speaker 2", "Speaker 1"], original.Speakers);
        Assert.Empty(original.VendorSpeakerLabels);
        Assert.Same(Transcript.Empty, SpeakerLabels.Normalize(Transcript.Empty));
    }
}
