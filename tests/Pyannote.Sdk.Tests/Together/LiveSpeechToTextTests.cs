using Microsoft.Extensions.AI;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Extensions.AI;
using Pyannote.Sdk.Live;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.ExtensionsAI;

/// <summary>Microsoft.Extensions.AI streaming for real on live-capable clients, against the emulator over loopback
/// WebSockets without pacing.</summary>
public sealed class LiveSpeechToTextTests : IAsyncLifetime
{
    private static readonly string Wav = RepoPaths.Combine("samples", "audio", "conversation.wav");
    private SpeechEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        var options = SpeechEmulatorOptions.ForTests();
        options.AudioLibraryDirectories.Add(RepoPaths.Combine("samples", "audio"));
        _emulator = await SpeechEmulator.StartAsync(options);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private TogetherClient Together() => new(_emulator.ApiKey, new TogetherClientOptions { Endpoint = _emulator.TogetherEndpoint });

    private PyannoteClient Pyannote() => new(_emulator.ApiKey, new PyannoteClientOptions { Endpoint = _emulator.PyannoteEndpoint });

    private static async Task<List<SpeechToTextResponseUpdate>> CollectAsync(IAsyncEnumerable<SpeechToTextResponseUpdate> updates)
    {
        var list = new List<SpeechToTextResponseUpdate>();
        await foreach (var u in updates)
        {
            list.Add(u);
        }

        return list;
    }

    private static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()).ToArray();

    [Fact]
    public async Task A_together_client_given_wav_streams_real_time_session_open_updating_updated_close()
    {
        var client = Together().AsISpeechToTextClient();
        await using var wav = File.OpenRead(Wav);
        var options = new SpeechToTextOptions { RawRepresentationFactory = _ => new TogetherRealtimeOptions { Pacing = LivePacing.None, FinalResultTimeout = TimeSpan.FromMinutes(2) } };

        var updates = await CollectAsync(client.GetStreamingTextAsync(wav, options));

        Assert.Equal(SpeechToTextResponseUpdateKind.SessionOpen, updates[0].Kind);
        Assert.Equal(SpeechToTextResponseUpdateKind.SessionClose, updates[^1].Kind);
        Assert.Contains(updates, u => u.Kind == SpeechToTextResponseUpdateKind.TextUpdating);
        var finals = updates.Where(u => u.Kind == SpeechToTextResponseUpdateKind.TextUpdated).ToList();
        Assert.True(finals.Count >= 8, $"one completed segment per pause at least, got {finals.Count}");
        using var sidecar = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Wav + ".transcript.json"));
        var expected = Words(string.Join(' ', sidecar.RootElement.GetProperty("segments").EnumerateArray().Select(t => t.GetProperty("text").GetString())));
        Assert.Equal(expected, Words(string.Join(' ', finals.Select(u => u.Text))));
        Assert.IsType<TogetherTranscriptionCompleted>(finals[0].RawRepresentation);
        Assert.Equal(0, _emulator.CountRequests("/together/v1/audio/transcriptions", "POST"));
    }

    [Fact]
    public async Task Live_can_be_turned_off_and_non_wav_audio_gets_the_finished_transcript()
    {
        var client = Together().AsISpeechToTextClient();
        await using var wav = File.OpenRead(Wav);

        var updates = await CollectAsync(client.GetStreamingTextAsync(wav, new SpeechToTextOptions { AdditionalProperties = new() { ["live"] = false } }));

        Assert.All(updates, u => Assert.Equal(SpeechToTextResponseUpdateKind.TextUpdated, u.Kind));
        Assert.Equal(1, _emulator.CountRequests("/together/v1/audio/transcriptions", "POST"));
    }

    [Fact]
    public async Task Live_captions_stream_with_the_speaker_in_each_update_and_get_text_returns_the_transcript()
    {
        var transcriber = new LiveTranscriber(Pyannote(), Together(), new LiveTranscriberOptions { Pacing = LivePacing.None, FinalResultTimeout = TimeSpan.FromMinutes(2) });
        var client = transcriber.AsISpeechToTextClient();

        await using (var wav = File.OpenRead(Wav))
        {
            var updates = await CollectAsync(client.GetStreamingTextAsync(wav));

            Assert.Equal(SpeechToTextResponseUpdateKind.SessionOpen, updates[0].Kind);
            var close = updates[^1];
            Assert.Equal(SpeechToTextResponseUpdateKind.SessionClose, close.Kind);
            var transcript = Assert.IsType<Transcript>(close.RawRepresentation);
            var finals = updates.Where(u => u.Kind == SpeechToTextResponseUpdateKind.TextUpdated).ToList();
            Assert.Equal(8, finals.Count);
            Assert.Equal(["SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_01"], finals.Select(u => (string?)u.AdditionalProperties?["speaker"]));
            Assert.All(finals, u => Assert.True(u.StartTime < u.EndTime));
            Assert.All(updates.Where(u => u.Kind == SpeechToTextResponseUpdateKind.TextUpdating), u => Assert.NotNull(u.AdditionalProperties?["speaker"]));
            Assert.Equal(transcript.Turns.Select(t => t.Text), finals.Select(u => u.Text));
        }

        await using (var wav = File.OpenRead(Wav))
        {
            var response = await client.GetTextAsync(wav);

            Assert.StartsWith("Good morning", response.Text, StringComparison.Ordinal);
            Assert.Equal(8, Assert.IsType<Transcript>(response.RawRepresentation).Turns.Count);
        }
    }
}
