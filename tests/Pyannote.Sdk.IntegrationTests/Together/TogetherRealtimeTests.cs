using Pyannote.Sdk.Live;
using Pyannote.Sdk.Together;
using static Pyannote.Sdk.IntegrationTests.Live.LiveTestKit;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Live;

/// <summary>Together AI real-time transcription through the real client against the emulator over loopback WebSockets.</summary>
public sealed class TogetherRealtimeTests
{
    private static TogetherRealtimeOptions Fast(Action<TogetherRealtimeOptions>? configure = null)
    {
        var o = new TogetherRealtimeOptions { Pacing = LivePacing.None, FinalResultTimeout = TimeSpan.FromSeconds(20) };
        configure?.Invoke(o);
        return o;
    }

    [Fact]
    public async Task With_server_VAD_each_turn_completes_as_a_segment_and_deltas_are_cumulative()
    {
        await using var emulator = await StartAsync();
        var client = NewTogether(emulator);

        var events = await CollectAsync(client.StreamRealtimeTranscriptionAsync(Conversation(), Fast()));

        var created = Assert.IsType<TogetherRealtimeSessionCreated>(events[0]);
        Assert.Equal("openai/whisper-large-v3", created.Model);
        var completed = events.OfType<TogetherTranscriptionCompleted>().Where(c => c.Text.Length > 0).ToList();
        Assert.Equal(Expected.Words, completed.SelectMany(c => NormalizedWords(c.Text)).ToArray());
        Assert.InRange(completed.Count, 8, 16); // pauses between turns (0.7 s) exceed the default 500 ms silence; turns over 5 s are split
        // Each delta is the running text of its segment: it extends the previous one until the segment completes.
        string previous = "";
        foreach (var e in events)
        {
            if (e is TogetherTranscriptionDelta d)
            {
                Assert.StartsWith(previous, d.Text, StringComparison.Ordinal);
                previous = d.Text;
            }
            else if (e is TogetherTranscriptionCompleted c && c.Text.Length > 0)
            {
                Assert.Equal(previous, c.Text);
                previous = "";
            }
        }
    }

    [Fact]
    public async Task With_VAD_off_nothing_completes_until_the_final_commit()
    {
        await using var emulator = await StartAsync();
        var client = NewTogether(emulator);

        var events = await CollectAsync(client.StreamRealtimeTranscriptionAsync(Conversation(), Fast(o => o.DisableTurnDetection = true)));

        var updated = Assert.Single(events.OfType<TogetherRealtimeSessionUpdated>());
        Assert.Null(updated.TurnDetection);
        var completed = Assert.Single(events.OfType<TogetherTranscriptionCompleted>());
        Assert.Equal(Expected.Words, NormalizedWords(completed.Text));
        Assert.IsType<TogetherTranscriptionCompleted>(events[^1]);
    }

    [Fact]
    public async Task VAD_settings_are_sent_and_confirmed_and_a_longer_silence_merges_turns()
    {
        await using var emulator = await StartAsync();
        var client = NewTogether(emulator);
        var detection = new TogetherTurnDetection { MinSilenceDuration = TimeSpan.FromSeconds(3), MaxSpeechDuration = TimeSpan.FromSeconds(60) };

        var events = await CollectAsync(client.StreamRealtimeTranscriptionAsync(Conversation(), Fast(o => o.TurnDetection = detection)));

        var updated = Assert.Single(events.OfType<TogetherRealtimeSessionUpdated>());
        Assert.Equal(TimeSpan.FromSeconds(3), updated.TurnDetection!.MinSilenceDuration);
        Assert.Single(events.OfType<TogetherTranscriptionCompleted>(), c => c.Text.Length > 0);
    }

    [Fact]
    public async Task A_bad_key_is_refused_at_the_handshake_as_a_typed_401()
    {
        await using var emulator = await StartAsync();
        var client = new TogetherClient("wrong-key", new TogetherClientOptions { Endpoint = emulator.TogetherEndpoint });

        var error = await Assert.ThrowsAsync<SpeechApiException>(() => CollectAsync(client.StreamRealtimeTranscriptionAsync(Conversation(), Fast())));
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain("wrong-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_is_a_typed_error_from_the_failed_frame()
    {
        await using var emulator = await StartAsync();
        var client = NewTogether(emulator);

        var error = await Assert.ThrowsAsync<SpeechApiException>(() => CollectAsync(client.StreamRealtimeTranscriptionAsync(Conversation(), Fast(o => o.Model = "no/such-model"))));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("model_not_available", error.ErrorCode);
    }

    [Fact]
    public async Task An_error_frame_is_yielded_as_a_typed_event_and_the_session_goes_on()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/together/v1/realtime", "live-error=3000;message=Transient server hiccup");
        var client = NewTogether(emulator);

        var events = await CollectAsync(client.StreamRealtimeTranscriptionAsync(Conversation(), Fast()));

        var error = Assert.Single(events.OfType<TogetherRealtimeError>());
        Assert.Equal("Transient server hiccup", error.Message);
        Assert.Equal("internal_error", error.Code);
        Assert.False(error.IsTranscriptionFailure);
        Assert.Equal(Expected.Words, events.OfType<TogetherTranscriptionCompleted>().SelectMany(c => NormalizedWords(c.Text)).ToArray());
    }

    [Fact]
    public async Task A_dropped_connection_ends_with_a_typed_exception_carrying_the_segments_received()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/together/v1/realtime", "live-drop=12000");
        var client = NewTogether(emulator);
        var seen = new List<TogetherRealtimeEvent>();

        var error = await Assert.ThrowsAsync<LiveStreamException>(async () =>
        {
            await foreach (var e in client.StreamRealtimeTranscriptionAsync(Conversation(), Fast()))
            {
                seen.Add(e);
            }
        });

        Assert.Null(error.CloseStatus);
        Assert.Equal(seen.Skip(1), error.ReceivedEvents); // session.created is returned first, not kept
        Assert.Contains(error.ReceivedEvents, e => e is TogetherTranscriptionCompleted);
    }

    [Theory]
    [InlineData("live-refuse=503", 503)]
    [InlineData("live-refuse=429", 429)]
    public async Task A_refused_handshake_is_a_typed_api_error(string fault, int status)
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/together/v1/realtime", fault);
        var client = NewTogether(emulator);

        var error = await Assert.ThrowsAsync<SpeechApiException>(() => CollectAsync(client.StreamRealtimeTranscriptionAsync(Conversation(), Fast())));
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task A_slow_start_is_waited_for()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/together/v1/realtime", "live-slow-start=300");
        var client = NewTogether(emulator);

        var events = await CollectAsync(client.StreamRealtimeTranscriptionAsync(Conversation(), Fast()));
        Assert.Equal(Expected.Words, events.OfType<TogetherTranscriptionCompleted>().SelectMany(c => NormalizedWords(c.Text)).ToArray());
    }

    [Fact]
    public async Task Cancellation_closes_the_socket_promptly()
    {
        await using var emulator = await StartAsync();
        var client = NewTogether(emulator);
        using var cts = new CancellationTokenSource();
        var audio = LiveAudioSource.FromPcmChunks(EndlessTone(1), LiveAudioFormat.Pcm16Mono16kHz);

        var run = Task.Run(async () =>
        {
            await foreach (var e in client.StreamRealtimeTranscriptionAsync(audio, Fast(), cts.Token))
            {
                if (e is TogetherRealtimeSessionCreated)
                {
                    cts.Cancel();
                }
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
