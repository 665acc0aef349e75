using System.Net;
using System.Text.Json;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed class JigsawStackEmulatorTests
{
    [Fact]
    public async Task Stored_file_is_transcribed_by_speaker_with_chunk_speakers_and_speakers_array()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.JigsawStackEndpoint, apiKey: emulator.ApiKey);

        var store = await api.PostAsync("v1/store/file", AudioForm("file", ConversationWav, ("body", """{"key":"calls/one.wav"}""")));
        Assert.Equal(HttpStatusCode.OK, store.StatusCode);
        var stored = await ReadJsonAsync(store);
        Assert.Equal("calls/one.wav", stored.GetProperty("key").GetString());
        Assert.Equal(new FileInfo(ConversationWav).Length, stored.GetProperty("size").GetInt64());
        Assert.True(store.Headers.Contains("x-jigsaw-rate-limit-remaining"));
        Assert.InRange(long.Parse(store.Headers.GetValues("x-jigsaw-rate-limit-reset").Single()), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 2000);

        var byKey = await ReadJsonAsync(await api.PostAsync("v1/ai/transcribe", Json("""{"file_store_key":"calls/one.wav","by_speaker":true}""")));
        Assert.True(byKey.GetProperty("success").GetBoolean());
        Assert.StartsWith(" Good morning", byKey.GetProperty("text").GetString());
        Assert.Equal("Speaker 1", byKey.GetProperty("chunks")[0].GetProperty("speaker").GetString());
        Assert.Equal(2, byKey.GetProperty("chunks")[0].GetProperty("timestamp").GetArrayLength());
        var speakers = byKey.GetProperty("speakers");
        Assert.Equal(8, speakers.GetArrayLength());
        Assert.Equal("Speaker 2", speakers[1].GetProperty("speaker").GetString());

        var byUrl = await ReadJsonAsync(await api.PostAsync("v1/ai/transcribe", Json($$"""{"url":"{{stored.GetProperty("url").GetString()}}"}""")));
        Assert.Equal(byKey.GetProperty("text").GetString(), byUrl.GetProperty("text").GetString());
        Assert.False(byUrl.GetProperty("chunks")[0].TryGetProperty("speaker", out _));

        var multipart = await ReadJsonAsync(await api.PostAsync("v1/ai/transcribe", AudioForm("file", ConversationWav, ("body", """{"by_speaker":true}"""))));
        Assert.Equal(8, multipart.GetProperty("speakers").GetArrayLength());

        var file = await api.GetAsync("v1/store/file/read/calls/one.wav");
        Assert.Equal(new FileInfo(ConversationWav).Length, (await file.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Webhook_mode_answers_processing_then_posts_the_result_with_id_and_status()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.JigsawStackEndpoint, apiKey: emulator.ApiKey);

        var immediate = await ReadJsonAsync(await api.PostAsync("v1/ai/transcribe", Json($$"""{"url":"https://example.com/a.mp3","webhook_url":"{{receiver.Url}}"}""")));
        Assert.Equal("processing", immediate.GetProperty("status").GetString());
        Assert.True(immediate.GetProperty("success").GetBoolean());
        await emulator.WaitForWebhooksAsync();

        var delivery = Assert.Single(receiver.Requests);
        using var body = JsonDocument.Parse(delivery.Body);
        Assert.Equal(immediate.GetProperty("id").GetString(), body.RootElement.GetProperty("id").GetString());
        Assert.Equal("success", body.RootElement.GetProperty("status").GetString());
        Assert.True(body.RootElement.GetProperty("chunks").GetArrayLength() > 0);
        Assert.Null(delivery.Header("x-signature"));
    }

    [Fact]
    public async Task Auth_and_validation_errors_use_the_success_false_body()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.JigsawStackEndpoint, apiKey: emulator.ApiKey);
        using var anonymous = Client(emulator.JigsawStackEndpoint);
        using var wrong = Client(emulator.JigsawStackEndpoint, apiKey: "wrong");

        var missing = await anonymous.PostAsync("v1/ai/transcribe", Json("""{"url":"https://example.com/a.mp3"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        var body = await ReadJsonAsync(missing);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("missing_api_key", body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await wrong.PostAsync("v1/ai/transcribe", Json("""{"url":"https://example.com/a.mp3"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"v1/ai/transcribe?x-api-key={emulator.ApiKey}", Json("""{"url":"https://example.com/a.mp3"}"""))).StatusCode);

        var none = await api.PostAsync("v1/ai/transcribe", Json("""{"language":"en"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("validation_error", (await ReadJsonAsync(none)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("v1/ai/transcribe", Json("""{"url":"https://example.com/a.mp3","batch_size":41}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("v1/ai/transcribe", Json("""{"file_store_key":"nope"}"""))).StatusCode);
    }
}
