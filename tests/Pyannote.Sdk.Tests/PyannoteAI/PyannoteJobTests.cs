using System.Net;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.PyannoteAI;
using RichardSzalay.MockHttp;

namespace Pyannote.Sdk.Tests.PyannoteAI;

public class PyannoteJobTests
{
    private const string Running = "{\"jobId\":\"job-1\",\"status\":\"running\"}";
    private const string Succeeded = "{\"jobId\":\"job-1\",\"status\":\"succeeded\",\"output\":{\"diarization\":[{\"speaker\":\"SPEAKER_00\",\"start\":0.5,\"end\":5.2}],\"warning\":\"numSpeakers could not be honoured\"}}";

    private static Func<HttpResponseMessage> Body(string json) => () => PyannoteTestKit.Json(json);

    [Fact]
    public async Task Diarize_polls_after_one_second_then_backs_off_to_the_30_second_cap()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize");
        kit.ScriptJob("job-1", Enumerable.Repeat(Body(Running), 7).Append(Body(Succeeded)).ToArray());

        var result = await kit.Client.DiarizeAsync(AudioInput.FromUrl("https://example.com/a.wav"));

        Assert.Equal("SPEAKER_00", Assert.Single(result.Diarization).Speaker);
        Assert.Equal("numSpeakers could not be honoured", result.Warning);
        Assert.Equal(new[] { 1, 2, 4, 8, 16, 30, 30, 30 }.Select(s => TimeSpan.FromSeconds(s)), kit.Time.Delays);
        Assert.Equal(9, kit.Requests.Count);
        Assert.All(kit.Requests.Skip(1), r => Assert.Equal("/v1/jobs/job-1", r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task The_client_wait_options_set_the_schedule()
    {
        var kit = new PyannoteTestKit();
        kit.Options.JobWait = new JobWaitOptions { InitialDelay = TimeSpan.FromSeconds(5), BackoffFactor = 1.5, MaxPollInterval = TimeSpan.FromSeconds(10) };
        kit.JobCreated("/v1/diarize");
        kit.ScriptJob("job-1", Body(Running), Body(Running), Body(Running), Body(Succeeded));

        await kit.Client.DiarizeAsync(AudioInput.FromUrl("https://example.com/a.wav"));

        Assert.Equal(new[] { 5, 7.5, 10, 10 }.Select(s => TimeSpan.FromSeconds(s)), kit.Time.Delays);
    }

    [Fact]
    public async Task A_429_poll_with_retry_after_delays_the_next_poll_at_least_that_long()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize");
        kit.ScriptJob("job-1",
            Body(Running),
            () =>
            {
                var r = PyannoteTestKit.Json("{\"requestId\":\"r\",\"message\":\"Too many requests\"}", HttpStatusCode.TooManyRequests);
                r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(45));
                return r;
            },
            Body(Succeeded));

        var job = await kit.Client.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/a.wav"));
        await job.WaitForCompletionAsync();

        Assert.True(job.HasCompleted);
        Assert.Equal(new[] { 1, 2, 45 }.Select(s => TimeSpan.FromSeconds(s)), kit.Time.Delays);
    }

    [Fact]
    public async Task A_failed_job_throws_with_the_output_error()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize");
        kit.ScriptJob("job-1", Body("{\"jobId\":\"job-1\",\"status\":\"failed\",\"output\":{\"error\":\"Could not load audio\"}}"));

        var ex = await Assert.ThrowsAsync<SpeechJobFailedException>(() => kit.Client.DiarizeAsync(AudioInput.FromUrl("https://example.com/a.wav")));

