using System.Net.WebSockets;
using System.Text;
using Pyannote.Sdk.Live;
using Pyannote.Sdk.PyannoteAI;
using static Pyannote.Sdk.IntegrationTests.Live.LiveTestKit;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Live;

/// <summary>pyannoteAI live diarization through the real client against the emulator over loopback WebSockets.</summary>
public sealed class PyannoteLiveTests
{
    private static PyannoteLiveOptions Fast => new() { Pacing = LivePacing.None, CloseTimeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Conversation_streams_to_one_start_and_one_end_per_sidecar_turn_at_the_sidecar_times()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);

        var events = await CollectAsync(client.StreamLiveDiarizationAsync(Conversation(), Fast));

        var turns = SidecarTurns();
        var starts = events.OfType<PyannoteSpeakerStarted>().ToList();
        var ends = events.OfType<PyannoteSpeakerEnded>().ToList();
        Assert.Equal(turns.Count, starts.Count);
        Assert.Equal(turns.Count, ends.Count);
        for (int i = 0; i < turns.Count; i++)
        {
            Assert.Equal(turns[i].Speaker, starts[i].Speaker);
            Assert.Equal(turns[i].Start, starts[i].Time.TotalSeconds, 3);
            Assert.Equal(turns[i].End, ends[i].Time.TotalSeconds, 3);
            Assert.Equal(starts[i].Time, ends[i].StartTime);
        }

