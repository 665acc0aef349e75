using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pyannote.Sdk.Diagnostics;

namespace Pyannote.Sdk.Jobs;

/// <summary>
/// A long-running vendor job (pyannoteAI diarization, identification and voiceprints; NanoGPT asynchronous
/// transcription) that can be inspected, refreshed and awaited. Resume a job started elsewhere from its id through the
/// vendor client. When a wait ends in an exception (the caller's cancellation included), the job id and vendor are on
/// the exception's <see cref="Exception.Data"/> (read them with <see cref="SpeechJobData.TryGetJobId"/>) and in a log
/// event, so a job that keeps running on the vendor's side can be resumed.
/// </summary>
/// <typeparam name="T">The job's result.</typeparam>
public abstract class SpeechJob<T>
{
    private readonly TimeProvider _timeProvider;
    private readonly JobWaitOptions _defaultWait;
    private readonly ILogger _logger;
    private T? _value;
    private string? _error;

    /// <summary>For mocking only.</summary>
    protected SpeechJob()
    {
        Id = string.Empty;
        _timeProvider = TimeProvider.System;
        _defaultWait = new JobWaitOptions();
        _logger = NullLogger.Instance;
    }

    private protected SpeechJob(string id, JobStatus status, SpeechClientOptions options)
        : this(id, status, options.TimeProvider, options.JobWait, options.LoggerFactory?.CreateLogger(JobLog.Category))
    {
    }

    private protected SpeechJob(string id, JobStatus status, TimeProvider timeProvider, JobWaitOptions? defaultWait, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
        Status = status;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _defaultWait = defaultWait ?? new JobWaitOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The vendor running the job.</summary>
    public abstract SpeechVendor Vendor { get; }

    /// <summary>The vendor's job id.</summary>
    public virtual string Id { get; }

    /// <summary>The last status seen.</summary>
    public virtual JobStatus Status { get; private set; }

    /// <summary>Whether the job has reached a terminal status (succeeded, failed or canceled).</summary>
    public virtual bool HasCompleted => Status.IsTerminal;

    /// <summary>Whether <see cref="Value"/> is available.</summary>
    public virtual bool HasValue { get; private set; }

    /// <summary>The job's result.</summary>
    /// <exception cref="SpeechJobFailedException">The job failed.</exception>
    /// <exception cref="SpeechJobCanceledException">The job was canceled.</exception>
    /// <exception cref="InvalidOperationException">The job has not finished yet.</exception>
    public virtual T Value => HasValue ? _value! : throw OutcomeException() ?? new InvalidOperationException($"Job {Id} has not finished (status '{Status}'). Call {nameof(WaitForCompletionAsync)} first.");

    /// <summary>Asks the vendor for the job's current status once, and updates <see cref="Status"/> and, when it
    /// succeeded, <see cref="Value"/>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The current status.</returns>
    /// <exception cref="SpeechJobNotFoundException">The vendor does not know the job (unknown id, or results past retention).</exception>
    /// <exception cref="SpeechApiException">The vendor answered with another error.</exception>
    public virtual async Task<JobStatus> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        var before = Status;
        try
        {
            await PollOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SpeechJobData.Attach(ex, Vendor, Id);
            throw;
        }

        LogStatus(before, 1);
        return Status;
    }

