using System.Net;
using System.Text.Json;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;
using static Pyannote.Sdk.Tests.NanoGpt.NanoGptTestKit;

namespace Pyannote.Sdk.Tests.NanoGpt;

public class NanoGptJobTests
{
    private const string Accepted = """
        {"runId":"run-77","status":"pending","model":"Elevenlabs-STT","cost":0.03,"paymentSource":"XNO","isApiRequest":true,
         "fileName":"call.mp3","fileSize":2048,"chargedDuration":1.25,"diarize":true}
        """;

    private const string Completed = """
        {"status":"completed","transcription":"Speaker 1: Hi, Bob. Speaker 2: Hello!",
         "metadata":{"model":"Elevenlabs-STT","cost":0.03,"currency":"USD","actualDuration":0.05,"language":"en"},
         "words":[
           {"text":"Hi","start":0.0,"end":0.4,"type":"word","speaker_id":"speaker_0"},
           {"text":",","start":0.4,"end":0.45,"type":"punctuation","speaker_id":"speaker_0"},
           {"text":" ","start":0.45,"end":0.5,"type":"spacing","speaker_id":"speaker_0"},
           {"text":"Bob","start":0.5,"end":0.9,"type":"word","speaker_id":"speaker_0"},
           {"text":".","start":0.9,"end":0.95,"type":"punctuation","speaker_id":"speaker_0"},
           {"text":"Hello","start":1.5,"end":2.0,"type":"word","speaker_id":"speaker_1"},
           {"text":"!","start":2.0,"end":2.05,"type":"punctuation","speaker_id":"speaker_1"}],
         "diarization":{"segments":[
           {"speaker":"Speaker 1","text":"Hi, Bob.","start":0.0,"end":1.0},
           {"speaker":"Speaker 2","text":"Hello!","start":1.5,"end":2.1}]}}
        """;

    [Fact]
    public async Task Accepted_job_is_polled_with_backoff_echoing_the_202_fields_until_completed()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var (mock, requests) = Script(
            () => Json(HttpStatusCode.Accepted, Accepted),
            () => Json(HttpStatusCode.OK, "{\"status\":\"pending\"}"),
            () => Json(HttpStatusCode.OK, Payload("transcribe-status-processing.json")),
            () => Json(HttpStatusCode.OK, Completed));
        var client = Client(mock, time);
        var reports = new List<JobProgress>();
        var progress = new SyncProgress<JobProgress>(reports.Add);

