using Pyannote.Sdk.Together;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class VendorSdkTests
{
    [Fact]
    public async Task Together_transcription_json_verbose_json_and_diarize_from_an_upload()
    {
        await using var emulator = await StartAsync();
        var client = NewTogether(emulator);
        var audio = AudioInput.FromFile(ConversationWav);

        var plain = await client.CreateTranscriptionAsync(audio, new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.Json });
        Assert.Equal(Expected.Words, NormalizedWords(plain.Text));
        Assert.Empty(plain.Words);

        var verbose = await client.CreateTranscriptionAsync(audio, new TogetherTranscriptionOptions
        {
            ResponseFormat = TogetherResponseFormat.VerboseJson,
            TimestampGranularities = TogetherTimestampGranularities.Word | TogetherTimestampGranularities.Segment,
            Language = "en",
        });
        Assert.Equal(Expected.Words, verbose.Words.Select(w => Normalize(w.Word)).ToArray());
        Assert.NotEmpty(verbose.Segments);
        Assert.Equal(Expected.Duration, verbose.Duration!.Value.TotalSeconds, 2);
        Assert.StartsWith("emulated-", verbose.Id);

        var diarized = await client.CreateTranscriptionAsync(audio, new TogetherTranscriptionOptions
        {
            ResponseFormat = TogetherResponseFormat.VerboseJson,
            TimestampGranularities = TogetherTimestampGranularities.Word,
            Diarize = true,
            MinSpeakers = 1,
            MaxSpeakers = 3,
        });
        Assert.Equal(8, diarized.SpeakerSegments.Count);
        Assert.Equal(2, diarized.Words.Select(w => w.SpeakerId).Distinct().Count());
        AssertConversation(diarized.ToTranscript());

        // The vendor-neutral call asks for the same (diarize, word timestamps).
        var transcript = await ((ISpeechClient)client).TranscribeAsync(audio);
        AssertConversation(transcript);
        Assert.Equal(SpeechVendor.Together, transcript.Vendor);
        Assert.Equal(4, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 4));
    }

    [Fact]
    public async Task Together_translation_and_url_input()
    {
        await using var emulator = await StartAsync();
        var client = NewTogether(emulator);

        var translated = await client.CreateTranslationAsync(AudioInput.FromFile(ConversationWav), new TogetherTranslationOptions
        {
            ResponseFormat = TogetherResponseFormat.VerboseJson,
            TimestampGranularities = TogetherTimestampGranularities.Segment,
        });
        Assert.Equal(Expected.Words, NormalizedWords(translated.Text));
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/translations", "POST", 1));

        // A URL the emulator cannot read gets its deterministic synthetic two-speaker conversation.
        var fromUrl = await client.TranscribeAsync(AudioInput.FromUrl(RemoteUrl));
        Assert.Equal(2, fromUrl.Speakers.Count);
        Assert.NotEmpty(fromUrl.Words);
        var again = await client.TranscribeAsync(AudioInput.FromUrl(RemoteUrl));
        Assert.Equal(fromUrl.Text, again.Text);
    }
}
