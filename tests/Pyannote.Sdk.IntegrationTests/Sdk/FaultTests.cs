using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.Together;
using static Pyannote.Sdk.IntegrationTests.Sdk.SdkTestKit;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>
/// Every fault the emulator injects, through the real clients, with the SDK's outcome and the exact number of requests
/// the emulator received. The retry rules under test (issue 6): idempotent requests are retried on 408, 429, 5xx and
/// connection failures; requests that create billed work only on 429, 503 or a connection never made, never once the
/// body may have been processed.
/// </summary>
public sealed class FaultTests
{
    private const string Remote = "https://example.com/call.wav";

    // ---- 429 with the three ways of saying how long to wait ----

    [Fact]
    public async Task Status_429_with_Retry_After_seconds_is_waited_out_and_retried_even_for_billed_work()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/audio/transcriptions", "429;retry-after=1");
        var client = NewTogether(emulator);

        var clock = Stopwatch.StartNew();
        var transcript = await client.TranscribeAsync(AudioInput.FromFile(ConversationWav));

        Assert.Equal(2, transcript.Speakers.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
        Assert.Equal(2, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 2));
    }

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
    public async Task Status_429_with_retry_after_ms_is_retried_after_that_many_milliseconds()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/api/transcribe", "429;retry-after-ms=300");
        var client = NewNanoGpt(emulator);

        var clock = Stopwatch.StartNew();
        var start = await client.StartTranscriptionAsync(AudioInput.FromFile(ConversationWav), new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3 });

        Assert.True(start.IsCompleted);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"retried after {clock.Elapsed}");
        Assert.Equal(2, await CountAsync(emulator, "/api/transcribe", "POST", 2));
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

    [Fact]
    public async Task Status_502_retries_the_upload_url_request_but_not_a_billed_transcription()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/media/input", "502");
        var media = await NewPyannote(emulator).UploadAsync(AudioInput.FromFile(ConversationWav));
        Assert.StartsWith("media://", media);
        Assert.Equal(2, await CountAsync(emulator, "/v1/media/input", "POST", 2));

        emulator.EnqueueFault("/v1/audio/transcriptions", "502");
        var error = await Assert.ThrowsAsync<SpeechApiException>(() => NewTogether(emulator).TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(502, error.StatusCode);
        Assert.Equal(SpeechVendor.Together, error.Vendor);
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
    }

    [Fact]
    public async Task Status_503_is_retried_for_billed_work_until_the_retries_run_out()
    {
        await using var emulator = await StartAsync();
        var jigsaw = NewJigsawStack(emulator);

        // Billed work is retried on a 503 only when the vendor asks for it with Retry-After.
        emulator.EnqueueFault("/v1/ai/transcribe", "503;retry-after=0");
        var transcript = await jigsaw.TranscribeAsync(AudioInput.FromFile(ConversationWav));
        Assert.Equal(Expected.Words, NormalizedWords(transcript.Text));
        Assert.Equal(2, await CountAsync(emulator, "/v1/ai/transcribe", "POST", 2));

        // MaxRetries = 3: four attempts, then the last 503.
        emulator.EnqueueFault("/v1/test", "503", count: 4);
        var error = await Assert.ThrowsAsync<SpeechApiException>(() => NewPyannote(emulator).TestConnectionAsync());
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(4, await CountAsync(emulator, "/v1/test", "GET", 4));
    }

    [Fact]
    public async Task Status_504_is_not_retried_for_a_billed_upload_but_a_status_poll_is()
    {
        await using var emulator = await StartAsync();
        var client = NewNanoGpt(emulator);

        emulator.EnqueueFault("/api/transcribe", "504");
        var error = await Assert.ThrowsAsync<SpeechApiException>(() => client.TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(504, error.StatusCode);
        Assert.Equal(1, await CountAsync(emulator, "/api/transcribe", "POST", 1));

        emulator.EnqueueFault("/api/transcribe/status", "504");
        var transcript = await client.TranscribeAsync(AudioInput.FromFile(ConversationWav));
        AssertConversation(transcript);
        Assert.Equal(2, await CountAsync(emulator, "/api/transcribe", "POST", 2));
        Assert.Equal(1, emulator.RequestLog.Count(r => r.Path.EndsWith("/api/transcribe/status", StringComparison.Ordinal) && r.StatusCode == 504));
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

    [Fact]
    public async Task Slow_body_within_the_network_timeout_is_read_to_the_end()
    {
        // The idle limit runs on a clock that never moves: a 300 ms pause is within it, however long load makes it.
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/audio/transcriptions", "slow-body=300");
        var client = NewTogether(emulator, o =>
        {
            o.NetworkTimeout = TimeSpan.FromSeconds(5);
            o.TimeoutClock = new FakeTimeProvider();
        });

        var clock = Stopwatch.StartNew();
        var transcript = await client.TranscribeAsync(AudioInput.FromFile(ConversationWav));

        AssertConversation(transcript);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {clock.Elapsed}");
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
    }

    [Fact]
    public async Task Slow_body_stalling_past_the_network_timeout_fails_with_SpeechTimeoutException_after_one_request()
    {
        // The response was already handed over when the body stalls, so the retry handler is out of the picture, for
        // billed and idempotent requests alike. The idle limit's clock moves only once the stalled response's headers
        // are in, so neither the upload nor the headers can time out instead.
        var server = new StallDriver.ServerClock();
        await using var emulator = await StartAsync(o => o.TimeProvider = server);

        using var togetherStall = new StallDriver(server);
        var together = NewTogether(emulator, o => togetherStall.Apply(o));
        togetherStall.Arm("/v1/audio/transcriptions", afterHeaders: true);
        emulator.EnqueueFault("/v1/audio/transcriptions", StallDriver.SlowBody);
        var billed = await Assert.ThrowsAsync<SpeechTimeoutException>(() => together.TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal("SpeechTimeoutException", billed.GetType().Name);
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));

        using var pyannoteStall = new StallDriver(server);
        var pyannote = NewPyannote(emulator, o => pyannoteStall.Apply(o));
        pyannoteStall.Arm("/v1/test", afterHeaders: true);
        emulator.EnqueueFault("/v1/test", StallDriver.SlowBody);
        var idempotent = await Assert.ThrowsAsync<SpeechTimeoutException>(() => pyannote.TestConnectionAsync());
        Assert.Equal("SpeechTimeoutException", idempotent.GetType().Name);
        Assert.Equal(1, await CountAsync(emulator, "/v1/test", "GET", 1));
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

    [Fact]
    public async Task Abort_before_headers_is_not_retried_for_billed_work_since_the_body_was_sent()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/ai/transcribe", "abort-before-headers");

        await Assert.ThrowsAsync<SpeechTransportException>(() =>
            NewJigsawStack(emulator).CreateTranscriptionAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(1, await CountAsync(emulator, "/v1/ai/transcribe", "POST", 1));
    }

    [Fact]
    public async Task Abort_during_body_surfaces_as_a_transport_error_after_one_request()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/v1/audio/transcriptions", "abort-during-body");

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            NewTogether(emulator).CreateTranscriptionAsync(AudioInput.FromFile(ConversationWav), new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.VerboseJson }));

        // HttpRequestException when the reset is seen while the response is being read in, IOException when it is seen
        // while the body is streamed to the JSON reader: either way a transport error, and the billed request is not repeated.
        var transport = Assert.IsType<SpeechTransportException>(error);
        Assert.True(transport.VendorMayHaveReceived);
        Assert.True(transport.InnerException is HttpRequestException or IOException, error.ToString());
        Assert.Equal(1, await CountAsync(emulator, "/v1/audio/transcriptions", "POST", 1));
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
    public async Task Invalid_json_is_a_response_format_error()
    {
        await using var emulator = await StartAsync();
        emulator.EnqueueFault("/api/transcribe", "invalid-json");

        var error = await Assert.ThrowsAsync<SpeechResponseFormatException>(() =>
            NewNanoGpt(emulator).StartTranscriptionAsync(AudioInput.FromFile(ConversationWav), new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3 }));

        Assert.Equal(SpeechVendor.NanoGpt, error.Vendor);
        Assert.Equal(1, await CountAsync(emulator, "/api/transcribe", "POST", 1));
    }

    [Fact]
    public async Task Wrong_shape_is_a_response_format_error()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/ai/transcribe", "wrong-shape");
        await Assert.ThrowsAsync<SpeechResponseFormatException>(() =>
            NewJigsawStack(emulator).CreateTranscriptionAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(1, await CountAsync(emulator, "/v1/ai/transcribe", "POST", 1));

        emulator.EnqueueFault("/v1/diarize", "wrong-shape");
        await Assert.ThrowsAsync<SpeechResponseFormatException>(() => NewPyannote(emulator).StartDiarizationAsync(AudioInput.FromUrl(Remote)));
        Assert.Equal(1, await CountAsync(emulator, "/v1/diarize", "POST", 1));
    }

    // ---- job outcomes ----

    [Fact]
    public async Task Job_failed_throws_SpeechJobFailedException_for_pyannote_and_nanogpt()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/diarize", "job-failed");
        var job = await NewPyannote(emulator).StartDiarizationAsync(AudioInput.FromUrl(Remote));
        var failed = await Assert.ThrowsAsync<SpeechJobFailedException>(() => job.WaitForCompletionAsync());
        Assert.Equal(job.Id, failed.JobId);
        Assert.Equal(SpeechVendor.Pyannote, failed.Vendor);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(1, await CountAsync(emulator, "/v1/diarize", "POST", 1));

        emulator.EnqueueFault("/api/transcribe", "job-failed");
        var nano = await Assert.ThrowsAsync<SpeechJobFailedException>(() => NewNanoGpt(emulator).TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(SpeechVendor.NanoGpt, nano.Vendor);
        Assert.False(string.IsNullOrEmpty(nano.Error));
        Assert.Equal(1, await CountAsync(emulator, "/api/transcribe", "POST", 1));
    }

    [Fact]
    public async Task Job_canceled_throws_SpeechJobCanceledException_for_pyannote_and_failed_for_nanogpt()
    {
        await using var emulator = await StartAsync();

        emulator.EnqueueFault("/v1/diarize", "job-canceled");
        var canceled = await Assert.ThrowsAsync<SpeechJobCanceledException>(() => NewPyannote(emulator).DiarizeAsync(AudioInput.FromUrl(Remote)));
        Assert.Equal(SpeechVendor.Pyannote, canceled.Vendor);
        Assert.Equal(JobStatus.Canceled, (await NewPyannote(emulator).GetJobAsync(canceled.JobId)).Status);

        emulator.EnqueueFault("/api/transcribe", "job-canceled");
        await Assert.ThrowsAsync<SpeechJobFailedException>(() => NewNanoGpt(emulator).TranscribeAsync(AudioInput.FromFile(ConversationWav)));
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

        emulator.EnqueueFault("/api/transcribe", "job-vanish");
        var nano = await Assert.ThrowsAsync<SpeechJobNotFoundException>(() => NewNanoGpt(emulator).TranscribeAsync(AudioInput.FromFile(ConversationWav)));
        Assert.Equal(SpeechVendor.NanoGpt, nano.Vendor);
        Assert.Equal(1, await CountAsync(emulator, "/api/transcribe/status", "POST", 1));
    }

    /// <summary>
    /// The client's transport, and a fake clock for its attempt timeouts (<see cref="SpeechClientOptions.TimeoutClock"/>)
    /// that moves past <see cref="SpeechClientOptions.NetworkTimeout"/> every 50 ms only while the armed attempt is
    /// stalled at the emulator (which reports it through its <see cref="ServerClock"/>): before its headers, or
    /// (<c>afterHeaders</c>) in the middle of its body. Every other attempt runs on a clock that stands still, so real
    /// time under load never decides an outcome, and the stalled attempt has surely reached the emulator.
    /// </summary>
    private sealed class StallDriver(StallDriver.ServerClock server) : DelegatingHandler(new SocketsHttpHandler())
    {
        /// <summary>The emulator's stalls: ten minutes, longer than any test; the client gives up long before.</summary>
        public const string SlowHeaders = "slow-headers=600000";

        /// <inheritdoc cref="SlowHeaders"/>
        public const string SlowBody = "slow-body=600000";

        private static readonly TimeSpan StallLength = TimeSpan.FromMinutes(10);
        private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
        private readonly CancellationTokenSource _stop = new();
        private string? _armedPath;
        private bool _afterHeaders;

        public FakeTimeProvider Clock { get; } = new();

        public void Apply(SpeechClientOptions options)
        {
            options.Transport = this;
            options.TimeoutClock = Clock;
            options.NetworkTimeout = Step;
        }

        /// <summary>The next attempt whose path ends with <paramref name="path"/> is the one the emulator stalls.</summary>
        public void Arm(string path, bool afterHeaders)
        {
            server.Reset();
            _armedPath = path;
            _afterHeaders = afterHeaders;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var armed = _armedPath is { } path && request.RequestUri!.AbsolutePath.EndsWith(path, StringComparison.Ordinal);
            if (!armed)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            _armedPath = null;
            var sending = base.SendAsync(request, cancellationToken);
            if (!_afterHeaders)
            {
                await Task.WhenAny(sending, server.Stalled).WaitAsync(Wait, CancellationToken.None);
                while (!sending.IsCompleted)
                {
                    Clock.Advance(Step);
                    await Task.WhenAny(sending, Task.Delay(50, CancellationToken.None));
                }

                return await sending;
            }

            var response = await sending;
            _ = Task.Run(async () =>
            {
                await server.Stalled.WaitAsync(Wait, _stop.Token);
                while (!_stop.IsCancellationRequested)
                {
                    Clock.Advance(Step);
                    await Task.Delay(50, CancellationToken.None);
                }
            });
            return response;
        }

        protected override void Dispose(bool disposing)
        {
            _stop.Cancel();
            base.Dispose(disposing);
        }

        /// <summary>The emulator's clock: real time, and a signal when the emulator starts one of the ten-minute stalls.</summary>
        public sealed class ServerClock : TimeProvider
        {
            private TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public Task Stalled => Volatile.Read(ref _stalled).Task;

            public void Reset() => Volatile.Write(ref _stalled, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

            public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            {
                if (dueTime == StallLength)
                {
                    Volatile.Read(ref _stalled).TrySetResult();
                }

                return base.CreateTimer(callback, state, dueTime, period);
            }
        }
    }
}
