using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed class NanoGptEmulatorTests
{
    [Fact]
    public async Task Whisper_upload_is_answered_synchronously_with_emulated_model_metadata()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.NanoGptEndpoint, apiKey: emulator.ApiKey);

        var response = await api.PostAsync("api/transcribe", AudioForm("audio", ConversationWav, ("model", "Whisper-Large-V3")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.StartsWith("Good morning", body.GetProperty("transcription").GetString());
        var metadata = body.GetProperty("metadata");
        Assert.Equal("emulated/Whisper-Large-V3", metadata.GetProperty("model").GetString());
        Assert.Equal("USD", metadata.GetProperty("currency").GetString());
        Assert.Equal("conversation.wav", metadata.GetProperty("fileName").GetString());
        Assert.Equal(Sidecar().GetProperty("duration").GetDouble() / 60, metadata.GetProperty("actualDuration").GetDouble(), 3);
    }

    [Fact]
    public async Task Elevenlabs_run_is_accepted_with_202_and_polled_to_completion_with_both_label_conventions()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options();
        options.TimeProvider = clock;
        options.JobQueuedDelay = TimeSpan.FromSeconds(1);
        options.JobRunningDelay = TimeSpan.FromSeconds(1);
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var api = Client(emulator.NanoGptEndpoint, apiKey: emulator.ApiKey);

        var accepted = await api.PostAsync("api/transcribe", Json("""{"audioUrl":"https://example.com/meeting.mp3","model":"Elevenlabs-STT","diarize":true}"""));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var run = await ReadJsonAsync(accepted);
        Assert.Equal("pending", run.GetProperty("status").GetString());
        Assert.Equal("Elevenlabs-STT", run.GetProperty("model").GetString());
        Assert.Equal("USD", run.GetProperty("paymentSource").GetString());
        Assert.True(run.GetProperty("isApiRequest").GetBoolean());
        var statusRequest = $$"""{"runId":"{{run.GetProperty("runId").GetString()}}","diarize":true}""";

        async Task<JsonElement> Poll() => await ReadJsonAsync(await api.PostAsync("api/transcribe/status", Json(statusRequest)));
        Assert.Equal("pending", (await Poll()).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal("processing", (await Poll()).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromSeconds(1));
        var done = await Poll();
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.StartsWith("Speaker 1: ", done.GetProperty("transcription").GetString());
        Assert.Equal("speaker_0", done.GetProperty("words")[0].GetProperty("speaker_id").GetString());
        Assert.Equal("word", done.GetProperty("words")[0].GetProperty("type").GetString());
        Assert.Equal("Speaker 1", done.GetProperty("diarization").GetProperty("segments")[0].GetProperty("speaker").GetString());

        var unknown = await api.PostAsync("api/transcribe/status", Json("""{"runId":"nope"}"""));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(404, (await ReadJsonAsync(unknown)).GetProperty("error").GetInt32());
    }

    [Fact]
    public async Task Errors_for_auth_missing_fields_and_uploads_over_3_MB()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.NanoGptEndpoint, apiKey: emulator.ApiKey);
        using var anonymous = Client(emulator.NanoGptEndpoint);
        using var bearer = Client(emulator.NanoGptEndpoint, bearer: emulator.ApiKey);

        var unauthorized = await anonymous.PostAsync("api/transcribe", Json("""{"audioUrl":"https://example.com/a.mp3"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(401, (await ReadJsonAsync(unauthorized)).GetProperty("error").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await bearer.PostAsync("api/transcribe", Json("""{"audioUrl":"https://example.com/a.mp3"}"""))).StatusCode);

        var missing = await api.PostAsync("api/transcribe", Json("""{"model":"Wizper"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var body = await ReadJsonAsync(missing);
        Assert.Equal(400, body.GetProperty("error").GetInt32());
        Assert.Contains("audioUrl", body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("api/transcribe", Json("""{"audioUrl":"https://example.com/a.mp3","model":"nope"}"""))).StatusCode);

        var big = new MultipartFormDataContent { { new ByteArrayContent(new byte[3 * 1024 * 1024 + 1]), "audio", "big.wav" } };
        var tooLarge = await api.PostAsync("api/transcribe", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(413, (await ReadJsonAsync(tooLarge)).GetProperty("error").GetInt32());
    }
}
