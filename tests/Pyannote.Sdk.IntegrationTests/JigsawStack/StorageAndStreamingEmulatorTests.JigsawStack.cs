using System.Net;
using System.Text;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed partial class StorageAndStreamingEmulatorTests
{
    [Fact]
    public async Task JigsawStack_store_accepts_a_raw_body_with_a_key_query_and_refuses_silent_overwrites()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.JigsawStackEndpoint, apiKey: emulator.ApiKey);
        var bytes = await File.ReadAllBytesAsync(ConversationWav);
        ByteArrayContent Raw()
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new("audio/wav");
            return content;
        }

        var stored = await ReadJsonAsync(await api.PostAsync("v1/store/file?key=raw.wav", Raw()));
        Assert.Equal("raw.wav", stored.GetProperty("key").GetString());
        Assert.Equal(bytes.Length, stored.GetProperty("size").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("v1/store/file?key=raw.wav", Raw())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("v1/store/file?key=raw.wav&overwrite=true", Raw())).StatusCode);

        var transcript = await ReadJsonAsync(await api.PostAsync("v1/ai/transcribe", Json("""{"file_store_key":"raw.wav"}""")));
        Assert.StartsWith(" Good morning", transcript.GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync("v1/store/file/read/raw.wav")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("v1/store/file/read/raw.wav")).StatusCode);
    }

    [Fact]
    public async Task JigsawStack_stream_mode_sends_server_sent_events_ending_with_done()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.JigsawStackEndpoint, apiKey: emulator.ApiKey);
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(ConversationWav));
        content.Headers.ContentType = new("audio/wav");

        var response = await api.PostAsync("v1/ai/transcribe?stream=true&language=en", content);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("data: ", l));
        Assert.Contains("\"type\":\"transcript.start\"", lines[0]);
        Assert.Contains(lines, l => l.Contains("\"type\":\"transcript.delta\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"type\":\"transcript.done\"", StringComparison.Ordinal) && l.Contains("Good morning", StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", lines[^1]);

        var notEnglish = await api.PostAsync("v1/ai/transcribe?stream=true", new ByteArrayContent(Encoding.ASCII.GetBytes("RIFF")));
        Assert.Equal(HttpStatusCode.BadRequest, notEnglish.StatusCode);
    }
}
