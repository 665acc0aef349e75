using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.Transcripts;

/// <summary>
/// One speaker-label scheme for every vendor through <see cref="ISpeechClient.TranscribeAsync"/> (SPEAKER_00, SPEAKER_01,
/// … in order of first appearance), the vendor's labels kept in <see cref="Transcript.VendorSpeakerLabels"/>, switchable
/// off; and a complete <see cref="Transcript"/> (raw representation, language, duration) from every vendor.
/// </summary>
public sealed partial class SpeakerLabelTests : IAsyncLifetime
{
    private SpeechEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await SpeechEmulator.StartAsync(SpeechEmulatorOptions.ForTests());

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public static TheoryData<SpeechVendor> Vendors() => new(Enum.GetValues<SpeechVendor>());

    private ISpeechClient Client(SpeechVendor vendor) => TestVendor.For(vendor).CreateClient(_emulator, options =>
    {
        options.JobWait.InitialDelay = TimeSpan.FromMilliseconds(20);
        options.JobWait.MaxPollInterval = TimeSpan.FromMilliseconds(100);
    });

    /// <summary>Per vendor (its folder): what its transcript carries as raw representation, language and duration, and
    /// whether its emulated words are placeholders without a sidecar.</summary>
    private sealed record VendorTranscript(SpeechVendor Vendor, Action<Transcript> CheckRaw, bool PlaceholderWords);

    private static readonly Dictionary<SpeechVendor, VendorTranscript> Expectations =
        VendorRows.Of<VendorTranscript>(typeof(SpeakerLabelTests)).ToDictionary(v => v.Vendor);

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
        Expectations[vendor].CheckRaw(transcript);
    }

    public static TheoryData<SpeechVendor, bool> VendorsAndSources()
    {
        var data = new TheoryData<SpeechVendor, bool>();
        foreach (var v in Expectations.Values.Where(e => e.PlaceholderWords).Select(e => e.Vendor).Order())
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
