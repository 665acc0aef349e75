using System.Diagnostics;
using Pyannote.Sdk.Jobs;

namespace Pyannote.Sdk.Tests.Core;

public class SpeechJobWaitTests
{
    private sealed class ScriptedJob : SpeechJob<string>
    {
        private readonly Queue<Func<JobSnapshot<string>>> _script;

        public ScriptedJob(TimeProvider time, params Func<JobSnapshot<string>>[] script)
            : base("job-1", JobStatus.Created, time, null) => _script = new(script);

        public int Polls { get; private set; }

        public override SpeechVendor Vendor => SpeechVendor.Pyannote;

        private protected override Task<JobSnapshot<string>> FetchAsync(CancellationToken cancellationToken)
        {
            Polls++;
            return Task.FromResult(_script.Dequeue()());
        }
    }

    [Fact]
    public async Task Wait_polls_after_one_second_then_backs_off_exponentially_to_the_cap()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var steps = Enumerable.Range(0, 8).Select(_ => (Func<JobSnapshot<string>>)(() => JobSnapshot<string>.Running(JobStatus.Running)))
            .Append(() => JobSnapshot<string>.Succeeded(JobStatus.Succeeded, "done")).ToArray();
        var job = new ScriptedJob(time, steps);

        var result = await job.WaitForCompletionAsync();

