using System.Net;
using System.Text.Json;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed class TogetherEmulatorTests
{
    [Fact]
    public async Task Verbose_json_with_diarize_returns_speaker_segments_and_words_from_the_upload()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.TogetherEndpoint, emulator.ApiKey);

        var response = await api.PostAsync("v1/audio/transcriptions", AudioForm("file", ConversationWav,
            ("model", "openai/whisper-large-v3"), ("response_format", "verbose_json"), ("diarize", "true"), ("timestamp_granularities[]", "word")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("emulated/openai/whisper-large-v3", response.Headers.GetValues("X-Emulated-Model").Single());
        var body = await ReadJsonAsync(response);
        Assert.StartsWith("Good morning,", body.GetProperty("text").GetString());
        Assert.Equal(Sidecar().GetProperty("duration").GetDouble(), body.GetProperty("duration").GetDouble(), 2);
        var segments = body.GetProperty("speaker_segments");
        Assert.Equal(8, segments.GetArrayLength());
        Assert.Equal("SPEAKER_01", segments[1].GetProperty("speaker_id").GetString());
        Assert.Equal("SPEAKER_01", segments[1].GetProperty("words")[0].GetProperty("speaker_id").GetString());
        Assert.Equal(body.GetProperty("words").GetArrayLength(), segments.EnumerateArray().Sum(s => s.GetProperty("words").GetArrayLength()));
        Assert.Equal(0, body.GetProperty("words")[0].GetProperty("id").GetInt32());
        Assert.Equal(8, body.GetProperty("segments").GetArrayLength());
    }

    [Fact]
    public async Task Json_format_url_file_and_translation_have_their_shapes()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.TogetherEndpoint, emulator.ApiKey);

        var json = await ReadJsonAsync(await api.PostAsync("v1/audio/transcriptions", AudioForm("file", ConversationWav)));
        Assert.Equal(["text"], json.EnumerateObject().Select(p => p.Name));

        var byUrl = new MultipartFormDataContent { { new StringContent("https://example.com/talk.mp3"), "file" }, { new StringContent("verbose_json"), "response_format" } };
        var verbose = await ReadJsonAsync(await api.PostAsync("v1/audio/transcriptions", byUrl));
        Assert.False(verbose.TryGetProperty("words", out _));
        Assert.False(verbose.TryGetProperty("speaker_segments", out _));
        Assert.True(verbose.GetProperty("segments").GetArrayLength() > 0);

        var translated = await ReadJsonAsync(await api.PostAsync("v1/audio/translations", AudioForm("file", ConversationWav, ("response_format", "verbose_json"))));
        Assert.Equal("en", translated.GetProperty("language").GetString());
        Assert.False(translated.TryGetProperty("speaker_segments", out _));
    }

    [Fact]
    public async Task Errors_use_the_error_envelope_for_401_400_and_413()
    {
        var options = Options();
        options.TogetherMaxUploadBytes = 100_000;
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var api = Client(emulator.TogetherEndpoint, emulator.ApiKey);
        using var anonymous = Client(emulator.TogetherEndpoint);

        var unauthorized = await anonymous.PostAsync("v1/audio/transcriptions", AudioForm("file", ConversationWav));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("missing_api_key", (await ReadJsonAsync(unauthorized)).GetProperty("error").GetProperty("code").GetString());

        var noFile = await api.PostAsync("v1/audio/transcriptions", new MultipartFormDataContent { { new StringContent("json"), "response_format" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        var error = (await ReadJsonAsync(noFile)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("file", error.GetProperty("param").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);

        var badFormat = await api.PostAsync("v1/audio/transcriptions", new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[1000]), "file", "small.wav" },
            { new StringContent("srt"), "response_format" },
        });
        Assert.Equal("response_format", (await ReadJsonAsync(badFormat)).GetProperty("error").GetProperty("param").GetString());

        var tooLarge = await api.PostAsync("v1/audio/transcriptions", AudioForm("file", ConversationWav));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.True((await ReadJsonAsync(tooLarge)).GetProperty("error").TryGetProperty("message", out _));
    }

    [Fact]
    public async Task Energy_detector_finds_the_turns_and_separates_the_two_voices_without_a_sidecar()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options(withSidecars: false));
        using var api = Client(emulator.TogetherEndpoint, emulator.ApiKey);
        // Copy under another name so the file-name fallback cannot find the sidecar either.
        var copy = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".wav");
        File.Copy(ConversationWav, copy);
        try
        {
            var body = await ReadJsonAsync(await api.PostAsync("v1/audio/transcriptions", AudioForm("file", copy, ("response_format", "verbose_json"), ("diarize", "true"))));
            var found = body.GetProperty("speaker_segments").EnumerateArray().ToList();
            var truth = Sidecar().GetProperty("segments").EnumerateArray().ToList();
            Assert.Equal(truth.Count, found.Count);
            for (int i = 0; i < truth.Count; i++)
            {
                Assert.Equal(truth[i].GetProperty("speaker").GetString(), found[i].GetProperty("speaker_id").GetString());
                Assert.Equal(truth[i].GetProperty("start").GetDouble(), found[i].GetProperty("start").GetDouble(), 0.1);
                Assert.Equal(truth[i].GetProperty("end").GetDouble(), found[i].GetProperty("end").GetDouble(), 0.1);
            }
        }
        finally
        {
            File.Delete(copy);
        }
    }
}

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
        var clock = new ManualClock(DateTimeOffset.UtcNow);
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
