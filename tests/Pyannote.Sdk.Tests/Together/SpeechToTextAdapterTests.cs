using Microsoft.Extensions.AI;
using Pyannote.Sdk.Extensions.AI;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.ExtensionsAI;

public class SpeechToTextAdapterTests
{
    private sealed class RecordingClient : ISpeechClient
    {
        public AudioInput? Audio { get; private set; }

        public TranscriptionOptions? Options { get; private set; }

        public SpeechVendor Vendor => SpeechVendor.Together;

        public Task<Transcript> TranscribeAsync(AudioInput audio, TranscriptionOptions? options = null, CancellationToken cancellationToken = default)
        {
            Audio = audio;
            Options = options;
            var words = new[]
            {
                new TranscriptWord("Hello", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.9), "SPEAKER_00"),
                new TranscriptWord("there.", TimeSpan.FromSeconds(1.0), TimeSpan.FromSeconds(1.4), "SPEAKER_00"),
                new TranscriptWord("Hi!", TimeSpan.FromSeconds(2.0), TimeSpan.FromSeconds(2.3), "SPEAKER_01"),
            };
            return Task.FromResult(new Transcript(words) { Model = "openai/whisper-large-v3", Vendor = SpeechVendor.Together, Duration = TimeSpan.FromSeconds(3) });
        }
    }

    [Fact]
    public async Task GetTextAsync_returns_text_with_the_transcript_as_raw_representation()
    {
        var inner = new RecordingClient();
        using var client = inner.AsISpeechToTextClient();

        var response = await client.GetTextAsync(new MemoryStream([1, 2, 3]));

        Assert.Equal("Hello there. Hi!", response.Text);
        var transcript = Assert.IsType<Transcript>(response.RawRepresentation);
        Assert.Equal(new[] { "SPEAKER_00", "SPEAKER_01" }, transcript.Speakers);
        Assert.Equal("openai/whisper-large-v3", response.ModelId);
        Assert.Equal(TimeSpan.FromSeconds(0.5), response.StartTime);
        Assert.Equal(TimeSpan.FromSeconds(3), response.EndTime);
        Assert.Equal("audio.wav", inner.Audio!.FileName);
    }

    [Fact]
    public async Task Language_model_and_vendor_specific_options_map_onto_TranscriptionOptions()
    {
        var inner = new RecordingClient();
        using var client = inner.AsISpeechToTextClient();
        var options = new SpeechToTextOptions
        {
            SpeechLanguage = "fr",
            ModelId = "nvidia/parakeet-tdt-0.6b-v3",
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                ["diarize"] = true,
                ["MinSpeakers"] = 2,
                ["maxSpeakers"] = "4",
                ["fileName"] = "call.mp3",
            },
        };

        await client.GetTextAsync(new MemoryStream([1]), options);

        Assert.Equal("fr", inner.Options!.Language);
        Assert.Equal("nvidia/parakeet-tdt-0.6b-v3", inner.Options.Model);
        Assert.True(inner.Options.Diarize);
        Assert.Equal(2, inner.Options.MinSpeakers);
        Assert.Equal(4, inner.Options.MaxSpeakers);
        Assert.Null(inner.Options.NumSpeakers);
        Assert.Equal("call.mp3", inner.Audio!.FileName);
        Assert.Equal("audio/mpeg", inner.Audio.ContentType);
    }

    [Fact]
    public async Task RawRepresentationFactory_supplies_the_SDK_options_and_common_options_override_them()
    {
        var inner = new RecordingClient();
        using var client = inner.AsISpeechToTextClient();
        var options = new SpeechToTextOptions
        {
            SpeechLanguage = "de",
            RawRepresentationFactory = _ => new TranscriptionOptions { NumSpeakers = 3, Language = "en", WordTimestamps = false },
        };

        await client.GetTextAsync(new MemoryStream([1]), options);

        Assert.Equal(3, inner.Options!.NumSpeakers);
        Assert.Equal("de", inner.Options.Language);
        Assert.False(inner.Options.WordTimestamps);
    }

    [Fact]
    public async Task A_malformed_vendor_option_is_rejected_naming_the_key()
    {
        using var client = new RecordingClient().AsISpeechToTextClient();
        var options = new SpeechToTextOptions { AdditionalProperties = new AdditionalPropertiesDictionary { ["numSpeakers"] = "two" } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetTextAsync(new MemoryStream([1]), options));
        Assert.Contains("numSpeakers", ex.Message);
    }

    [Fact]
    public async Task Streaming_yields_one_update_per_speaker_turn_with_times_and_speaker()
    {
        using var client = new RecordingClient().AsISpeechToTextClient();

        var updates = new List<SpeechToTextResponseUpdate>();
        await foreach (var u in client.GetStreamingTextAsync(new MemoryStream([1])))
        {
            updates.Add(u);
        }

        Assert.Equal(2, updates.Count);
        Assert.Equal("Hello there.", updates[0].Text);
        Assert.Equal("SPEAKER_00", updates[0].AdditionalProperties!["speaker"]);
        Assert.Equal(TimeSpan.FromSeconds(0.5), updates[0].StartTime);
        Assert.Equal(TimeSpan.FromSeconds(1.4), updates[0].EndTime);
        Assert.Equal("Hi!", updates[1].Text);
        Assert.Equal("SPEAKER_01", updates[1].AdditionalProperties!["speaker"]);
        Assert.All(updates, u => Assert.Equal(SpeechToTextResponseUpdateKind.TextUpdated, u.Kind));
        Assert.IsType<SpeakerTurn>(updates[1].RawRepresentation);
    }

    [Fact]
    public void GetService_returns_the_vendor_client_and_metadata()
    {
        var inner = new RecordingClient();
        using var client = inner.AsISpeechToTextClient();

        Assert.Same(inner, client.GetService<ISpeechClient>());
        Assert.Same(inner, client.GetService(typeof(RecordingClient)));
        Assert.Equal("together", client.GetService<SpeechToTextClientMetadata>()!.ProviderName);
        Assert.Same(client, client.GetService<ISpeechToTextClient>());
        Assert.Null(client.GetService<ISpeechClient>("some-key"));
    }
}
