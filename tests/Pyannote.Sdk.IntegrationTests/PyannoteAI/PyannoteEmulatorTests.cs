using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed class PyannoteEmulatorTests
{
    private static async Task<string> UploadConversationAsync(HttpClient api, string key = "tests/conversation.wav")
    {
        var created = await api.PostAsync("v1/media/input", Json($$"""{"url":"media://{{key}}"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var putUrl = (await ReadJsonAsync(created)).GetProperty("url").GetString()!;
        using var plain = new HttpClient();
        var bytes = await File.ReadAllBytesAsync(ConversationWav);
        var put = await plain.PutAsync(putUrl, new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return "media://" + key;
    }

    private static async Task<JsonElement> CreateAndGetAsync(HttpClient api, string path, string body)
    {
        var created = await api.PostAsync(path, Json(body));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var job = await ReadJsonAsync(created);
        Assert.Equal("created", job.GetProperty("status").GetString());
        var get = await api.GetAsync("v1/jobs/" + job.GetProperty("jobId").GetString());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        return await ReadJsonAsync(get);
    }

    [Fact]
    public async Task Key_check_accepts_the_configured_key_and_rejects_missing_or_wrong_keys_with_401()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var good = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        using var wrong = Client(emulator.PyannoteEndpoint, "not-the-key");
        using var none = Client(emulator.PyannoteEndpoint);

        var ok = await good.GetAsync("v1/test");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ReadJsonAsync(ok);
        Assert.Equal("OK", body.GetProperty("status").GetString());
        Assert.True(body.TryGetProperty("message", out _));

        foreach (var client in new[] { wrong, none })
        {
            var denied = await client.PostAsync("v1/diarize", Json("""{"url":"https://example.com/a.wav"}"""));
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
            var error = await ReadJsonAsync(denied);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
            Assert.True(Guid.TryParse(error.GetProperty("requestId").GetString(), out _));
        }
        Assert.Equal(0, emulator.PyannoteJobsCount());
    }

    [Fact]
    public async Task Uploaded_media_is_diarized_from_its_sidecar_with_words_and_turns()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        var media = await UploadConversationAsync(api);

        var job = await CreateAndGetAsync(api, "v1/diarize", $$"""{"url":"{{media}}","transcription":true,"exclusive":true,"confidence":true,"turnLevelConfidence":true}""");

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.StartsWith("emulated/", job.GetProperty("model").GetString());
        var output = job.GetProperty("output");
        var sidecar = Sidecar().GetProperty("segments");
        var diarization = output.GetProperty("diarization");
        Assert.Equal(sidecar.GetArrayLength(), diarization.GetArrayLength());
        for (int i = 0; i < sidecar.GetArrayLength(); i++)
        {
            Assert.Equal(sidecar[i].GetProperty("speaker").GetString(), diarization[i].GetProperty("speaker").GetString());
            Assert.Equal(sidecar[i].GetProperty("start").GetDouble(), diarization[i].GetProperty("start").GetDouble(), 3);
            Assert.Equal(93, diarization[i].GetProperty("confidence").GetProperty(diarization[i].GetProperty("speaker").GetString()!).GetInt32());
        }
        Assert.Equal(diarization.GetArrayLength(), output.GetProperty("exclusiveDiarization").GetArrayLength());
        Assert.Equal(0.02, output.GetProperty("confidence").GetProperty("resolution").GetDouble());
        var frames = (int)Math.Ceiling(Sidecar().GetProperty("duration").GetDouble() / 0.02);
        Assert.InRange(output.GetProperty("confidence").GetProperty("score").GetArrayLength(), frames - 2, frames + 2);
        var words = output.GetProperty("wordLevelTranscription");
        Assert.Equal("Good", words[0].GetProperty("text").GetString());
        Assert.Equal("SPEAKER_00", words[0].GetProperty("speaker").GetString());
        var turns = output.GetProperty("turnLevelTranscription");
        Assert.Equal(sidecar[1].GetProperty("text").GetString(), turns[1].GetProperty("text").GetString());
        Assert.Equal("SPEAKER_01", turns[1].GetProperty("speaker").GetString());
    }

    [Fact]
    public async Task Presigned_put_rejects_an_authorization_header_and_a_missing_content_length()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        var created = await api.PostAsync("v1/media/input", Json("""{"url":"media://a/b.wav"}"""));
        var putUrl = (await ReadJsonAsync(created)).GetProperty("url").GetString()!;
        Assert.StartsWith(emulator.BaseAddress + "storage/", putUrl);
        Assert.Contains("X-Signature=", putUrl);

        using var withAuth = new HttpRequestMessage(HttpMethod.Put, putUrl) { Content = new ByteArrayContent([1, 2, 3]) };
        withAuth.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        using var plain = new HttpClient();
        var rejected = await plain.SendAsync(withAuth);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("<Code>InvalidArgument</Code>", await rejected.Content.ReadAsStringAsync());

        using var chunked = new HttpRequestMessage(HttpMethod.Put, putUrl) { Content = new StreamContent(new NonSeekableStream([1, 2, 3])) };
        chunked.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.LengthRequired, (await plain.SendAsync(chunked)).StatusCode);

        var tampered = putUrl.Replace("X-Signature=", "X-Signature=00", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.PutAsync(tampered, new ByteArrayContent([1]))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await plain.PutAsync(putUrl, new ByteArrayContent([1, 2, 3]))).StatusCode);
        Assert.Equal(4, emulator.CountRequests("/storage/pyannote/a/b.wav", "PUT"));
        Assert.All(emulator.RequestLog.Where(r => r.Vendor == "storage" && r.StatusCode == 200), r => Assert.False(r.HadAuthorization));
    }

    [Fact]
    public async Task Invalid_fields_get_400_with_the_validation_error_body()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);

        var response = await api.PostAsync("v1/diarize", Json("""{"url":"ftp://x","numSpeakers":0,"minSpeakers":3,"maxSpeakers":2,"model":"community-1","transcription":true}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("Invalid request", body.GetProperty("message").GetString());
        var fields = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["url", "numSpeakers", "minSpeakers", "transcription"], fields);

        var missing = await api.PostAsync("v1/identify", Json("""{"url":"https://example.com/a.wav","voiceprints":[{"label":"SPEAKER_1","voiceprint":"x"}]}"""));
        Assert.Equal("voiceprints[0].label", (await ReadJsonAsync(missing)).GetProperty("errors")[0].GetProperty("field").GetString());

        var media = await api.PostAsync("v1/media/input", Json("""{"url":"media://has space"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, media.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("v1/jobs/" + Guid.NewGuid())).StatusCode);
    }

    [Fact]
    public async Task Speaker_count_options_are_honoured()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        var media = await UploadConversationAsync(api);

        var one = await CreateAndGetAsync(api, "v1/diarize", $$"""{"url":"{{media}}","numSpeakers":1}""");
        Assert.All(one.GetProperty("output").GetProperty("diarization").EnumerateArray(), s => Assert.Equal("SPEAKER_00", s.GetProperty("speaker").GetString()));

        var three = await CreateAndGetAsync(api, "v1/diarize", $$"""{"url":"{{media}}","minSpeakers":3,"maxSpeakers":4}""");
        Assert.Equal(3, three.GetProperty("output").GetProperty("diarization").EnumerateArray().Select(s => s.GetProperty("speaker").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Identify_and_voiceprint_jobs_produce_their_output_shapes()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        var media = await UploadConversationAsync(api);

        var voiceprint = await CreateAndGetAsync(api, "v1/voiceprint", $$"""{"url":"{{media}}"}""");
        var print = voiceprint.GetProperty("output").GetProperty("voiceprint").GetString()!;
        Assert.NotEmpty(Convert.FromBase64String(print));

        var identify = await CreateAndGetAsync(api, "v1/identify", $$"""{"url":"{{media}}","voiceprints":[{"label":"Alice","voiceprint":"{{print}}"}]}""");
        var output = identify.GetProperty("output");
        var first = output.GetProperty("identification")[0];
        Assert.Equal("SPEAKER_00", first.GetProperty("diarizationSpeaker").GetString());
        Assert.Equal("Alice", first.GetProperty("match").GetString());
        Assert.Equal(JsonValueKind.Null, output.GetProperty("identification")[1].GetProperty("match").ValueKind);
        Assert.Equal("Alice", output.GetProperty("voiceprints")[0].GetProperty("match").GetString());
    }

    [Fact]
    public async Task Job_moves_from_created_to_running_to_succeeded_with_the_configured_delays()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var options = Options();
        options.TimeProvider = clock;
        options.JobQueuedDelay = TimeSpan.FromSeconds(5);
        options.JobRunningDelay = TimeSpan.FromSeconds(30);
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        var id = (await ReadJsonAsync(await api.PostAsync("v1/diarize", Json("""{"url":"https://example.com/call.wav"}""")))).GetProperty("jobId").GetString();

        async Task<JsonElement> Poll() => await ReadJsonAsync(await api.GetAsync("v1/jobs/" + id));
        var created = await Poll();
        Assert.Equal("created", created.GetProperty("status").GetString());
        Assert.False(created.TryGetProperty("output", out _));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal("running", (await Poll()).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromSeconds(30));
        var done = await Poll();
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal("2026-01-02T03:04:40.0000000Z", done.GetProperty("updatedAt").GetString());
        Assert.True(done.GetProperty("output").GetProperty("diarization").GetArrayLength() > 0); // synthetic content for a URL it cannot fetch
    }

    [Fact]
    public async Task Jobs_list_pages_newest_first_with_next_cursor_and_filters_by_status()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            var fault = i == 1 ? "job-failed" : null;
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/diarize") { Content = Json("""{"url":"https://example.com/a.wav"}""") };
            if (fault is not null)
            {
                request.Headers.Add(SpeechEmulator.FaultHeader, fault);
            }

            ids.Add((await ReadJsonAsync(await api.SendAsync(request))).GetProperty("jobId").GetString()!);
        }
        ids.Reverse();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ReadJsonAsync(await api.GetAsync("v2/jobs?limit=2" + (cursor is null ? "" : "&cursor=" + cursor)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            Assert.True(page.GetProperty("items")[0].TryGetProperty("createdAt", out _));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null);
        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);

        var failed = await ReadJsonAsync(await api.GetAsync("v2/jobs?status=failed"));
        Assert.Equal(ids[3], Assert.Single(failed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("v2/jobs?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("v2/jobs?status=done")).StatusCode);
    }

    [Fact]
    public async Task Webhook_is_signed_and_redelivered_with_retry_headers_after_a_receiver_error()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        var id = (await ReadJsonAsync(await api.PostAsync("v1/diarize", Json($$"""{"url":"https://example.com/a.wav","webhook":"{{receiver.Url}}"}""")))).GetProperty("jobId").GetString();

        await emulator.WaitForWebhooksAsync();

        var received = receiver.Requests.ToArray();
        Assert.Equal(2, received.Length);
        Assert.Null(received[0].Header("x-retry-num"));
        Assert.Equal("1", received[1].Header("x-retry-num"));
        Assert.Equal("http_error", received[1].Header("x-retry-reason"));
        foreach (var delivery in received)
        {
            var timestamp = delivery.Header("x-request-timestamp")!;
            Assert.InRange(long.Parse(timestamp), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
            var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(emulator.WebhookSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(delivery.Body).ToArray()));
            Assert.Equal(expected, delivery.Header("x-signature"));
            using var body = JsonDocument.Parse(delivery.Body);
            Assert.Equal(id, body.RootElement.GetProperty("jobId").GetString());
            Assert.Equal("succeeded", body.RootElement.GetProperty("status").GetString());
            Assert.True(body.RootElement.GetProperty("output").GetProperty("diarization").GetArrayLength() > 0);
        }
        Assert.Equal(["http_error", "delivered"], emulator.WebhookDeliveries.Select(d => d.Outcome));
    }

    [Fact]
    public async Task Webhook_status_only_hex_signature_and_injected_delivery_failures()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var options = Options();
        options.WebhookSignatureEncoding = WebhookSignatureEncoding.V0Hex;
        options.WebhookSecret = "whsec-test";
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/diarize")
        {
            Content = Json($$"""{"url":"https://example.com/a.wav","webhook":"{{receiver.Url}}","webhookStatusOnly":true}"""),
        };
        request.Headers.Add(SpeechEmulator.FaultHeader, "webhook-fail=2");
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(request)).StatusCode);

        await emulator.WaitForWebhooksAsync();

        var delivery = Assert.Single(receiver.Requests);
        Assert.Equal("2", delivery.Header("x-retry-num"));
        Assert.Equal("connection_failed", delivery.Header("x-retry-reason"));
        Assert.DoesNotContain("output", delivery.BodyText);
        var timestamp = delivery.Header("x-request-timestamp")!;
        var hex = Convert.ToHexString(HMACSHA256.HashData("whsec-test"u8.ToArray(), Encoding.UTF8.GetBytes($"v0:{timestamp}:{delivery.BodyText}"))).ToLowerInvariant();
        Assert.Equal("v0=" + hex, delivery.Header("x-signature"));
        Assert.Equal("v0=" + hex, emulator.ComputeWebhookSignature(timestamp, delivery.BodyText));
    }

    [Fact]
    public async Task Https_only_webhooks_can_be_enforced_like_the_real_api()
    {
        var options = Options();
        options.AllowHttpWebhooks = false;
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        var response = await api.PostAsync("v1/diarize", Json("""{"url":"https://example.com/a.wav","webhook":"http://127.0.0.1:1/hook"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("webhook", (await ReadJsonAsync(response)).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Job_faults_fail_cancel_or_vanish_the_job()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);
        async Task<(HttpStatusCode, JsonElement?)> RunAsync(string fault)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/diarize") { Content = Json("""{"url":"https://example.com/a.wav"}""") };
            request.Headers.Add(SpeechEmulator.FaultHeader, fault);
            var id = (await ReadJsonAsync(await api.SendAsync(request))).GetProperty("jobId").GetString();
            var get = await api.GetAsync("v1/jobs/" + id);
            return (get.StatusCode, get.IsSuccessStatusCode ? await ReadJsonAsync(get) : null);
        }

        var (_, failed) = await RunAsync("job-failed");
        Assert.Equal("failed", failed!.Value.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(failed.Value.GetProperty("output").GetProperty("error").GetString()));
        var (_, canceled) = await RunAsync("job-canceled");
        Assert.Equal("canceled", canceled!.Value.GetProperty("status").GetString());
        Assert.False(canceled.Value.TryGetProperty("output", out _));
        var (status, _) = await RunAsync("job-vanish");
        Assert.Equal(HttpStatusCode.NotFound, status);

        var neverUploaded = await CreateAndGetAsync(api, "v1/diarize", """{"url":"media://never/uploaded.wav"}""");
        Assert.Equal("failed", neverUploaded.GetProperty("status").GetString());
        Assert.Contains("Could not load audio", neverUploaded.GetProperty("output").GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rate_limit_headers_are_on_every_response_and_429_carries_reset_and_retry_after()
    {
        var options = Options();
        options.EnforceRateLimits = true;
        options.PyannoteRequestsPerMinute = 2;
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var api = Client(emulator.PyannoteEndpoint, emulator.ApiKey);

        var first = await api.GetAsync("v1/test");
        Assert.Equal("2", first.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("1", first.Headers.GetValues("X-RateLimit-Remaining").Single());
        await api.GetAsync("v1/test");
        var limited = await api.GetAsync("v1/test");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.InRange(long.Parse(limited.Headers.GetValues("X-RateLimit-Reset").Single()) - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1, 61);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.True((await ReadJsonAsync(limited)).TryGetProperty("requestId", out _));
    }
}

internal static class EmulatorTestExtensions
{
    public static int PyannoteJobsCount(this SpeechEmulator emulator) =>
        emulator.RequestLog.Count(r => r.Path.EndsWith("/v1/diarize", StringComparison.Ordinal) && r.StatusCode == 200);
}
