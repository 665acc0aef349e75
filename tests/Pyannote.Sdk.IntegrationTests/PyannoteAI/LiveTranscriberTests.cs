using Pyannote.Sdk.Live;
using static Pyannote.Sdk.IntegrationTests.Live.LiveTestKit;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Live;

/// <summary>Live speaker-attributed captions: pyannoteAI live and Together real time fanned out from one source,
/// against the emulator without pacing (30 s of audio in well under a second).</summary>
public sealed class LiveTranscriberTests
{
    // The timeouts only end a session that went wrong; generous, so a loaded machine never trips them.
    private static LiveTranscriberOptions FastCaptions => new() { Pacing = LivePacing.None, FinalResultTimeout = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromMinutes(2) };

    [Fact]
    public async Task Each_sidecar_turn_becomes_one_final_caption_with_its_speaker_and_exactly_its_words()
    {
        await using var emulator = await StartAsync();
        var transcriber = new LiveTranscriber(NewPyannote(emulator), NewTogether(emulator), FastCaptions);

        var events = await CollectAsync(transcriber.TranscribeAsync(Conversation()));

        var turns = SidecarTurns();
        var finals = events.OfType<LiveCaptionFinal>().Select(f => f.Turn).ToList();
        Assert.Equal(turns.Count, finals.Count);
        for (var i = 0; i < turns.Count; i++)
        {
            Assert.Equal(turns[i].Speaker, finals[i].Speaker);
            Assert.Equal(Expected.TurnWords[i], NormalizedWords(finals[i].Text));
            Assert.InRange(finals[i].Start.TotalSeconds, turns[i].Start - 0.001, turns[i].End);
            Assert.InRange(finals[i].End.TotalSeconds, finals[i].Start.TotalSeconds, turns[i].End + 0.001);
        }

        var completed = Assert.IsType<LiveCaptionsCompleted>(events[^1]);
        Assert.Equal(finals, completed.Transcript.Turns);
        Assert.Equal(Expected.Words, NormalizedWords(completed.Transcript.Text));
        Assert.Equal(turns.Select(t => t.Speaker).Distinct(), completed.Transcript.Speakers);

        // Who speaks now: every sidecar turn start is announced, in order, before its final caption.
        var changes = events.OfType<LiveSpeakerChanged>().Where(c => c.Speaker is not null).ToList();
        Assert.Equal(turns.Select(t => t.Speaker), changes.Select(c => c.Speaker));
        Assert.All(events.OfType<LiveCaptionProvisional>(), p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
        Assert.Contains(events, e => e is LiveCaptionProvisional);
        Assert.DoesNotContain(events, e => e is LiveCaptionIssue);
    }

    [Fact]
    public async Task A_refused_diarization_session_is_typed_and_nothing_is_read_or_left_open()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/pyannote/v1/live", "403;message=Streaming is disabled", count: 5);
        var transcriber = new LiveTranscriber(NewPyannote(emulator, o => o.Retry = new SpeechRetryOptions { MaxRetries = 0 }), NewTogether(emulator), FastCaptions);
        var read = false;
        var audio = LiveAudioSource.FromPcmChunks(EndlessTone(1, () => read = true), LiveAudioFormat.Pcm16Mono16kHz);

        var error = await Assert.ThrowsAsync<SpeechApiException>(() => CollectAsync(transcriber.TranscribeAsync(audio)));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal(SpeechVendor.Pyannote, error.Vendor);
        Assert.False(read);
    }

    [Fact]
    public async Task A_diarization_session_dropped_mid_way_ends_the_captions_with_its_typed_exception()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/pyannote/v1/live", "live-drop=8000");
        var transcriber = new LiveTranscriber(NewPyannote(emulator), NewTogether(emulator), FastCaptions);

        var error = await Assert.ThrowsAsync<LiveStreamException>(() => CollectAsync(transcriber.TranscribeAsync(Conversation())));

        Assert.Equal(SpeechVendor.Pyannote, error.Vendor);
        Assert.Null(error.CloseStatus);
    }

    [Fact]
    public async Task Cancellation_mid_stream_ends_the_captions_and_hands_out_nothing_more()
    {
        await using var emulator = await StartAsync();
        var transcriber = new LiveTranscriber(NewPyannote(emulator), NewTogether(emulator), FastCaptions);
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in transcriber.TranscribeAsync(Conversation(), cts.Token))
            {
                seen++;
                await cts.CancelAsync();
            }
        });

        Assert.Equal(1, seen);
    }
}
