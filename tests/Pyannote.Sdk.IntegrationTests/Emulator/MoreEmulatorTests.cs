using System.Net;
using System.Text;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed class StorageAndStreamingEmulatorTests
{
    [Fact]
    public async Task Media_output_gives_a_signed_download_url_for_the_uploaded_bytes()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        using var plain = new HttpClient();
        var input = (await ReadJsonAsync(await api.PostAsync("v1/media/input", Json("""{"url":"media://x/y.bin"}""")))).GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await plain.PutAsync(input, new ByteArrayContent("hello"u8.ToArray()))).StatusCode);

        var output = await api.PostAsync("v1/media/output", Json("""{"url":"media://x/y.bin"}"""));
        Assert.Equal(HttpStatusCode.Created, output.StatusCode);
        var download = (await ReadJsonAsync(output)).GetProperty("url").GetString()!;
        Assert.Equal("hello", await plain.GetStringAsync(download));
        // A PUT signature does not authorise a GET.
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(input)).StatusCode);
    }

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

    [Fact]
    public async Task Webhooks_to_non_loopback_hosts_are_recorded_but_never_sent()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        await api.PostAsync("v1/diarize", Json("""{"url":"https://example.com/a.wav","webhook":"https://example.com/hook"}"""));

        await emulator.WaitForWebhooksAsync();

        var delivery = Assert.Single(emulator.WebhookDeliveries);
        Assert.Equal("skipped_non_loopback", delivery.Outcome);
        Assert.Null(delivery.StatusCode);
    }
}

public sealed class ContentAndKeyEmulatorTests
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

    [Fact]
    public async Task Accept_any_api_key_still_requires_a_key()
    {
        var options = Options();
        options.AcceptAnyApiKey = true;
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var anyKey = Client(emulator.PyannoteEndpoint, "whatever");
        using var noKey = Client(emulator.PyannoteEndpoint);

        Assert.Equal(HttpStatusCode.OK, (await anyKey.GetAsync("v1/test")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.GetAsync("v1/test")).StatusCode);
    }

    [Fact]
    public async Task Start_rejects_invalid_options_before_listening()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SpeechEmulator.StartAsync(new SpeechEmulatorOptions { ApiKey = "" }));
        await Assert.ThrowsAsync<ArgumentException>(() => SpeechEmulator.StartAsync(new SpeechEmulatorOptions { JobQueuedDelay = TimeSpan.FromSeconds(-1) }));
        var badFault = new SpeechEmulatorOptions();
        badFault.Faults.Add(new EmulatorFaultRule("*", "retry-after=soon"));
        await Assert.ThrowsAsync<ArgumentException>(() => SpeechEmulator.StartAsync(badFault));
    }
}
