using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.Transcripts;

/// <summary>
/// One speaker-label scheme for every vendor through <see cref="ISpeechClient.TranscribeAsync"/> (SPEAKER_00, SPEAKER_01,
/// … in order of first appearance), the vendor's labels kept in <see cref="Transcript.VendorSpeakerLabels"/>, switchable
/// off; and a complete <see cref="Transcript"/> (raw representation, language, duration) from every vendor.
/// </summary>
public sealed class SpeakerLabelTests : IAsyncLifetime
{
    private SpeechEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await SpeechEmulator.StartAsync(SpeechEmulatorOptions.ForTests());

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

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

    public static TheoryData<SpeechVendor> Vendors() => new(Enum.GetValues<SpeechVendor>());

    private ISpeechClient Client(SpeechVendor vendor)
    {
        static T Fast<T>(T options, Uri endpoint)
            where T : SpeechClientOptions
        {
            options.Endpoint = endpoint;
            options.JobWait.InitialDelay = TimeSpan.FromMilliseconds(20);
            options.JobWait.MaxPollInterval = TimeSpan.FromMilliseconds(100);
            return options;
        }

        return vendor switch
        {
            SpeechVendor.Pyannote => new PyannoteClient(_emulator.ApiKey, Fast(new PyannoteClientOptions(), _emulator.PyannoteEndpoint)),
            SpeechVendor.Together => new TogetherClient(_emulator.ApiKey, Fast(new TogetherClientOptions(), _emulator.TogetherEndpoint)),
            SpeechVendor.JigsawStack => new JigsawStackClient(_emulator.ApiKey, Fast(new JigsawStackClientOptions(), _emulator.JigsawStackEndpoint)),
            _ => new NanoGptClient(_emulator.ApiKey, Fast(new NanoGptClientOptions(), _emulator.NanoGptEndpoint)),
        };
    }

    private static AudioInput Audio() => AudioInput.FromFile(RepoPaths.Combine("samples", "audio", "conversation.wav"));

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task TranscribeAsync_labels_speakers_the_same_way_for_every_vendor_and_keeps_the_vendor_labels(SpeechVendor vendor)
    {
        var client = Client(vendor);

        var normalized = await client.TranscribeAsync(Audio());
        var asVendor = await client.TranscribeAsync(Audio(), new TranscriptionOptions { NormalizeSpeakerLabels = false });

        Assert.Equal(2, normalized.Speakers.Count);
        Assert.Equal(["SPEAKER_00", "SPEAKER_01"], normalized.Speakers);
        Assert.All(normalized.Turns, t => Assert.Contains(t.Speaker, normalized.Speakers));
        Assert.All(normalized.Words.Where(w => w.Speaker is not null), w => Assert.Contains(w.Speaker, normalized.Speakers));

        // The vendor's own labels: kept in the map, and in the transcript itself when normalisation is off.
        Assert.Equal(asVendor.Speakers, normalized.Speakers.Select(s => normalized.VendorSpeakerLabels[s]));
        Assert.Empty(asVendor.VendorSpeakerLabels);
        Assert.Equal(asVendor.Turns.Select(t => (t.Start, t.End, t.Text)), normalized.Turns.Select(t => (t.Start, t.End, t.Text)));
        Assert.Equal(
            asVendor.Turns.Select(t => t.Speaker),
            normalized.Turns.Select(t => t.Speaker is null ? null : normalized.VendorSpeakerLabels[t.Speaker]));
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task Every_vendor_fills_the_raw_representation_and_what_it_reports_of_language_and_duration(SpeechVendor vendor)
    {
        var transcript = await Client(vendor).TranscribeAsync(Audio());

        Assert.Equal(vendor, transcript.Vendor);
        Assert.NotNull(transcript.RawRepresentation);
        switch (vendor)
        {
            case SpeechVendor.Pyannote:
                Assert.IsType<DiarizationResult>(transcript.RawRepresentation);
                break;
            case SpeechVendor.Together:
                Assert.IsType<TogetherTranscription>(transcript.RawRepresentation);
                Assert.False(string.IsNullOrEmpty(transcript.Language));
                Assert.True(transcript.Duration > TimeSpan.Zero);
                break;
            case SpeechVendor.JigsawStack:
                Assert.IsType<JigsawStackTranscription>(transcript.RawRepresentation);
                break;
            case SpeechVendor.NanoGpt:
                // Raw tokens and cost are reachable through ISpeechClient.
                var raw = Assert.IsType<NanoGptTranscription>(transcript.RawRepresentation);
                Assert.NotEmpty(raw.Tokens);
                Assert.NotNull(raw.Metadata.Cost);
                Assert.Equal(raw.Metadata.Language, transcript.Language);
                Assert.Equal(raw.Metadata.ActualDuration, transcript.Duration);
                break;
        }
    }

    public static TheoryData<SpeechVendor, bool> VendorsAndSources()
    {
        var data = new TheoryData<SpeechVendor, bool>();
        foreach (var v in new[] { SpeechVendor.Pyannote, SpeechVendor.Together, SpeechVendor.NanoGpt })
        {
            data.Add(v, true);
            data.Add(v, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VendorsAndSources))]
    public async Task Without_a_sidecar_the_emulator_words_read_as_placeholders_and_never_repeat_across_turns(SpeechVendor vendor, bool localFile)
    {
        // A copy of the sample without its sidecar transcript (the emulator detects speech by energy), or a URL it cannot fetch.
        var dir = Directory.CreateTempSubdirectory("pyannote-sdk-nosidecar-");
        try
        {
            var copy = Path.Combine(dir.FullName, "no-sidecar.wav");
            File.Copy(RepoPaths.Combine("samples", "audio", "conversation.wav"), copy);
            var audio = localFile ? AudioInput.FromFile(copy) : AudioInput.FromUrl("https://example.com/unknown-meeting.wav");

            var transcript = await Client(vendor).TranscribeAsync(audio);

            Assert.NotEmpty(transcript.Words);
            Assert.All(transcript.Words, w => Assert.Matches(@"^\[word-\d+\]$", w.Text));
            Assert.Equal(transcript.Words.Count, transcript.Words.Select(w => w.Text).Distinct().Count());
            Assert.True(transcript.Turns.Count >= 2, $"{transcript.Turns.Count} turns");
            for (var i = 1; i < transcript.Turns.Count; i++)
            {
                Assert.Empty(transcript.Turns[i - 1].Words.Select(w => w.Text).Intersect(transcript.Turns[i].Words.Select(w => w.Text)));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
