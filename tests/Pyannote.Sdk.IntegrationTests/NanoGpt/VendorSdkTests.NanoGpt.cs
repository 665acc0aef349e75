using Microsoft.Extensions.Time.Testing;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class VendorSdkTests
{
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
