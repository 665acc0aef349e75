using Pyannote.Sdk.Jobs;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

public sealed partial class FaultTests
{
    [Fact]
    public async Task Status_429_with_Retry_After_HTTP_date_is_retried()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/diarize", "429;retry-after-date=1");
        var client = NewPyannote(emulator);

        var result = await client.DiarizeAsync(AudioInput.FromUrl(Remote));

        Assert.NotEmpty(result.Diarization);
        Assert.Equal(2, await CountAsync(emulator, "/v1/diarize", "POST", 2));
    }

    [Fact]
    public async Task Status_429_asking_for_longer_than_MaxRetryAfter_fails_at_once_with_the_wait()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/test", "429;retry-after=120");
        var client = NewPyannote(emulator);

        var error = await Assert.ThrowsAsync<SpeechApiException>(() => client.TestConnectionAsync());

        Assert.Equal(429, error.StatusCode);
        Assert.True(error.IsRetriable);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(1, await CountAsync(emulator, "/v1/test", "GET", 1));
    }

    // ---- 5xx: retried when idempotent; for billed work only 503 ----

    [Fact]
    public async Task Status_500_retries_an_idempotent_request_but_not_a_billed_one()
    {
        await using var emulator = await StartAsync();
        var client = NewPyannote(emulator);

        emulator.EnqueueFault("/v1/test", "500");
        Assert.True(await client.TestConnectionAsync());
        Assert.Equal(2, await CountAsync(emulator, "/v1/test", "GET", 2));

        emulator.EnqueueFault("/v1/diarize", "500;message=boom");
        var error = await Assert.ThrowsAsync<SpeechApiException>(() => client.StartDiarizationAsync(AudioInput.FromUrl(Remote)));
        Assert.Equal(500, error.StatusCode);
        Assert.Equal("boom", error.VendorMessage);
        Assert.True(error.IsRetriable);
        Assert.Equal(1, await CountAsync(emulator, "/v1/diarize", "POST", 1));
    }

    [Fact]
    public async Task Status_408_retries_a_listing_page_but_not_a_billed_translation()
    {
        await using var emulator = await StartAsync();

        await NewPyannote(emulator).StartDiarizationAsync(AudioInput.FromUrl(Remote));
        emulator.EnqueueFault("/v2/jobs", "408");
        var listed = new List<string>();
        await foreach (var job in NewPyannote(emulator).ListJobsAsync())
        {
            listed.Add(job.Id);
        }
        Assert.Single(listed);
        Assert.Equal(2, await CountAsync(emulator, "/v2/jobs", "GET", 2));

        emulator.EnqueueFault("/v1/audio/translations", "408");
        var error = await Assert.ThrowsAsync<SpeechApiException>(() => NewTogether(emulator).CreateTranslationAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(408, error.StatusCode);
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/translations", "POST", 1));
    }

    // ---- slow responses ----

    [Fact]
    public async Task Slow_headers_past_the_network_timeout_retry_an_idempotent_request_and_fail_a_billed_one()
    {
        // The SDK's attempt timeouts run on a fake clock that only the stalled attempt moves: the retry cannot time
        // out however slowly a loaded machine serves it, and the stall (10 minutes) outlasts any test.
        var server = new StallDriver.ServerClock();
        await using var emulator = await StartAsync(o => o.TimeProvider = server);
        using var stall = new StallDriver(server);
        var client = NewPyannote(emulator, o => stall.Apply(o));

        stall.Arm("/v1/test", afterHeaders: false);
        emulator.EnqueueFault("/v1/test", StallDriver.SlowHeaders);
        Assert.True(await client.TestConnectionAsync());
        Assert.Equal(2, await CountAsync(emulator, "/v1/test", "GET", 2));

        stall.Arm("/v1/diarize", afterHeaders: false);
        emulator.EnqueueFault("/v1/diarize", StallDriver.SlowHeaders);
        var timeout = await Assert.ThrowsAsync<SpeechTimeoutException>(() => client.StartDiarizationAsync(AudioInput.FromUrl(Remote)));
        Assert.Equal("SpeechTimeoutException", timeout.GetType().Name);
        Assert.Equal(1, await CountAsync(emulator, "/v1/diarize", "POST", 1));
    }

    // ---- broken connections ----

    [Fact]
    public async Task Abort_before_headers_retries_an_idempotent_request()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/test", "abort-before-headers");

        Assert.True(await NewPyannote(emulator).TestConnectionAsync());
        Assert.Equal(2, await CountAsync(emulator, "/v1/test", "GET", 2));
        Assert.Contains(emulator.RequestLog, r => r.Path.EndsWith("/v1/test", StringComparison.Ordinal) && r.StatusCode == 0);
    }

    // ---- unreadable bodies: SpeechResponseFormatException, never retried ----

    [Fact]
    public async Task Truncated_json_is_a_response_format_error()
    {
        await using var emulator = await StartAsync();
        var job = await NewPyannote(emulator).StartDiarizationAsync(AudioInput.FromUrl(Remote));
        emulator.EnqueueFault("/v1/jobs/*", "truncated-json");

        var error = await Assert.ThrowsAsync<SpeechResponseFormatException>(() => NewPyannote(emulator).GetJobAsync(job.Id));
        Assert.Equal(SpeechVendor.Pyannote, error.Vendor);
        Assert.Single(await LoggedAsync(emulator, r => r.Fault == "truncated-json", 1));

        emulator.EnqueueFault("/v1/audio/transcriptions", "truncated-json");
        await Assert.ThrowsAsync<SpeechResponseFormatException>(() => NewTogether(emulator).TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
    }

    [Fact]
    public async Task Status_502_retries_the_upload_url_request()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/media/input", "502");
        var media = await NewPyannote(emulator).UploadAsync(AudioInput.FromFile(ConversationWav));
        Assert.StartsWith("media://", media);
        Assert.Equal(2, await CountAsync(emulator, "/v1/media/input", "POST", 2));
    }

    [Fact]
    public async Task Status_503_is_retried_until_the_retries_run_out()
    {
        await using var emulator = await StartAsync();

        // MaxRetries = 3: four attempts, then the last 503.
        emulator.EnqueueFault("/v1/test", "503", count: 4);
        var error = await Assert.ThrowsAsync<SpeechApiException>(() => NewPyannote(emulator).TestConnectionAsync());
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(4, await CountAsync(emulator, "/v1/test", "GET", 4));
    }

    [Fact]
    public async Task Slow_body_stalling_past_the_network_timeout_fails_an_idempotent_request_after_one_request()
    {
        // The response was already handed over when the body stalls, so the retry handler is out of the picture, for
        // billed and idempotent requests alike. The idle limit's clock moves only once the stalled response's headers
        // are in, so neither the upload nor the headers can time out instead.
        var server = new StallDriver.ServerClock();
        await using var emulator = await StartAsync(o => o.TimeProvider = server);

        using var pyannoteStall = new StallDriver(server);
        var pyannote = NewPyannote(emulator, o => pyannoteStall.Apply(o));
        pyannoteStall.Arm("/v1/test", afterHeaders: true);
        emulator.EnqueueFault("/v1/test", StallDriver.SlowBody);
        var idempotent = await Assert.ThrowsAsync<SpeechTimeoutException>(() => pyannote.TestConnectionAsync());
        Assert.Equal("SpeechTimeoutException", idempotent.GetType().Name);
        Assert.Equal(1, await CountAsync(emulator, "/v1/test", "GET", 1));
    }

    [Fact]
    public async Task Wrong_shape_of_a_job_start_is_a_response_format_error()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/diarize", "wrong-shape");
        await Assert.ThrowsAsync<SpeechResponseFormatException>(() => NewPyannote(emulator).StartDiarizationAsync(AudioInput.FromUrl(Remote)));
        Assert.Equal(1, await CountAsync(emulator, "/v1/diarize", "POST", 1));
    }

    [Fact]
    public async Task Job_failed_throws_SpeechJobFailedException_for_pyannote()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/diarize", "job-failed");
        var job = await NewPyannote(emulator).StartDiarizationAsync(AudioInput.FromUrl(Remote));
        var failed = await Assert.ThrowsAsync<SpeechJobFailedException>(() => job.WaitForCompletionAsync());
        Assert.Equal(job.Id, failed.JobId);
        Assert.Equal(SpeechVendor.Pyannote, failed.Vendor);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(1, await CountAsync(emulator, "/v1/diarize", "POST", 1));
    }

    [Fact]
    public async Task Job_canceled_throws_SpeechJobCanceledException_for_pyannote()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/diarize", "job-canceled");
        var canceled = await Assert.ThrowsAsync<SpeechJobCanceledException>(() => NewPyannote(emulator).DiarizeAsync(AudioInput.FromUrl(Remote)));
        Assert.Equal(SpeechVendor.Pyannote, canceled.Vendor);
        Assert.Equal(JobStatus.Canceled, (await NewPyannote(emulator).GetJobAsync(canceled.JobId)).Status);
    }

    [Fact]
    public async Task Job_vanish_throws_SpeechJobNotFoundException_on_the_first_poll()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/diarize", "job-vanish");
        var job = await NewPyannote(emulator).StartDiarizationAsync(AudioInput.FromUrl(Remote));
        var missing = await Assert.ThrowsAsync<SpeechJobNotFoundException>(() => job.WaitForCompletionAsync());
        Assert.Equal(job.Id, missing.JobId);
        Assert.Equal(404, missing.StatusCode);
        Assert.Single(await LoggedAsync(emulator, r => r.Path.EndsWith("/v1/jobs/" + job.Id, StringComparison.Ordinal), 1));
    }
}
