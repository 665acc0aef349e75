using Microsoft.Extensions.Time.Testing;
using Pyannote.Sdk.IntegrationTests.Emulator;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.Together;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>Together AI, JigsawStack and NanoGPT end to end through the real clients over loopback HTTP.</summary>
public sealed class VendorSdkTests
{
    private const string RemoteUrl = "https://example.com/recordings/call.wav";

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

    [Fact]
    public async Task JigsawStack_file_upload_url_and_by_speaker()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var fromFile = await client.CreateTranscriptionAsync(AudioInput.FromFile(ConversationWav), new JigsawStackTranscriptionOptions
        {
            BySpeaker = true,
            Language = "en",
        });
        Assert.Equal(Expected.Words, NormalizedWords(fromFile.Text));
        Assert.Equal(2, fromFile.Chunks.Select(c => c.Speaker).Distinct().Count());
        Assert.NotNull(fromFile.RateLimit?.Limit);
        Assert.StartsWith("emulated-", fromFile.LogId);

        var transcript = await ((ISpeechClient)client).TranscribeAsync(AudioInput.FromFile(ConversationWav));
        Assert.Equal(2, transcript.Speakers.Count);
        Assert.Equal(Expected.Words, NormalizedWords(transcript.Text));
        Assert.Equal(8, transcript.Turns.Count);