        var start = await client.StartTranscriptionAsync(AudioInput.FromFile(TempAudio("call.mp3")), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt, Diarize = true });
        var result = await start.WaitForCompletionAsync(progress: progress);

        Assert.Equal(new[] { 1, 2, 4 }.Select(s => TimeSpan.FromSeconds(s)), time.Delays);
        Assert.Equal(4, requests.Count);
        Assert.Equal("https://nano-gpt.com/api/transcribe", requests[0].Uri.ToString());
        Assert.Equal(new Http.SpeechRequestContext("nanogpt.transcribe", Http.RequestKind.Billed), requests[0].Context);
        foreach (var poll in requests.Skip(1))
        {
            // A POST, but safe to repeat: the pipeline may retry it.
            Assert.Equal(new Http.SpeechRequestContext("nanogpt.transcribe.status", Http.RequestKind.Idempotent), poll.Context);
            Assert.Equal("https://nano-gpt.com/api/transcribe/status", poll.Uri.ToString());
            Assert.Equal(ApiKey, poll.Headers["x-api-key"]);
            using var body = JsonDocument.Parse(poll.Body);
            Assert.Equal(
                new[] { ("runId", "\"run-77\""), ("cost", "0.03"), ("paymentSource", "\"XNO\""), ("isApiRequest", "true"), ("fileName", "\"call.mp3\""), ("fileSize", "2048"), ("chargedDuration", "1.25"), ("diarize", "true") },
                body.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())));
        }

        Assert.Equal(new[] { JobStatus.Pending, JobStatus.Processing, JobStatus.Completed }, reports.Select(r => r.Status));
        Assert.Equal("run-77", result.RunId);
        Assert.Equal(new[] { "Hi,", "Bob.", "Hello!" }, result.Transcript.Words.Select(w => w.Text));
        Assert.Equal(new[] { "Speaker 1", "Speaker 1", "Speaker 2" }, result.Transcript.Words.Select(w => w.Speaker));
        Assert.Equal(TimeSpan.FromSeconds(0.95), result.Transcript.Words[1].End);
        Assert.Equal(new[] { "Speaker 1", "Speaker 2" }, result.Transcript.Speakers);
        Assert.Equal(new[] { "Hi, Bob.", "Hello!" }, result.Transcript.Turns.Select(t => t.Text));
        Assert.Equal(7, result.Tokens.Count);
        Assert.Equal("XNO", start.Job!.Info.PaymentSource);
        Assert.Equal("USD", result.Metadata.Currency);
        Assert.Equal("call.mp3", result.Metadata.FileName);      // from the job when the metadata omits it
        Assert.Equal(TimeSpan.FromMinutes(1.25), result.Metadata.ChargedDuration);
    }

    [Fact]
    public async Task Published_202_is_echoed_as_given_and_a_failed_job_throws_with_its_error()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var (mock, requests) = Script(
            () => Json(HttpStatusCode.Accepted, Payload("transcribe-async-202-response.json")),
            () => Json(HttpStatusCode.OK, Payload("transcribe-status-processing.json")),
            () => Json(HttpStatusCode.OK, Payload("transcribe-status-failed.json")));
        var client = Client(mock, time);

        var start = await client.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/meeting.mp3"), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt });
        var ex = await Assert.ThrowsAsync<SpeechJobFailedException>(() => start.WaitForCompletionAsync());

        Assert.Equal("abc123def456", ex.JobId);
        Assert.Equal("Audio file could not be processed", ex.Error);
        Assert.Contains("Audio file could not be processed", ex.Message);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, time.Delays);
        Assert.All(requests.Skip(1), r => Assert.Equal("{\"runId\":\"abc123def456\",\"cost\":0.075,\"paymentSource\":\"USD\"}", r.BodyText));
        Assert.Throws<SpeechJobFailedException>(() => start.Job!.Value);
    }

    [Fact]
    public async Task ISpeechClient_path_defaults_to_elevenlabs_with_diarization_and_waits_for_the_job()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var (mock, requests) = Script(
            () => Json(HttpStatusCode.Accepted, Accepted),
            () => Json(HttpStatusCode.OK, Completed));
        ISpeechClient client = Client(mock, time);

        var transcript = await client.TranscribeAsync(AudioInput.FromUrl("https://example.com/call.mp3"), new TranscriptionOptions { Language = "en" });

        Assert.Equal("{\"audioUrl\":\"https://example.com/call.mp3\",\"model\":\"Elevenlabs-STT\",\"language\":\"en\",\"diarize\":true}", requests[0].BodyText);
        Assert.Equal(SpeechVendor.NanoGpt, client.Vendor);
        Assert.Equal(new[] { "SPEAKER_00", "SPEAKER_01" }, transcript.Speakers);
        Assert.Equal(new[] { "Speaker 1", "Speaker 2" }, transcript.Speakers.Select(s => transcript.VendorSpeakerLabels[s]));
        Assert.Equal("Hi, Bob. Hello!", transcript.Text);
    }

    [Fact]
    public async Task ISpeechClient_path_without_diarization_uses_the_vendor_default_model_and_sends_no_flags()
    {
        var (mock, requests) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-sync-response.json")));

        var transcript = await Client(mock).TranscribeAsync(AudioInput.FromUrl("https://example.com/a.mp3"), new TranscriptionOptions { Diarize = false });

        Assert.Equal("{\"audioUrl\":\"https://example.com/a.mp3\"}", requests[0].BodyText);
        Assert.Equal("Hello, this is a test transcription.", transcript.Text);
    }

    [Fact]
    public async Task A_job_resumed_from_its_info_polls_with_the_client_time_provider()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var (mock, requests) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-status-completed.json")));
        var job = Client(mock, time).GetTranscriptionJob(new NanoGptJobInfo("abc123def456") { IsApiRequest = true });

        var result = await job.WaitForCompletionAsync();

        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, time.Delays);
        Assert.Equal("{\"runId\":\"abc123def456\",\"isApiRequest\":true}", requests.Single().BodyText);
        Assert.Equal("Hello everyone", result.Segments[0].Text);
    }

    [Fact]
    public async Task A_rate_limited_poll_waits_for_retry_after_and_keeps_polling()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var (mock, requests) = Script(
            () =>
            {
                var r = Json((HttpStatusCode)429, "{\"error\":{\"message\":\"Too many requests\",\"code\":\"rate_limit_exceeded\",\"type\":\"rate_limit_error\"}}");
                r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(20));
                return r;
            },
            () => Json(HttpStatusCode.OK, Payload("transcribe-status-completed.json")));
        var job = Client(mock, time).GetTranscriptionJob("abc123def456");

        var result = await job.WaitForCompletionAsync();

        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20) }, time.Delays);
        Assert.Equal(2, requests.Count);
        Assert.Equal("Hello everyone", result.Segments.Single().Text);
    }

    [Fact]
    public async Task Canceling_TranscribeAsync_mid_wait_leaves_the_run_id_on_the_exception_and_the_job_can_be_resumed()
    {
        using var cts = new CancellationTokenSource();
        var (mock, requests) = Script(
            () => Json(HttpStatusCode.Accepted, Accepted),
            () =>
            {
                cts.Cancel(); // the caller gives up while NanoGPT is still working
                return Json(HttpStatusCode.OK, "{\"status\":\"processing\"}");
            },
            () => Json(HttpStatusCode.OK, "{\"status\":\"processing\"}"),
            () => Json(HttpStatusCode.OK, Completed));
        var client = Client(mock, new FakeTimeProvider { AutoAdvance = true });

        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.TranscribeAsync(AudioInput.FromUrl("https://example.com/call.mp3"), cancellationToken: cts.Token));

        Assert.True(SpeechJobData.TryGetJobId(canceled, out var runId));
        Assert.Equal("run-77", runId);
        Assert.Equal("nanogpt", canceled.Data[SpeechJobData.VendorKey]);

        // Resume in two steps, as another process would: fetch the current status, then wait for the rest.
        var job = await client.GetTranscriptionJobAsync(runId!);
        Assert.Equal(JobStatus.Processing, job.Status);
        Assert.False(job.HasCompleted);
        var result = await job.WaitForCompletionAsync();

        Assert.Equal(["Hi,", "Bob.", "Hello!"], result.Transcript.Words.Select(w => w.Text));
        Assert.Equal(1, requests.Count(r => r.Uri.AbsolutePath == "/api/transcribe"));
        Assert.Equal(3, requests.Count(r => r.Uri.AbsolutePath == "/api/transcribe/status"));
        Assert.All(requests.Skip(1), r => Assert.Contains("\"runId\":\"run-77\"", r.BodyText, StringComparison.Ordinal));
    }
}