        Assert.Equal("job-1", ex.JobId);
        Assert.Equal("Could not load audio", ex.Error);
        Assert.Equal(SpeechVendor.Pyannote, ex.Vendor);
    }

    [Fact]
    public async Task A_failed_job_without_output_still_fails_and_value_rethrows()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/identify");
        kit.ScriptJob("job-1", Body("{\"jobId\":\"job-1\",\"status\":\"failed\"}"));
        var options = new IdentificationOptions();
        options.Voiceprints.Add(new PyannoteVoiceprint("Sam", "U29tZQ"));

        var job = await kit.Client.StartIdentificationAsync(AudioInput.FromUrl("https://example.com/a.wav"), options);
        var ex = await Assert.ThrowsAsync<SpeechJobFailedException>(() => job.WaitForCompletionAsync());

        Assert.Null(ex.Error);
        Assert.Throws<SpeechJobFailedException>(() => job.Value);
    }

    [Fact]
    public async Task A_canceled_job_throws_SpeechJobCanceledException()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/voiceprint");
        kit.ScriptJob("job-1", Body(Running), Body("{\"jobId\":\"job-1\",\"status\":\"canceled\"}"));

        await Assert.ThrowsAsync<SpeechJobCanceledException>(() => kit.Client.CreateVoiceprintAsync(AudioInput.FromUrl("https://example.com/v.wav")));
    }

    [Fact]
    public async Task The_maximum_wait_ends_with_a_timeout_that_names_the_job()
    {
        var kit = new PyannoteTestKit();
        kit.Options.JobWait = new JobWaitOptions { MaxWait = TimeSpan.FromMinutes(2) };
        kit.JobCreated("/v1/diarize");
        kit.ScriptJob("job-1", Body(Running));

        var ex = await Assert.ThrowsAsync<SpeechJobTimeoutException>(() => kit.Client.DiarizeAsync(AudioInput.FromUrl("https://example.com/a.wav")));

        Assert.Equal("job-1", ex.JobId);
        Assert.Equal(JobStatus.Running, ex.LastStatus);
        Assert.Equal(TimeSpan.FromMinutes(2), kit.Time.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Fact]
    public async Task An_unknown_job_is_not_found()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Get, "https://api.pyannote.ai/v1/jobs/gone").Respond(HttpStatusCode.NotFound);

        var ex = await Assert.ThrowsAsync<SpeechJobNotFoundException>(() => kit.Client.GetDiarizationJobAsync("gone"));
        Assert.Equal("gone", ex.JobId);
        await Assert.ThrowsAsync<SpeechJobNotFoundException>(() => kit.Client.GetJobAsync("gone"));
    }

    [Fact]
    public async Task Progress_reports_the_start_and_every_status_change()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/diarize");
        kit.ScriptJob("job-1", Body("{\"jobId\":\"job-1\",\"status\":\"pending\"}"), Body(Running), Body(Running), Body(Succeeded));
        var reports = new List<JobProgress>();

        var job = await kit.Client.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/a.wav"));
        await job.WaitForCompletionAsync(progress: new SyncProgress<JobProgress>(reports.Add));

        Assert.Equal(new[] { "created", "pending", "running", "succeeded" }, reports.Select(p => p.Status.ToString()));
        Assert.Equal(new[] { 0, 1, 2, 4 }, reports.Select(p => p.PollCount));
        Assert.Equal(new[] { 0, 1, 3, 15 }.Select(s => TimeSpan.FromSeconds(s)), reports.Select(p => p.Elapsed));
        Assert.All(reports, p => Assert.Equal("job-1", p.JobId));
    }

    [Fact]
    public async Task A_job_started_elsewhere_resumes_from_its_id()
    {
        var kit = new PyannoteTestKit();
        kit.ScriptJob("job-1", Body(Running), Body(Succeeded));

        var job = await kit.Client.GetDiarizationJobAsync("job-1");
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.False(job.HasCompleted);
        Assert.Throws<InvalidOperationException>(() => job.Value);

        var result = await job.WaitForCompletionAsync();
        Assert.True(job.HasValue);
        Assert.Same(result, job.Value);
        Assert.Equal("numSpeakers could not be honoured", job.Warning);

        var handle = kit.Client.GetVoiceprintJob("job-1");
        Assert.Equal(JobStatus.Pending, handle.Status);
    }

    [Fact]
    public async Task Voiceprint_job_value_is_the_voiceprint_string()
    {
        var kit = new PyannoteTestKit();
        kit.JobCreated("/v1/voiceprint");
        kit.ScriptJob("job-1", Body("{\"jobId\":\"job-1\",\"status\":\"succeeded\",\"output\":{\"voiceprint\":\"aGVsbG8gd29ybGQ\"}}"));

        Assert.Equal("aGVsbG8gd29ybGQ", await kit.Client.CreateVoiceprintAsync(AudioInput.FromUrl("https://example.com/v.wav")));
    }

    [Fact]
    public async Task Cancellation_stops_the_wait_without_more_polls()
    {
        var kit = new PyannoteTestKit();
        kit.Time.AutoAdvance = false;
        kit.JobCreated("/v1/diarize");
        kit.ScriptJob("job-1", Body(Running));
        using var cts = new CancellationTokenSource();

        var job = await kit.Client.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/a.wav"));
        var wait = job.WaitForCompletionAsync(cancellationToken: cts.Token);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Single(kit.Requests);
    }
}