        var fromUrl = await client.CreateTranscriptionAsync(AudioInput.FromUrl(RemoteUrl));
        Assert.False(string.IsNullOrWhiteSpace(fromUrl.Text));
        Assert.All(fromUrl.Chunks, c => Assert.Null(c.Speaker));
        Assert.Equal(3, await CountAsync(emulator, "/v1/ai/transcribe", "POST", 3));
    }

    [Fact]
    public async Task JigsawStack_file_store_upload_then_transcribe_by_key()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var stored = await client.UploadFileAsync(AudioInput.FromFile(ConversationWav), new JigsawStackFileUploadOptions { Key = "calls/conversation.wav" });
        Assert.Equal("calls/conversation.wav", stored.Key);
        Assert.Equal(new FileInfo(ConversationWav).Length, stored.Size);

        // The same key again without overwrite is refused; with overwrite it replaces the file.
        var conflict = await Assert.ThrowsAsync<SpeechApiException>(() =>
            client.UploadFileAsync(AudioInput.FromFile(ConversationWav), new JigsawStackFileUploadOptions { Key = "calls/conversation.wav" }));
        Assert.Equal(400, conflict.StatusCode);
        await client.UploadFileAsync(AudioInput.FromFile(ConversationWav), new JigsawStackFileUploadOptions { Key = "calls/conversation.wav", Overwrite = true });

        var byKey = await client.CreateTranscriptionAsync(new JigsawStackStoredFile(stored.Key), new JigsawStackTranscriptionOptions { BySpeaker = true });
        Assert.Equal(Expected.Words, NormalizedWords(byKey.Text));
        Assert.Equal(2, byKey.ToTranscript().Speakers.Count);
        Assert.Equal(3, await CountAsync(emulator, "/v1/store/file", "POST", 3));
    }

    [Fact]
    public async Task JigsawStack_webhook_mode_acknowledges_then_delivers_the_result()
    {
        await using var emulator = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var client = NewJigsawStack(emulator);

        var ack = await client.StartTranscriptionAsync(
            AudioInput.FromFile(ConversationWav), new Uri(receiver.Url + "?token=abc"), new JigsawStackTranscriptionOptions { BySpeaker = true });

        Assert.True(ack.Success);
        Assert.Equal("processing", ack.Status);
        Assert.False(string.IsNullOrEmpty(ack.Id));
        await emulator.WaitForWebhooksAsync();
        var delivered = Assert.Single(receiver.Requests);
        Assert.Contains(ack.Id!, delivered.BodyText, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"success\"", delivered.BodyText, StringComparison.Ordinal);
        Assert.Contains("planning call", delivered.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NanoGpt_sync_whisper_returns_the_text_at_once()
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        var start = await client.StartTranscriptionAsync(AudioInput.FromFile(ConversationWav), new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3, Language = "en" });

        Assert.True(start.IsCompleted);
        Assert.Null(start.Job);
        Assert.Equal(Expected.Words, NormalizedWords(start.Transcription!.Text));
        Assert.Equal("conversation.wav", start.Transcription.Metadata.FileName);
        Assert.Equal(new FileInfo(ConversationWav).Length, start.Transcription.Metadata.FileSize);
        Assert.Equal(1, await CountAsync(emulator, "/api/transcribe", "POST", 1));
        Assert.Equal(0, await CountAsync(emulator, "/api/transcribe/status", "POST", 0));

        var text = await client.TranscribeAsync(AudioInput.FromFile(ConversationWav), new TranscriptionOptions { Diarize = false, Model = "Whisper-Large-V3" });
        Assert.Equal(Expected.Words, NormalizedWords(text.Text));
    }

    [Fact]
    public async Task NanoGpt_async_elevenlabs_is_polled_to_a_diarized_transcript()
    {
        // The emulator's clock is a FakeTimeProvider moved by the progress reports: the wait starts on "pending", the
        // clock moves to "processing", the next poll reports it, the clock moves to "completed". At least two status
        // polls, however slowly a loaded machine serves them.
        var clock = new FakeTimeProvider();
        var step = TimeSpan.FromSeconds(30);
        await using var emulator = await StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.JobQueuedDelay = step;
            o.JobRunningDelay = step;
        });
        var client = NewNanoGpt(emulator);
        var seen = new List<JobStatus>();
        var progress = new SynchronousProgress<JobProgress>(p =>
        {
            seen.Add(p.Status);
            if (!p.Status.IsTerminal)
            {
                clock.Advance(step);
            }
        });

        var start = await client.StartTranscriptionAsync(AudioInput.FromFile(ConversationWav), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt, Diarize = true });
        Assert.False(start.IsCompleted);
        Assert.NotNull(start.Job);
        Assert.True(start.Job!.Info.Diarize);
        var result = await start.WaitForCompletionAsync(progress: progress);

        AssertConversation(result.Transcript);
        Assert.Equal(2, result.Tokens.Select(t => t.SpeakerId).Distinct().Count());
        // pending, processing, then the terminal state: each reported once.
        Assert.Equal(3, seen.Count);
        Assert.NotEqual(seen[0], seen[1]);
        Assert.False(seen[1].IsTerminal);
        Assert.True(seen[2].IsTerminal);
        Assert.True(await CountAsync(emulator, "/api/transcribe/status", "POST", 2) >= 2, string.Join("\n", emulator.RequestLog.Select(r => $"{r.Timestamp:HH:mm:ss.fff} {r.Method} {r.Path} {r.StatusCode}")));

        // Resuming from the run id alone polls the same (completed) job.
        var resumed = await client.GetTranscriptionJob(start.Job.Id).WaitForCompletionAsync();
        Assert.Equal(result.Text, resumed.Text);

        // The vendor-neutral call picks Elevenlabs-STT for diarization. It takes no progress, so from here every read
        // of the emulator's clock moves it one step: the job advances per request, not per wall-clock second.
        clock.AutoAdvanceAmount = step;
        AssertConversation(await client.TranscribeAsync(AudioInput.FromFile(ConversationWav)));
    }

    [Fact]
    public async Task NanoGpt_refuses_uploads_over_3_MB_before_sending_and_the_emulator_agrees()
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);
        var big = Path.Combine(Path.GetTempPath(), $"nanogpt-{Guid.NewGuid():N}.wav");
        try
        {
            await File.WriteAllBytesAsync(big, new byte[NanoGptClient.MaxUploadBytes + 1]);
            var refused = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.TranscribeAsync(AudioInput.FromFile(big)));
            Assert.Equal("audio", refused.ParamName);
            Assert.Equal(0, await CountAsync(emulator, "/api/transcribe", "POST", 0));

            // Exactly 3 MB goes out; the emulator (which knows no words for it) accepts it.
            await File.WriteAllBytesAsync(big, TestAudio.Wav((int)NanoGptClient.MaxUploadBytes));
            var start = await client.StartTranscriptionAsync(AudioInput.FromFile(big), new NanoGptTranscriptionOptions { Model = NanoGptModel.Wizper });
            Assert.True(start.IsCompleted);
            Assert.Equal(1, await CountAsync(emulator, "/api/transcribe", "POST", 1));
        }
        finally
        {
            File.Delete(big);
        }
    }
}
