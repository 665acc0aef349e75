using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>The 2026 vendor options end to end: the real clients against the emulator over loopback HTTP.</summary>
public sealed class VendorOptionsSdkTests
{
    [Fact]
    public async Task Pyannote_diarize_returns_speech_crosstalk_and_speaker_scores_on_the_20ms_axis()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);

        var result = await client.DiarizeAsync(AudioInput.FromFile(ConversationWav), new DiarizationOptions
        {
            SpeechProbability = true,
            CrosstalkProbability = true,
            SpeakerProbability = true,
            VadSensitivity = 2,
            CrosstalkSensitivity = -1,
        });

        var first = result.Diarization[0];
        var middle = first.Start + ((first.End - first.Start) / 2);
        Assert.Equal(TimeSpan.FromMilliseconds(20), result.SpeechProbability!.Resolution);
        Assert.True(result.SpeechProbability.ScoreAt(middle) > 50);
        Assert.True(result.CrosstalkProbability!.ScoreAt(middle) < 50);
        Assert.True(result.SpeakerProbability!.ScoreAt(first.Speaker, middle) > 50);
        var other = result.SpeakerProbability.Speakers.Keys.Single(k => k != first.Speaker);
        Assert.True(result.SpeakerProbability.ScoreAt(other, middle) < 50);
        Assert.Equal(result.SpeechProbability.Scores.Count, result.SpeakerProbability.Speakers[other].Scores.Count);
    }

    [Fact]
    public async Task Pyannote_identify_keys_speaker_scores_by_diarization_label()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);
        var options = new IdentificationOptions { SpeakerProbability = true };
        options.Voiceprints.Add(new PyannoteVoiceprint("Alice", "dm9pY2U="));

        var result = await client.IdentifyAsync(AudioInput.FromFile(ConversationWav), options);

        Assert.All(result.SpeakerProbability!.Speakers.Keys, k => Assert.StartsWith("SPEAKER_", k, StringComparison.Ordinal));
        Assert.Null(result.SpeechProbability);
    }

    [Fact]
    public async Task Together_without_a_language_asks_for_auto_detection_and_gets_the_audio_language()
    {
        // A French sidecar for a copy of the sample: the emulator, like Together's schema, decodes a request without a
        // language as English, and detects the language only when asked for "auto".
        using var library = new TempLibrary("fr");
        await using var emulator = await StartAsync(o =>
        {
            o.AudioLibraryDirectories.Clear();
            o.AudioLibraryDirectories.Add(library.Directory);
        });
        var client = NewTogether(emulator);

        var detected = await client.CreateTranscriptionAsync(AudioInput.FromFile(library.Audio), new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.VerboseJson });
        var forced = await client.CreateTranscriptionAsync(AudioInput.FromFile(library.Audio), new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.VerboseJson, Language = "de" });

        Assert.Equal("fr", detected.Language);
        Assert.Equal("de", forced.Language);
    }

    [Fact]
    public async Task JigsawStack_word_timestamps_give_the_sidecar_words_one_by_one()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var transcript = await ((ISpeechClient)client).TranscribeAsync(AudioInput.FromFile(ConversationWav), new TranscriptionOptions { WordTimestamps = true });

        AssertConversation(transcript);
        Assert.All(transcript.Words, w => Assert.DoesNotContain(' ', w.Text));
    }

    [Fact]
    public async Task JigsawStack_file_store_round_trip_upload_read_delete()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var stored = await client.UploadFileAsync(AudioInput.FromFile(ConversationWav), new JigsawStackFileUploadOptions { Key = "h17/conversation copy.wav" });
        using var copy = new MemoryStream();
        var download = await client.DownloadFileAsync(stored.Key, copy);
        var deleted = await client.DeleteFileAsync(stored.Key);
        var again = await Assert.ThrowsAsync<SpeechApiException>(() => client.DeleteFileAsync(stored.Key));

        Assert.Equal(await File.ReadAllBytesAsync(ConversationWav), copy.ToArray());
        Assert.Equal(copy.Length, download.BytesWritten);
        Assert.True(deleted);
        Assert.Equal(404, again.StatusCode);
    }

    [Fact]
    public async Task NanoGpt_openai_endpoint_transcribes_an_upload_and_a_url()
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        var upload = await client.CreateOpenAITranscriptionAsync(AudioInput.FromFile(ConversationWav));
        var byUrl = await client.CreateOpenAITranscriptionAsync(AudioInput.FromUrl("https://example.com/recordings/call.wav"), new NanoGptOpenAITranscriptionOptions { Model = NanoGptModel.Wizper, Language = "en" });

        Assert.Equal(Expected.Words, NormalizedWords(upload.Text));
        Assert.Equal("en", upload.Language);
        Assert.True(upload.Duration > TimeSpan.FromSeconds(30));
        Assert.False(string.IsNullOrWhiteSpace(byUrl.Text));
        Assert.Equal("Wizper", byUrl.Model);
    }

    [Fact]
    public async Task NanoGpt_model_discovery_lists_stt_models_with_diarization_support()
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        var models = await client.DiscoverModelsAsync();

        Assert.Contains(models, m => m.Id == "Whisper-Large-V3" && m.SupportsDiarization == false && m.IsDiscovered);
        Assert.Contains(models, m => m.Id == "Elevenlabs-STT" && m.SupportsDiarization == true);
        Assert.DoesNotContain(models, m => m.Id == "emulated-tts");
        Assert.Same(models, client.Models);
    }

    [Fact]
    public async Task Pyannote_result_carries_the_rate_limit_headers_and_an_extra_field_reaches_the_emulator()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);
        var reports = new List<UploadProgress>();
        var options = new DiarizationOptions { AdditionalFields = { ["someFutureFlag"] = true } };

        var result = await client.DiarizeAsync(AudioInput.FromFile(ConversationWav), options, new SpeechRequestOptions
        {
            UploadProgress = new SyncProgress<UploadProgress>(p => { lock (reports) { reports.Add(p); } }),
            MaxRetries = 0,
        });

        Assert.Equal(200, result.Response!.StatusCode);
        Assert.Equal(100, result.Response.RateLimit!.Limit);
        Assert.NotNull(result.Response.RateLimit.Remaining);
        Assert.True(result.RawOutput!.Value.TryGetProperty("diarization", out _));
        var last = reports[^1];
        Assert.Equal(new FileInfo(ConversationWav).Length, last.BytesSent);
        Assert.Equal(last.BytesSent, last.TotalBytes);
    }

    [Fact]
    public async Task JigsawStack_per_call_headers_and_rate_limit_over_loopback()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var result = await client.CreateTranscriptionAsync(
            AudioInput.FromFile(ConversationWav),
            requestOptions: new SpeechRequestOptions { Headers = { ["x-jigsaw-skip-cache"] = "true", ["x-jigsaw-no-request-log"] = "true" }, NetworkTimeout = TimeSpan.FromSeconds(30) });

        Assert.Equal(result.RateLimit, result.Response!.RateLimit);
        Assert.NotNull(result.Response.RateLimit!.Reset);
        Assert.Contains("x-jigsaw-rate-limit-limit", result.Response.Headers.Keys, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NanoGpt_402_from_the_emulator_carries_the_required_balance()
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        // The emulator's fault header, sent as a per-call header.
        var ex = await Assert.ThrowsAsync<NanoGptInsufficientBalanceException>(() => client.CreateOpenAITranscriptionAsync(
            AudioInput.FromUrl("https://example.com/recordings/call.wav"), requestOptions: new SpeechRequestOptions { Headers = { ["x-emulator-fault"] = "402" } }));

        Assert.Equal(0.0035m, ex.RequiredBalance);
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>A copy of conversation.wav with its sidecar, the sidecar's language replaced.</summary>
    private sealed class TempLibrary : IDisposable
    {
        public TempLibrary(string language)
        {
            Directory = Path.Combine(Path.GetTempPath(), "h17-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            Audio = Path.Combine(Directory, "conversation.wav");
            File.Copy(ConversationWav, Audio);
            var sidecar = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ConversationWav + ".transcript.json"))!;
            sidecar["language"] = language;
            File.WriteAllText(Audio + ".transcript.json", sidecar.ToJsonString());
        }

        public string Directory { get; }

        public string Audio { get; }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