        Assert.Equal("done", result);
        Assert.Equal(9, job.Polls);
        Assert.Equal(new[] { 1, 2, 4, 8, 16, 30, 30, 30, 30 }.Select(s => TimeSpan.FromSeconds(s)), time.Delays);
    }

    [Fact]
    public async Task Wait_never_polls_sooner_than_retry_after()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var job = new ScriptedJob(time,
            () => JobSnapshot<string>.Running(JobStatus.Running, TimeSpan.FromSeconds(20)),
            () => JobSnapshot<string>.Succeeded(JobStatus.Succeeded, "ok"));

        await job.WaitForCompletionAsync();

        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20) }, time.Delays);
    }

    [Fact]
    public async Task Failed_canceled_timeout_and_not_found_are_distinct_typed_outcomes()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var failed = new ScriptedJob(time, () => JobSnapshot<string>.Failed(JobStatus.Failed, "Could not load audio"));
        var ex = await Assert.ThrowsAsync<SpeechJobFailedException>(() => failed.WaitForCompletionAsync());
        Assert.Equal("job-1", ex.JobId);
        Assert.Equal("Could not load audio", ex.Error);

        var canceled = new ScriptedJob(time, () => JobSnapshot<string>.Failed(JobStatus.Canceled, null));
        await Assert.ThrowsAsync<SpeechJobCanceledException>(() => canceled.WaitForCompletionAsync());

        var forever = new ScriptedJob(time, Enumerable.Repeat<Func<JobSnapshot<string>>>(() => JobSnapshot<string>.Running(JobStatus.Running), 100).ToArray());
        var timeout = await Assert.ThrowsAsync<SpeechJobTimeoutException>(() => forever.WaitForCompletionAsync(new JobWaitOptions { MaxWait = TimeSpan.FromMinutes(2) }));
        Assert.Equal(JobStatus.Running, timeout.LastStatus);
        Assert.Equal(TimeSpan.FromMinutes(2), time.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b) - TimeSpan.FromSeconds(1 + 1)); // two earlier jobs waited 1 s each

        var gone = new ScriptedJob(time, () => throw new SpeechApiException(SpeechVendor.Pyannote, 404, "not found"));
        var nf = await Assert.ThrowsAsync<SpeechJobNotFoundException>(() => gone.WaitForCompletionAsync());
        Assert.Contains("24 hours", nf.Message);
    }

    [Fact]
    public async Task Progress_reports_start_and_every_status_change()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var job = new ScriptedJob(time,
            () => JobSnapshot<string>.Running(JobStatus.Created),
            () => JobSnapshot<string>.Running(JobStatus.Running),
            () => JobSnapshot<string>.Running(JobStatus.Running),
            () => JobSnapshot<string>.Succeeded(JobStatus.Succeeded, "x"));
        var reports = new List<JobProgress>();

        await job.WaitForCompletionAsync(progress: new SyncProgress<JobProgress>(reports.Add));

        Assert.Equal(new[] { "created", "running", "succeeded" }, reports.Select(r => r.Status.ToString()));
    }

    [Fact]
    public async Task Caller_cancellation_is_an_OperationCanceledException()
    {
        var time = new FakeTimeProvider();
        var job = new ScriptedJob(time, () => JobSnapshot<string>.Running(JobStatus.Running));
        using var cts = new CancellationTokenSource();
        var wait = job.WaitForCompletionAsync(cancellationToken: cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task A_wait_is_one_span_with_an_event_per_status_change_and_the_final_status()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Pyannote.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.OperationName == "pyannote.job.wait") { lock (spans) { spans.Add(a); } } },
        };
        ActivitySource.AddActivityListener(listener);
        var time = new FakeTimeProvider { AutoAdvance = true };
        var job = new ScriptedJob(time,
            () => JobSnapshot<string>.Running(JobStatus.Running),
            () => JobSnapshot<string>.Succeeded(JobStatus.Succeeded, "x"));

        await job.WaitForCompletionAsync();

        var span = Assert.Single(spans, s => (string?)s.GetTagItem("speech.job.id") == "job-1");
        Assert.Equal("pyannote", span.GetTagItem("speech.vendor"));
        Assert.Equal("succeeded", span.GetTagItem("speech.job.status"));
        Assert.Equal(new[] { "running", "succeeded" }, span.Events.Select(e => (string?)e.Tags.First(t => t.Key == "speech.job.status").Value));
    }

    [Fact]
    public async Task Transient_poll_failures_are_ridden_out_while_the_job_keeps_running()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var job = new ScriptedJob(time,
            () => throw new HttpRequestException("reset during the body", null, System.Net.HttpStatusCode.OK),
            () => throw new SpeechTimeoutException(SpeechVendor.Pyannote, "pyannote.job.get", SpeechTimeoutKind.Network, TimeSpan.FromSeconds(1)),
            () => throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "truncated"),
            () => throw new SpeechApiException(SpeechVendor.Pyannote, 503, retryAfter: TimeSpan.FromSeconds(40)),
            () => JobSnapshot<string>.Succeeded(JobStatus.Succeeded, "ok"));

        Assert.Equal("ok", await job.WaitForCompletionAsync());
        Assert.Equal(5, job.Polls);
        Assert.Equal(new[] { 1, 2, 4, 8, 40 }.Select(s => TimeSpan.FromSeconds(s)), time.Delays);
    }

    [Fact]
    public async Task More_consecutive_poll_failures_than_allowed_end_the_wait_with_the_last_error()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var job = new ScriptedJob(time, Enumerable.Repeat<Func<JobSnapshot<string>>>(() => throw new HttpRequestException("refused"), 10).ToArray());

        await Assert.ThrowsAsync<HttpRequestException>(() => job.WaitForCompletionAsync(new JobWaitOptions { MaxConsecutivePollFailures = 2 }));
        Assert.Equal(3, job.Polls);
    }

    [Fact]
    public async Task A_non_retriable_poll_error_ends_the_wait_at_once()
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        var job = new ScriptedJob(time, () => throw new SpeechApiException(SpeechVendor.Pyannote, 401, "bad key"));

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => job.WaitForCompletionAsync());
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(1, job.Polls);
    }

    [Fact]
    public async Task A_negative_failure_allowance_is_rejected_before_polling()
    {
        var job = new ScriptedJob(new FakeTimeProvider(), () => JobSnapshot<string>.Running(JobStatus.Running));
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => job.WaitForCompletionAsync(new JobWaitOptions { MaxConsecutivePollFailures = -1 }));
        Assert.Equal("options", ex.ParamName);
        Assert.Equal(0, job.Polls);
    }
}
