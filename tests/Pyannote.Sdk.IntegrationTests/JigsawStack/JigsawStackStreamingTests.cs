using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Live;
using static Pyannote.Sdk.IntegrationTests.Live.LiveTestKit;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Live;

/// <summary>JigsawStack streamed transcription through the real client against the emulator's SSE mode over loopback HTTP.</summary>
public sealed class JigsawStackStreamingTests
{
    private const string Path = "/jigsawstack/v1/ai/transcribe";

    [Fact]
    public async Task Conversation_streams_start_segments_and_increments_and_ends_with_the_final_result()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator);

        var events = await CollectAsync(client.StreamTranscriptionAsync(AudioInput.FromFile(ConversationWav), new JigsawStackStreamingOptions { Vad = true, VadThreshold = 0.4 }));

        Assert.IsType<JigsawStackStreamStarted>(events[0]);
        var completed = Assert.IsType<JigsawStackStreamCompleted>(events[^1]);
        Assert.False(completed.IsAssembled);
        var segments = events.OfType<JigsawStackStreamSegment>().Select(s => s.Chunk).ToList();
        Assert.Equal(completed.Transcription.Chunks, segments);
        Assert.True(segments.Zip(segments.Skip(1)).All(p => p.First.Start <= p.Second.Start), "segments arrive in audio order");
        var increments = string.Concat(events.OfType<JigsawStackStreamDelta>().Select(d => d.Delta));
        Assert.Equal(Assert.Single(events.OfType<JigsawStackStreamDone>()).Text, increments);
        Assert.Equal(Expected.Words, NormalizedWords(increments));
        Assert.Equal(Expected.Words, NormalizedWords(completed.Transcription.ToTranscript().Text));
        Assert.Equal(1, emulator.CountRequests(Path, "POST"));
    }

    [Fact]
    public async Task An_error_event_is_yielded_and_then_thrown_with_the_segments_received_before_it()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault(Path, "live-error=10000;message=Decoder failed");
        var client = NewJigsawStack(emulator);
        var seen = new List<JigsawStackStreamEvent>();

        var error = await Assert.ThrowsAsync<LiveStreamException>(async () =>
        {
            await foreach (var e in client.StreamTranscriptionAsync(AudioInput.FromFile(ConversationWav)))
            {
                seen.Add(e);
            }
        });

        Assert.Equal("Decoder failed", Assert.IsType<JigsawStackStreamError>(seen[^1]).Message);
        Assert.Contains("Decoder failed", error.Message, StringComparison.Ordinal);
        var segments = error.ReceivedEvents.OfType<JigsawStackStreamSegment>().ToList();
        Assert.NotEmpty(segments);
        Assert.All(segments, s => Assert.True(s.Chunk.End <= TimeSpan.FromSeconds(10)));
        Assert.Equal(seen, error.ReceivedEvents);
    }

    [Fact]
    public async Task A_stream_dropped_mid_way_throws_a_typed_exception_carrying_what_was_received()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault(Path, "live-drop=12000");
        var client = NewJigsawStack(emulator);

        var error = await Assert.ThrowsAsync<LiveStreamException>(() => CollectAsync(client.StreamTranscriptionAsync(AudioInput.FromFile(ConversationWav))));

        Assert.Equal(SpeechVendor.JigsawStack, error.Vendor);
        Assert.Contains("ended before the final result", error.Message, StringComparison.Ordinal);
        Assert.IsType<JigsawStackStreamStarted>(error.ReceivedEvents[0]);
        Assert.Contains(error.ReceivedEvents, e => e is JigsawStackStreamSegment);
        Assert.DoesNotContain(error.ReceivedEvents, e => e is JigsawStackStreamDone or JigsawStackStreamCompleted);
    }

    [Fact]
    public async Task A_connection_reset_mid_body_is_a_live_stream_exception_too()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault(Path, "abort-during-body");
        var client = NewJigsawStack(emulator);

        var error = await Assert.ThrowsAsync<LiveStreamException>(() => CollectAsync(client.StreamTranscriptionAsync(AudioInput.FromFile(ConversationWav))));

        Assert.Equal(SpeechVendor.JigsawStack, error.Vendor);
        Assert.NotNull(error.InnerException);
        Assert.DoesNotContain(error.ReceivedEvents, e => e is JigsawStackStreamCompleted);
    }

    [Fact]
    public async Task Cancellation_mid_stream_ends_the_enumeration_and_the_request()
    {
        // Paced on real time, the emulator would take 30 s: the test cancels after the first segment instead.
        await using var emulator = await StartAsync(o => o.PaceLiveAudio = true);
        var client = NewJigsawStack(emulator);
        using var cts = new CancellationTokenSource();
        var seen = new List<JigsawStackStreamEvent>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in client.StreamTranscriptionAsync(AudioInput.FromFile(ConversationWav), cancellationToken: cts.Token))
            {
                seen.Add(e);
                if (e is JigsawStackStreamSegment)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.DoesNotContain(seen, e => e is JigsawStackStreamCompleted);
        Assert.Single(seen.OfType<JigsawStackStreamSegment>());
    }

    [Fact]
    public async Task The_emulator_refuses_what_the_service_refuses_and_the_sdk_types_it()
    {
        await using var emulator = await StartAsync();
        var client = NewJigsawStack(emulator, o => o.Retry = new SpeechRetryOptions { MaxRetries = 0 });

        var french = await Assert.ThrowsAsync<SpeechApiException>(() => CollectAsync(client.StreamTranscriptionAsync(AudioInput.FromFile(ConversationWav), new JigsawStackStreamingOptions { Language = "fr" })));
        Assert.Equal(400, french.StatusCode);

        emulator.EnqueueFault(Path, "429;retry-after=7");
        var limited = await Assert.ThrowsAsync<SpeechApiException>(() => CollectAsync(client.StreamTranscriptionAsync(AudioInput.FromFile(ConversationWav))));
        Assert.Equal(429, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.RetryAfter);
    }

    [Fact]
    public async Task A_slow_start_only_delays_the_stream()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault(Path, "live-slow-start=50");
        var client = NewJigsawStack(emulator);

        var events = await CollectAsync(client.StreamTranscriptionAsync(AudioInput.FromFile(ConversationWav)));

        Assert.IsType<JigsawStackStreamCompleted>(events[^1]);
    }
}
