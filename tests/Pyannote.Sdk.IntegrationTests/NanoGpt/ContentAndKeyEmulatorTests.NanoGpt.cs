using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed partial class ContentAndKeyEmulatorTests
{
    [Fact]
    public async Task Non_wav_uploads_fall_back_to_a_size_based_duration()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.NanoGptEndpoint, apiKey: emulator.ApiKey);
        var mp3 = new byte[48_000]; // 3 s at 128 kbit/s
        new byte[] { 0xFF, 0xFB, 0x90, 0x64 }.CopyTo(mp3, 0); // an MPEG-1 layer III frame header: recognised as MP3, not decoded
        var notWav = new MultipartFormDataContent { { new ByteArrayContent(mp3), "audio", "clip.mp3" } };

        var body = await ReadJsonAsync(await api.PostAsync("api/transcribe", notWav));

        Assert.Equal(3.0 / 60, body.GetProperty("metadata").GetProperty("actualDuration").GetDouble(), 3);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("transcription").GetString()));
    }
}
