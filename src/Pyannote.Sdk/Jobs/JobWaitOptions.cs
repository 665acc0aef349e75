namespace Pyannote.Sdk.Jobs;

/// <summary>How <see cref="SpeechJob{T}.WaitForCompletionAsync"/> polls a vendor job.</summary>
public sealed class JobWaitOptions
{
    /// <summary>Delay before the first poll. Default 1 second.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Each later delay is the previous one times this factor, up to <see cref="MaxPollInterval"/>. Default 2.</summary>
    public double BackoffFactor { get; set; } = 2.0;

    /// <summary>The longest delay between two polls. Default 30 seconds (pyannoteAI allows 100 requests a minute per team).</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest time to wait in total before <see cref="SpeechJobTimeoutException"/>. The job keeps running
    /// on the vendor's side. Default 1 hour; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many status polls in a row may fail transiently (a retriable status after the pipeline's own retries,
    /// a broken connection or response, an attempt timeout, an unreadable body) before the wait gives up with that
    /// error. The job keeps running on the vendor's side either way. Default 5; 0 fails on the first such poll.</summary>
    public int MaxConsecutivePollFailures { get; set; } = 5;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that breaks a rule.</summary>
    /// <param name="paramName">The parameter name to report.</param>
    internal void Validate(string paramName)
    {
        if (InitialDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, InitialDelay, $"{nameof(InitialDelay)} must not be negative.");
        }

        if (!(BackoffFactor >= 1.0) || double.IsInfinity(BackoffFactor))
        {
            throw new ArgumentOutOfRangeException(paramName, BackoffFactor, $"{nameof(BackoffFactor)} must be a finite number of at least 1.");
        }

        if (MaxPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxPollInterval, $"{nameof(MaxPollInterval)} must be positive.");
        }

        if (MaxConsecutivePollFailures < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxConsecutivePollFailures, $"{nameof(MaxConsecutivePollFailures)} must not be negative.");
        }

        if (MaxWait <= TimeSpan.Zero && MaxWait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxWait, $"{nameof(MaxWait)} must be positive or Timeout.InfiniteTimeSpan.");
        }
    }
}

/// <summary>A progress report from <see cref="SpeechJob{T}.WaitForCompletionAsync"/>: sent when the wait starts and
/// on every status change.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="Status">The status just seen.</param>
/// <param name="Elapsed">Time since the wait started.</param>
/// <param name="PollCount">How many status requests the wait has sent so far.</param>
public sealed record JobProgress(string JobId, JobStatus Status, TimeSpan Elapsed, int PollCount);
