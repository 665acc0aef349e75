using System.Diagnostics;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class FaultTests
{
    [Fact]
    public async Task Status_429_with_retry_after_ms_is_retried_after_that_many_milliseconds()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/api/transcribe", "429;retry-after-ms=300");
        var client = NewNanoGpt(emulator);

        var clock = Stopwatch.StartNew();
        var start = await client.StartTranscriptionAsync(AudioInput.FromFile(ConversationWav), new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3 });

        Assert.True(start.IsCompleted);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"retried after {clock.Elapsed}");
        Assert.Equal(2, await CountAsync(emulator, "/api/transcribe", "POST", 2));
    }

    [Fact]
    public async Task Status_504_is_not_retried_for_a_billed_upload_but_a_status_poll_is()
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        emulator.EnqueueFault("/api/transcribe", "504");
        var error = await Assert.ThrowsAsync<SpeechApiException>(() => client.TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(504, error.StatusCode);
        Assert.Equal(1, await CountAsync(emulator, "/api/transcribe", "POST", 1));

        emulator.EnqueueFault("/api/transcribe/status", "504");
        var transcript = await client.TranscribeAsync(AudioInput.FromFile(ConversationWav));
        AssertConversation(transcript);
        Assert.Equal(2, await CountAsync(emulator, "/api/transcribe", "POST", 2));
        Assert.Equal(1, emulator.RequestLog.Count(r => r.Path.EndsWith("/api/transcribe/status", StringComparison.Ordinal) && r.StatusCode == 504));
    }

    [Fact]
    public async Task Invalid_json_is_a_response_format_error()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/api/transcribe", "invalid-json");

        var error = await Assert.ThrowsAsync<SpeechResponseFormatException>(() =>
            NewNanoGpt(emulator).StartTranscriptionAsync(AudioInput.FromFile(ConversationWav), new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3 }));

        Assert.Equal(SpeechVendor.NanoGpt, error.Vendor);
        Assert.Equal(1, await CountAsync(emulator, "/api/transcribe", "POST", 1));
    }

    [Fact]
    public async Task Job_failed_throws_SpeechJobFailedException_for_nanogpt()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/api/transcribe", "job-failed");
        var nano = await Assert.ThrowsAsync<SpeechJobFailedException>(() => NewNanoGpt(emulator).TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(SpeechVendor.NanoGpt, nano.Vendor);
        Assert.False(string.IsNullOrEmpty(nano.Error));
        Assert.Equal(1, await CountAsync(emulator, "/api/transcribe", "POST", 1));
    }

    [Fact]
    public async Task Job_canceled_throws_SpeechJobFailedException_for_nanogpt()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/api/transcribe", "job-canceled");
        await Assert.ThrowsAsync<SpeechJobFailedException>(() => NewNanoGpt(emulator).TranscribeAsync(AudioInput.FromFile(ConversationWav)));
    }

    [Fact]
    public async Task Job_vanish_throws_SpeechJobNotFoundException_on_the_first_status_poll()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/api/transcribe", "job-vanish");
        var nano = await Assert.ThrowsAsync<SpeechJobNotFoundException>(() => NewNanoGpt(emulator).TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(SpeechVendor.NanoGpt, nano.Vendor);
        Assert.Equal(1, await CountAsync(emulator, "/api/transcribe/status", "POST", 1));
    }
}