    /// <summary>
    /// Polls until the job finishes: first after <see cref="JobWaitOptions.InitialDelay"/>, then with exponential
    /// backoff up to <see cref="JobWaitOptions.MaxPollInterval"/>, never sooner than a vendor's <c>Retry-After</c>.
    /// </summary>
    /// <param name="options">Polling schedule and maximum wait; <see langword="null"/> for the client's defaults.</param>
    /// <param name="progress">Receives a report when the wait starts and on every status change.</param>
    /// <param name="cancellationToken">Stops waiting (the job keeps running on the vendor's side).</param>
    /// <returns>The result.</returns>
    /// <exception cref="SpeechJobFailedException">The job failed; carries the vendor's reason.</exception>
    /// <exception cref="SpeechJobCanceledException">The job was canceled.</exception>
    /// <exception cref="SpeechJobTimeoutException">The maximum wait was reached; the job keeps running and can be resumed.</exception>
    /// <exception cref="SpeechJobNotFoundException">The vendor does not know the job.</exception>
    /// <exception cref="SpeechApiException">A status poll failed with a non-retriable error, or more than
    /// <see cref="JobWaitOptions.MaxConsecutivePollFailures"/> polls in a row failed with a retriable one.</exception>
    /// <exception cref="SpeechTransportException">More than <see cref="JobWaitOptions.MaxConsecutivePollFailures"/> polls in a row failed to connect or were cut off.</exception>
    /// <exception cref="SpeechTimeoutException">More than <see cref="JobWaitOptions.MaxConsecutivePollFailures"/> polls in a row hit the network timeout.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; the job keeps
    /// running, and its id is on the exception (<see cref="SpeechJobData.TryGetJobId"/>).</exception>
    public virtual async Task<T> WaitForCompletionAsync(JobWaitOptions? options = null, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var wait = options ?? _defaultWait;
        wait.Validate(nameof(options));
        cancellationToken.ThrowIfCancellationRequested();

        // One span for the whole wait: each poll's request span is its child, each status change an event.
        using var activity = SpeechDiagnostics.ActivitySource.StartActivity($"{Vendor.Key()}.job.wait", ActivityKind.Internal);
        activity?.SetTag(SpeechDiagnostics.Tags.Vendor, Vendor.Key());
        activity?.SetTag(SpeechDiagnostics.Tags.JobId, Id);
        try
        {
            var result = await WaitCoreAsync(wait, progress, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(SpeechDiagnostics.Tags.JobStatus, Status.ToString());
            return result;
        }
        catch (Exception ex)
        {
            SpeechJobData.Attach(ex, Vendor, Id);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                JobLog.WaitCanceled(_logger, Vendor.Key(), Id, Status.ToString());
            }

            activity?.SetTag(SpeechDiagnostics.Tags.JobStatus, Status.ToString());
            activity?.SetTag("error.type", ex.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private async Task<T> WaitCoreAsync(JobWaitOptions wait, IProgress<JobProgress>? progress, Activity? activity, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var polls = 0;
        var reported = Status;
        progress?.Report(new JobProgress(Id, Status, TimeSpan.Zero, polls));

        var delay = wait.InitialDelay;
        var failedPolls = 0;
        while (!HasCompleted)
        {
            var elapsed = _timeProvider.GetElapsedTime(started);
            if (wait.MaxWait != Timeout.InfiniteTimeSpan)
            {
                var remaining = wait.MaxWait - elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new SpeechJobTimeoutException(Vendor, Id, wait.MaxWait, Status);
                }

                if (delay > remaining)
                {
                    delay = remaining;
                }
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            TimeSpan? retryAfter;
            var before = Status;
            try
            {
                polls++;
                retryAfter = await PollOnceAsync(cancellationToken).ConfigureAwait(false);
                failedPolls = 0;
                LogStatus(before, polls);
            }
            catch (Exception ex) when (IsTransientPollFailure(ex, cancellationToken) && ++failedPolls <= wait.MaxConsecutivePollFailures)
            {
                // The pipeline already retried this poll; keep waiting instead of failing a job that is still running.
                retryAfter = (ex as SpeechApiException)?.RetryAfter;
                JobLog.PollFailed(_logger, ex, Vendor.Key(), Id, polls, failedPolls, wait.MaxConsecutivePollFailures);
                activity?.AddEvent(new ActivityEvent("poll.failed", tags: new ActivityTagsCollection { ["error.type"] = ex.GetType().FullName, ["poll"] = polls }));
            }

            if (Status != reported)
            {
                reported = Status;
                activity?.AddEvent(new ActivityEvent("status", tags: new ActivityTagsCollection { [SpeechDiagnostics.Tags.JobStatus] = Status.ToString(), ["poll"] = polls }));
                progress?.Report(new JobProgress(Id, Status, _timeProvider.GetElapsedTime(started), polls));
            }

            delay = NextDelay(delay, wait);
            if (retryAfter is { } ra && ra > delay)
            {
                delay = ra;
            }
        }

        return Value;
    }

    private void LogStatus(JobStatus before, int poll)
    {
        if (Status != before)
        {
            JobLog.StatusChanged(_logger, Vendor.Key(), Id, before.ToString(), Status.ToString(), poll);
        }
        else
        {
            JobLog.Polled(_logger, Vendor.Key(), Id, Status.ToString(), poll);
        }
    }

    /// <summary>Asks the vendor for the job once. Implementations map a 404 to <see cref="SpeechApiException"/> with
    /// status 404; the base class turns it into <see cref="SpeechJobNotFoundException"/>.</summary>
    private protected abstract Task<JobSnapshot<T>> FetchAsync(CancellationToken cancellationToken);

    /// <summary>Sets the job's state from a snapshot (for jobs created with a known outcome, such as webhook events).</summary>
    private protected void Apply(JobSnapshot<T> snapshot)
    {
        Status = snapshot.Status;
        if (snapshot.HasValue)
        {
            _value = snapshot.Value;
            HasValue = true;
        }

        _error = snapshot.Error;
    }

    private async Task<TimeSpan?> PollOnceAsync(CancellationToken cancellationToken)
    {
        JobSnapshot<T> snapshot;
        try
        {
            snapshot = await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SpeechApiException ex) when (ex.StatusCode == 404)
        {
            throw new SpeechJobNotFoundException(Vendor, Id, ex);
        }

        Apply(snapshot);
        return snapshot.RetryAfter;
    }

    /// <summary>A status poll that failed in a way a later poll may not: a retriable status (after the pipeline's own
    /// retries), a broken connection or response, or an attempt timeout. Never the caller's cancellation or a 404.</summary>
    private static bool IsTransientPollFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        SpeechJobNotFoundException => false,
        SpeechResponseFormatException => true,
        SpeechApiException api => api.IsRetriable,
        SpeechTimeoutException => true,
        SpeechTransportException => true,
        HttpRequestException or IOException => true,
        _ => false,
    } && !cancellationToken.IsCancellationRequested;

    private static TimeSpan NextDelay(TimeSpan current, JobWaitOptions wait)
    {
        var baseDelay = current <= TimeSpan.Zero ? wait.InitialDelay : current;
        if (baseDelay <= TimeSpan.Zero)
        {
            baseDelay = TimeSpan.FromSeconds(1);
        }

        var next = TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * wait.BackoffFactor, wait.MaxPollInterval.Ticks));
        return next;
    }

    private Exception? OutcomeException() =>
        Status.IsFailed ? new SpeechJobFailedException(Vendor, Id, _error)
        : Status.IsCanceled ? new SpeechJobCanceledException(Vendor, Id)
        : Status.IsSucceeded ? new InvalidOperationException($"Job {Id} succeeded but the vendor returned no result.")
        : null;
}

/// <summary>One observation of a job: its status, its result when it succeeded, its error when it failed, and any
/// Retry-After the vendor sent with the answer.</summary>
internal readonly record struct JobSnapshot<T>(JobStatus Status, T? Value, bool HasValue, string? Error, TimeSpan? RetryAfter)
{
    public static JobSnapshot<T> Running(JobStatus status, TimeSpan? retryAfter = null) => new(status, default, false, null, retryAfter);

    public static JobSnapshot<T> Succeeded(JobStatus status, T value) => new(status, value, true, null, null);

    public static JobSnapshot<T> Failed(JobStatus status, string? error) => new(status, default, false, error, null);
}