        Assert.DoesNotContain(events, e => e is PyannoteLiveError);
        Assert.Equal(1, emulator.CountRequests("/pyannote/v1/live", "POST"));
    }

    [Fact]
    public async Task Session_status_goes_from_created_to_done_and_the_url_is_single_use()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);
        var session = await client.CreateLiveSessionAsync();
        Assert.Equal("created", (await client.GetLiveSessionAsync(session.Id)).Status);
        Assert.DoesNotContain("token", session.ToString(), StringComparison.OrdinalIgnoreCase);

        await CollectAsync(client.StreamLiveDiarizationAsync(session, Conversation(), Fast));
        var status = await client.GetLiveSessionAsync(session.Id);
        Assert.Equal("done", status.Status);
        Assert.True(status.IsTerminal);
        Assert.NotNull(status.StartedAt);
        Assert.NotNull(status.CompletedAt);

        var reuse = await Assert.ThrowsAsync<SpeechApiException>(() => CollectAsync(client.StreamLiveDiarizationAsync(session, Conversation(), Fast)));
        Assert.Equal(403, reuse.StatusCode);
        Assert.DoesNotContain(session.Url.Query.TrimStart('?'), reuse.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("403;message=Streaming is disabled", 403, "Streaming is disabled")]
    [InlineData("402;message=Subscription is required", 402, "Subscription is required")]
    [InlineData("429;retry-after=30", 429, null)]
    public async Task Create_errors_are_typed_and_thrown_before_any_audio_is_read(string fault, int status, string? message)
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/pyannote/v1/live", fault, count: 10);
        var client = NewPyannote(emulator, o => o.Retry = new SpeechRetryOptions { MaxRetries = 0 });
        var read = false;
        var audio = LiveAudioSource.FromPcmChunks(EndlessTone(1, () => read = true), LiveAudioFormat.Pcm16Mono16kHz);

        var error = await Assert.ThrowsAsync<SpeechApiException>(() => CollectAsync(client.StreamLiveDiarizationAsync(audio, Fast)));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(SpeechVendor.Pyannote, error.Vendor);
        if (message is not null)
        {
            Assert.Equal(message, error.VendorMessage);
        }

        if (status == 429)
        {
            Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        }

        Assert.False(read, "the audio source was read although the session could not be created");
    }

    [Fact]
    public async Task A_dropped_connection_ends_with_a_typed_exception_carrying_the_events_received()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/pyannote/v1/live", "live-drop=9000");
        var client = NewPyannote(emulator);

        var seen = new List<PyannoteLiveEvent>();
        var error = await Assert.ThrowsAsync<LiveStreamException>(async () =>
        {
            await foreach (var e in client.StreamLiveDiarizationAsync(Conversation(), Fast))
            {
                seen.Add(e);
            }
        });

        Assert.True(error.CloseStatus is null, error.ToString());
        Assert.Equal(seen, error.ReceivedEvents);
        Assert.Equal(SpeechVendor.Pyannote, error.Vendor);
        var received = error.ReceivedEvents.OfType<PyannoteSpeakerStarted>().ToList();
        // A reset discards what was in flight, so the events kept are a non-empty prefix of those before the drop.
        var turns = SidecarTurns();
        Assert.InRange(received.Count, 1, turns.Count(t => t.Start <= 9.0));
        Assert.Equal(turns.Take(received.Count).Select(t => t.Speaker), received.Select(r => r.Speaker));
        Assert.Equal(error.ReceivedEvents.Count, error.ReceivedEventCount);
        Assert.True(error.AudioSent >= TimeSpan.FromSeconds(9), $"audio sent {error.AudioSent}");
        Assert.DoesNotContain("token=", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_frame_is_yielded_as_a_typed_event_and_the_session_goes_on()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/pyannote/v1/live", "live-error=2000;message=Invalid chunk size");
        var client = NewPyannote(emulator);

        var events = await CollectAsync(client.StreamLiveDiarizationAsync(Conversation(), Fast));

        var error = Assert.Single(events.OfType<PyannoteLiveError>());
        Assert.Equal("Invalid chunk size", error.Message);
        Assert.Equal(SidecarTurns().Count, events.OfType<PyannoteSpeakerEnded>().Count());
    }

    [Theory]
    [InlineData(403)]
    [InlineData(503)]
    public async Task A_refused_handshake_is_a_typed_api_error(int status)
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/pyannote/v1/live", $"live-refuse={status}");
        var client = NewPyannote(emulator);

        var error = await Assert.ThrowsAsync<SpeechApiException>(() => CollectAsync(client.StreamLiveDiarizationAsync(Conversation(), Fast)));
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task A_slow_start_delays_the_open_but_not_the_result()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/pyannote/v1/live", "live-slow-start=300");
        var client = NewPyannote(emulator);

        var events = await CollectAsync(client.StreamLiveDiarizationAsync(Conversation(), Fast));
        Assert.Equal(SidecarTurns().Count, events.OfType<PyannoteSpeakerStarted>().Count());
    }

    [Fact]
    public async Task A_client_more_than_5_s_ahead_of_real_time_is_closed_with_1008()
    {
        await using var emulator = await StartAsync(o => o.PaceLiveAudio = true);
        var client = NewPyannote(emulator);

        var error = await Assert.ThrowsAsync<LiveStreamException>(() => CollectAsync(client.StreamLiveDiarizationAsync(Conversation(), Fast)));
        Assert.Equal(1008, error.CloseStatus);
    }

    [Fact]
    public async Task A_session_that_goes_silent_is_closed_for_client_timeout()
    {
        await using var emulator = await StartAsync(o => o.LiveIdleTimeout = TimeSpan.FromMilliseconds(300));
        var client = NewPyannote(emulator);
        var audio = LiveAudioSource.FromPcmChunks(EndlessTone(1), LiveAudioFormat.Pcm16Mono16kHz);

        var error = await Assert.ThrowsAsync<LiveStreamException>(() => CollectAsync(client.StreamLiveDiarizationAsync(audio, Fast)));
        Assert.Equal(1008, error.CloseStatus);
        Assert.Equal("client timeout", error.CloseDescription);
    }

    [Fact]
    public async Task The_session_length_limit_closes_with_1011()
    {
        await using var emulator = await StartAsync(o => o.LiveMaxSessionAudio = TimeSpan.FromSeconds(4));
        var client = NewPyannote(emulator);

        var error = await Assert.ThrowsAsync<LiveStreamException>(() => CollectAsync(client.StreamLiveDiarizationAsync(Conversation(), Fast)));
        Assert.Equal(1011, error.CloseStatus);
        Assert.NotEmpty(error.ReceivedEvents);
    }

    [Fact]
    public async Task Cancellation_ends_the_session_promptly_and_the_server_sees_the_socket_close()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);
        var session = await client.CreateLiveSessionAsync();
        var audio = LiveAudioSource.FromPcmChunks(EndlessTone(2), LiveAudioFormat.Pcm16Mono16kHz);
        using var cts = new CancellationTokenSource();

        var task = CollectAsync(client.StreamLiveDiarizationAsync(session, audio, Fast, cts.Token));
        while ((await client.GetLiveSessionAsync(session.Id)).Status != "running")
        {
            await Task.Delay(10);
        }

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        string? status = null;
        for (int i = 0; i < 6000 && status != "error"; i++) // generous: the server notices the close when the machine gets to it
        {
            status = (await client.GetLiveSessionAsync(session.Id)).Status;
            if (status != "error")
            {
                await Task.Delay(10);
            }
        }

        Assert.Equal("error", status); // closed by the client without end_of_stream
    }

    [Fact]
    public async Task Audio_that_is_not_a_library_file_gets_speaker_regions_from_its_energy()
    {
        // The sample with its first sample changed: the same speech, but no sidecar match.
        var bytes = await File.ReadAllBytesAsync(ConversationWav);
        bytes[44] ^= 1;
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);

        var events = await CollectAsync(client.StreamLiveDiarizationAsync(LiveAudioSource.FromWavStream(new MemoryStream(bytes)), Fast));

        var turns = SidecarTurns();
        var starts = events.OfType<PyannoteSpeakerStarted>().ToList();
        Assert.Equal(turns.Count, starts.Count);
        Assert.Equal(2, starts.Select(s => s.Speaker).Distinct().Count());
        for (int i = 0; i < turns.Count; i++)
        {
            Assert.InRange(starts[i].Time.TotalSeconds, turns[i].Start - 0.25, turns[i].Start + 0.25);
        }
    }

    [Fact]
    public async Task Emulator_answers_a_frame_of_the_wrong_size_with_the_vendor_error_and_keeps_the_session()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);
        var session = await client.CreateLiveSessionAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(session.Url, CancellationToken.None);

        await socket.SendAsync(new byte[3200], WebSocketMessageType.Binary, true, CancellationToken.None);
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal("""{"type":"error","message":"Invalid chunk size"}""", Encoding.UTF8.GetString(buffer, 0, result.Count));

        await socket.SendAsync(PyannoteLiveConnection.EndOfStreamMessage, WebSocketMessageType.Text, true, CancellationToken.None);
        result = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, result.CloseStatus);
    }

    [Fact]
    public async Task Unmatched_ends_and_overlapping_speakers_are_passed_on()
    {
        // A scripted server: overlap of two speakers and an end with no start, then a normal close.
        await using var server = await ScriptedLiveServer.StartAsync(
            """{"type":"diarization_speaker_end","data":{"timestamp":0.5,"speaker":"SPEAKER_02"}}""",
            """{"type":"diarization_speaker_start","data":{"timestamp":1.24,"speaker":"SPEAKER_00"}}""",
            """{"type":"diarization_speaker_start","data":{"timestamp":2,"speaker":"SPEAKER_01"}}""",
            """{"type":"diarization_speaker_end","data":{"timestamp":3.863,"speaker":"SPEAKER_00"}}""",
            """{"type":"some_future_event","data":{}}""",
            """{"type":"diarization_speaker_end","data":{"timestamp":4,"speaker":"SPEAKER_01"}}""");
        var client = new PyannoteClient("unused-key", new PyannoteClientOptions { Endpoint = server.HttpBase });

        var events = await CollectAsync(client.StreamLiveDiarizationAsync(new PyannoteLiveSession("s1", server.SocketUrl), LiveAudioSource.FromPcmChunks(EndlessToneFinite(0.35), LiveAudioFormat.Pcm16Mono16kHz), Fast));

        Assert.Equal(
            [
                new PyannoteSpeakerEnded("SPEAKER_02", TimeSpan.FromSeconds(0.5), null),
                new PyannoteSpeakerStarted("SPEAKER_00", TimeSpan.FromSeconds(1.24)),
                new PyannoteSpeakerStarted("SPEAKER_01", TimeSpan.FromSeconds(2)),
                new PyannoteSpeakerEnded("SPEAKER_00", TimeSpan.FromSeconds(3.863), TimeSpan.FromSeconds(1.24)),
                new PyannoteSpeakerEnded("SPEAKER_01", TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2)),
            ],
            events);
    }

    [Fact]
    public async Task Wire_matches_the_reference_client_frames_of_6400_bytes_zero_padded_then_end_of_stream_then_close_after_the_server()
    {
        await using var server = await ScriptedLiveServer.StartAsync();
        var client = new PyannoteClient("unused-key", new PyannoteClientOptions { Endpoint = server.HttpBase });

        // 0.35 s of audio: three full frames and one of 0.05 s padded with zeros.
        await CollectAsync(client.StreamLiveDiarizationAsync(new PyannoteLiveSession("s1", server.SocketUrl), LiveAudioSource.FromPcmChunks(EndlessToneFinite(0.35), LiveAudioFormat.Pcm16Mono16kHz), Fast));

        var log = server.Log;
        Assert.Equal(["binary 6400", "binary 6400", "binary 6400", "binary 6400", "text {\"type\":\"end_of_stream\"}", "server close sent", "client close received"], log.Select(l => l.Entry));
        var last = log[3].Bytes!;
        Assert.All(Enumerable.Range(800, 800), i => Assert.Equal(0f, BitConverter.ToSingle(last, i * 4)));
        Assert.NotEqual(0f, BitConverter.ToSingle(last, 4));
        Assert.False(server.SawAuthorizationHeader);
        Assert.Null(server.SubProtocol);
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> EndlessToneFinite(double seconds)
    {
        await foreach (var chunk in EndlessTone(100))
        {
            var samples = (int)Math.Round(seconds * 16000);
            var bytes = new byte[samples * 2];
            for (int i = 0; i < bytes.Length; i += chunk.Length)
            {
                chunk.Span[..Math.Min(chunk.Length, bytes.Length - i)].CopyTo(bytes.AsSpan(i));
            }

            yield return bytes;
            yield break;
        }
    }
}
