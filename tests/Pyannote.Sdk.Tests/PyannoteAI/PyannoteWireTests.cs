using System.Net;
using System.Text.Json;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.PyannoteAI;
using RichardSzalay.MockHttp;

namespace Pyannote.Sdk.Tests.PyannoteAI;

public class PyannoteWireTests
{
    private static void AssertBearer(RecordedRequest r)
    {
        Assert.Equal("Bearer", r.Authorization?.Scheme);
        Assert.Equal(PyannoteTestKit.ApiKey, r.Authorization?.Parameter);
    }

    [Fact]
    public async Task Diarize_with_defaults_sends_only_the_url_as_in_the_published_minimal_request()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Post, "https://api.pyannote.ai/v1/diarize").Respond(_ => PyannoteTestKit.Json(PyannoteTestKit.TestData("job-created.json")));

        var job = await kit.Client.StartDiarizationAsync(AudioInput.FromUrl("https://files.pyannote.ai/marklex1min.wav"));

        var r = Assert.Single(kit.Requests);
        Assert.Equal(HttpMethod.Post, r.Method);
        Assert.Equal("https://api.pyannote.ai/v1/diarize", r.Uri.AbsoluteUri);
        AssertBearer(r);
        Assert.Equal("application/json", r.ContentType);
        Assert.Equal("{\"url\":\"https://files.pyannote.ai/marklex1min.wav\"}", r.Body);
        // Same JSON as the tutorial's minimal request.
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(PyannoteTestKit.TestData("diarize-request-minimal.json")).RootElement, JsonDocument.Parse(r.Body!).RootElement));
        Assert.Equal("3c8a89a5-dcc6-4edb-a75d-ffd64739674d", job.Id);
        Assert.Equal(JobStatus.Created, job.Status);
        Assert.False(job.HasCompleted);
    }

    [Fact]
    public async Task Diarize_sends_every_option_under_its_exact_wire_name()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize");

        await kit.Client.StartDiarizationAsync(AudioInput.FromUrl("media://calls/a.wav"), new DiarizationOptions
        {
            Model = PyannoteModel.Precision2,
            MinSpeakers = 2,
            MaxSpeakers = 4,
            Exclusive = true,
            Confidence = true,
            TurnLevelConfidence = true,
            Webhook = new Uri("https://hooks.example.com/pyannote"),
            WebhookStatusOnly = false,
            Transcription = true,
            TranscriptionModel = PyannoteTranscriptionModel.FasterWhisperLargeV3Turbo,
        });

        var r = Assert.Single(kit.Requests);
        Assert.Equal(
            "{\"url\":\"media://calls/a.wav\",\"webhook\":\"https://hooks.example.com/pyannote\",\"webhookStatusOnly\":false,\"model\":\"precision-2\","
            + "\"minSpeakers\":2,\"maxSpeakers\":4,\"turnLevelConfidence\":true,\"exclusive\":true,\"confidence\":true,\"transcription\":true,"
            + "\"transcriptionConfig\":{\"model\":\"faster-whisper-large-v3-turbo\"}}",
            r.Body);
    }

    [Fact]
    public async Task Diarize_sends_num_speakers_and_an_open_model_value()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize");

        await kit.Client.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/a.wav?sig=abc"), new DiarizationOptions { Model = new PyannoteModel("community-1"), NumSpeakers = 3 });

        Assert.Equal("{\"url\":\"https://example.com/a.wav?sig=abc\",\"model\":\"community-1\",\"numSpeakers\":3}", Assert.Single(kit.Requests).Body);
    }

    [Fact]
    public async Task Identify_sends_voiceprints_and_matching()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/identify", "id-9");
        var options = new IdentificationOptions { Exclusive = true, ExclusiveMatching = false, MatchingThreshold = 50 };
        options.Voiceprints.Add(new PyannoteVoiceprint("Sam", "U29tZQ"));
        options.Voiceprints.Add(new PyannoteVoiceprint("Rick", "Umljaw"));

        var job = await kit.Client.StartIdentificationAsync(AudioInput.FromUrl("https://example.com/meeting.wav"), options);

        var r = Assert.Single(kit.Requests);
        Assert.Equal("https://api.pyannote.ai/v1/identify", r.Uri.AbsoluteUri);
        AssertBearer(r);
        Assert.Equal(
            "{\"url\":\"https://example.com/meeting.wav\",\"exclusive\":true,\"matching\":{\"exclusive\":false,\"threshold\":50},"
            + "\"voiceprints\":[{\"label\":\"Sam\",\"voiceprint\":\"U29tZQ\"},{\"label\":\"Rick\",\"voiceprint\":\"Umljaw\"}]}",
            r.Body);
        Assert.Equal("id-9", job.Id);
    }

    [Fact]
    public async Task Voiceprint_sends_url_model_and_webhook()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Post, "https://api.pyannote.ai/v1/voiceprint").Respond(_ => PyannoteTestKit.Json(PyannoteTestKit.TestData("voiceprint-job-created-example.json")));

        var job = await kit.Client.StartVoiceprintAsync(AudioInput.FromUrl("https://example.com/voice.wav"), new VoiceprintOptions { Model = PyannoteModel.Precision2, Webhook = new Uri("https://example.com/webhook"), WebhookStatusOnly = true });

        var r = Assert.Single(kit.Requests);
        Assert.Equal("https://api.pyannote.ai/v1/voiceprint", r.Uri.AbsoluteUri);
        AssertBearer(r);
        Assert.Equal("{\"url\":\"https://example.com/voice.wav\",\"model\":\"precision-2\",\"webhook\":\"https://example.com/webhook\",\"webhookStatusOnly\":true}", r.Body);
        Assert.Equal("<string>", job.Warning);
    }

    [Fact]
    public async Task Identify_and_voiceprint_with_defaults_send_no_unset_fields()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/identify");
        kit.JobCreated("/v1/voiceprint");
        var options = new IdentificationOptions();
        options.Voiceprints.Add(new PyannoteVoiceprint("Sam", "U29tZQ"));

        await kit.Client.StartIdentificationAsync(AudioInput.FromUrl("https://example.com/a.wav"), options);
        await kit.Client.StartVoiceprintAsync(AudioInput.FromUrl("media://voices/sam.wav"));

        Assert.Equal("{\"url\":\"https://example.com/a.wav\",\"voiceprints\":[{\"label\":\"Sam\",\"voiceprint\":\"U29tZQ\"}]}", kit.Requests[0].Body);
        Assert.Equal("{\"url\":\"media://voices/sam.wav\"}", kit.Requests[1].Body);
        Assert.All(kit.Requests, AssertBearer);
    }

    [Fact]
    public async Task Get_job_escapes_the_id_and_returns_status_dates_and_raw_output()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Get, "https://api.pyannote.ai/v1/jobs/a%2Fb").Respond(_ => PyannoteTestKit.Json(
            "{\"jobId\":\"a/b\",\"status\":\"succeeded\",\"createdAt\":\"2024-02-20T12:00:00Z\",\"updatedAt\":\"2024-02-20T12:01:00Z\",\"output\":{\"diarization\":[{\"speaker\":\"SPEAKER_00\",\"start\":1,\"end\":2}],\"warning\":\"w\"}}"));

        var info = await kit.Client.GetJobAsync("a/b");

        var r = Assert.Single(kit.Requests);
        Assert.Equal(HttpMethod.Get, r.Method);
        Assert.Equal("/v1/jobs/a%2Fb", r.Uri.AbsolutePath);
        AssertBearer(r);
        Assert.Null(r.Body);
        Assert.Equal(JobStatus.Succeeded, info.Status);
        Assert.Equal(new DateTimeOffset(2024, 2, 20, 12, 0, 0, TimeSpan.Zero), info.CreatedAt);
        Assert.Equal("w", info.Warning);
        Assert.Equal("SPEAKER_00", info.Output!.Value.GetProperty("diarization")[0].GetProperty("speaker").GetString());
    }

    [Fact]
    public async Task List_jobs_follows_cursor_pages_with_the_status_filter()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Get, "https://api.pyannote.ai/v2/jobs").WithExactQueryString("limit=100&status=succeeded").Respond(_ => PyannoteTestKit.Json(
            "{\"items\":[{\"id\":\"j3\",\"status\":\"succeeded\",\"createdAt\":\"2024-02-20T12:03:00Z\"},{\"id\":\"j2\",\"status\":\"succeeded\",\"createdAt\":\"2024-02-20T12:02:00Z\"}],\"nextCursor\":\"a1b2c3d4-e5f6-7890-abcd-ef1234567890\"}"));
        kit.Mock.When(HttpMethod.Get, "https://api.pyannote.ai/v2/jobs").WithExactQueryString("limit=100&cursor=a1b2c3d4-e5f6-7890-abcd-ef1234567890&status=succeeded").Respond(_ => PyannoteTestKit.Json(
            "{\"items\":[{\"id\":\"j1\",\"status\":\"succeeded\",\"createdAt\":\"2024-02-20T12:01:00Z\"}],\"nextCursor\":null}"));

        var ids = new List<string>();
        await foreach (var job in kit.Client.ListJobsAsync(JobStatus.Succeeded))
        {
            ids.Add(job.Id);
            Assert.Equal(JobStatus.Succeeded, job.Status);
        }

        Assert.Equal(new[] { "j3", "j2", "j1" }, ids);
        Assert.Equal(2, kit.Requests.Count);
        Assert.All(kit.Requests, r => { Assert.Equal(HttpMethod.Get, r.Method); Assert.Equal("/v2/jobs", r.Uri.AbsolutePath); AssertBearer(r); });
    }

    [Fact]
    public async Task List_jobs_is_lazy_and_stops_when_the_caller_stops()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Get, "https://api.pyannote.ai/v2/jobs").Respond(_ => PyannoteTestKit.Json(
            "{\"items\":[{\"id\":\"j3\",\"status\":\"running\",\"createdAt\":\"2024-02-20T12:03:00Z\"}],\"nextCursor\":\"next\"}"));

        await foreach (var job in kit.Client.ListJobsAsync())
        {
            Assert.Equal("j3", job.Id);
            break;
        }

        Assert.Equal("limit=100", Assert.Single(kit.Requests).Uri.Query.TrimStart('?'));
    }

    [Fact]
    public async Task Test_connection_calls_v1_test_and_reports_a_rejected_key_as_false()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Get, "https://api.pyannote.ai/v1/test").Respond(_ => PyannoteTestKit.Json("{\"status\":\"OK\",\"message\":\"Test connection successful\"}"));
        Assert.True(await kit.Client.TestConnectionAsync());
        var r = Assert.Single(kit.Requests);
        Assert.Equal(HttpMethod.Get, r.Method);
        AssertBearer(r);

        var rejected = new PyannoteTestKit();
        rejected.Mock.When(HttpMethod.Get, "https://api.pyannote.ai/v1/test").Respond(HttpStatusCode.Unauthorized);
        Assert.False(await rejected.Client.TestConnectionAsync());
    }

    [Fact]
    public async Task Media_output_returns_the_presigned_download_url()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Post, "https://api.pyannote.ai/v1/media/output")
            .Respond(_ => PyannoteTestKit.Json("{\"url\":\"https://storage.example.com/obj?X-Sig=secret\"}", HttpStatusCode.Created));

        var url = await kit.Client.GetMediaDownloadUrlAsync("media://calls/a.wav");

        var r = Assert.Single(kit.Requests);
        AssertBearer(r);
        Assert.Equal("{\"url\":\"media://calls/a.wav\"}", r.Body);
        Assert.Equal("https://storage.example.com/obj?X-Sig=secret", url.AbsoluteUri);
    }

    [Fact]
    public async Task A_prefixed_endpoint_such_as_the_emulator_keeps_its_prefix()
    {
        var kit = new PyannoteTestKit(new Uri("http://127.0.0.1:5080/pyannote"));
        kit.Mock.When(HttpMethod.Post, "http://127.0.0.1:5080/pyannote/v1/diarize").Respond(_ => PyannoteTestKit.Json("{\"jobId\":\"j\",\"status\":\"created\"}"));

        await kit.Client.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/a.wav"));

        var r = Assert.Single(kit.Requests);
        Assert.Equal("http://127.0.0.1:5080/pyannote/v1/diarize", r.Uri.AbsoluteUri);
        AssertBearer(r);
    }

    [Fact]
    public async Task A_400_validation_body_becomes_SpeechApiException_with_field_errors()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Post, "https://api.pyannote.ai/v1/diarize").Respond(_ => PyannoteTestKit.Json(
            "{\"message\":\"Invalid request\",\"errors\":[{\"field\":\"url\",\"message\":\"Invalid URL\"}]}", HttpStatusCode.BadRequest));

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => kit.Client.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/a.wav")));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(SpeechVendor.Pyannote, ex.Vendor);
        Assert.Equal("Invalid request", ex.VendorMessage);
        var field = Assert.Single(ex.FieldErrors);
        Assert.Equal(new SpeechFieldError("url", "Invalid URL"), field);
        Assert.False(ex.IsRetriable);
        Assert.DoesNotContain(PyannoteTestKit.ApiKey, ex.ToString());
    }

    [Fact]
    public async Task A_402_api_error_carries_the_request_id()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Post, "https://api.pyannote.ai/v1/identify").Respond(_ => PyannoteTestKit.Json(
            "{\"requestId\":\"37a4c3a0-b034-4e8c-9ed9-76da6645544a\",\"message\":\"Subscription is required\"}", HttpStatusCode.PaymentRequired));
        var options = new IdentificationOptions();
        options.Voiceprints.Add(new PyannoteVoiceprint("Sam", "U29tZQ"));

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => kit.Client.StartIdentificationAsync(AudioInput.FromUrl("https://example.com/a.wav"), options));

        Assert.Equal(402, ex.StatusCode);
        Assert.Equal("37a4c3a0-b034-4e8c-9ed9-76da6645544a", ex.RequestId);
        Assert.Equal("Subscription is required", ex.VendorMessage);
        Assert.False(ex.IsRetriable);
    }

    [Fact]
    public async Task A_429_api_error_carries_retry_after_and_is_retriable()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Post, "https://api.pyannote.ai/v1/voiceprint").Respond(_ =>
        {
            var response = PyannoteTestKit.Json("{\"requestId\":\"r-1\",\"message\":\"Too many requests\"}", HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(17));
            return response;
        });

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => kit.Client.StartVoiceprintAsync(AudioInput.FromUrl("https://example.com/v.wav")));

        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("r-1", ex.RequestId);
        Assert.Equal(TimeSpan.FromSeconds(17), ex.RetryAfter);
        Assert.True(ex.IsRetriable);
    }
}
