namespace Pyannote.Sdk.Jobs;

/// <summary>
/// Base type for the outcomes of a vendor job that are not a result: failed, canceled by the vendor, still running
/// when the wait ended, or unknown to the vendor. <see cref="JobId"/> identifies the job, to resume or inspect it.
/// </summary>
public abstract class SpeechJobException : SpeechException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor that ran the job.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    protected SpeechJobException(SpeechVendor vendor, string jobId, string message, Exception? innerException = null)
        : base(vendor, vendor.Key() + ".job", message, innerException)
    {
        JobId = jobId;
    }

    /// <summary>The job id; use it to resume or inspect the job.</summary>
    public string JobId { get; }
}

/// <summary>The vendor reports that the job failed. <see cref="Error"/> holds the vendor's reason (pyannoteAI <c>output.error</c>, NanoGPT <c>error</c>).</summary>
public sealed class SpeechJobFailedException : SpeechJobException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor that ran the job.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="error">The vendor's reason, if it gave one.</param>
    public SpeechJobFailedException(SpeechVendor vendor, string jobId, string? error)
        : base(vendor, jobId, $"{vendor.DisplayName()} job {jobId} failed: {(string.IsNullOrWhiteSpace(error) ? "the vendor gave no reason." : error)}")
    {
        Error = error;
    }

    /// <summary>The vendor's reason for the failure, in the vendor's words, if it gave one.</summary>
    public string? Error { get; }
}

/// <summary>The job was canceled on the vendor's side (pyannoteAI does not bill canceled jobs). Not the caller's
/// own cancellation, which stays <see cref="OperationCanceledException"/>.</summary>
public sealed class SpeechJobCanceledException : SpeechJobException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor that ran the job.</param>
    /// <param name="jobId">The job id.</param>
    public SpeechJobCanceledException(SpeechVendor vendor, string jobId)
        : base(vendor, jobId, $"{vendor.DisplayName()} job {jobId} was canceled.")
    {
    }
}

/// <summary>The wait reached its maximum before the job finished. The job keeps running on the vendor's side and can
/// be resumed from <see cref="SpeechJobException.JobId"/>.</summary>
public sealed class SpeechJobTimeoutException : SpeechJobException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor that runs the job.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="maxWait">The wait limit that was reached.</param>
    /// <param name="lastStatus">The last status seen.</param>
    public SpeechJobTimeoutException(SpeechVendor vendor, string jobId, TimeSpan maxWait, JobStatus lastStatus)
        : base(vendor, jobId, $"{vendor.DisplayName()} job {jobId} was still '{lastStatus}' after waiting {maxWait}. The job keeps running; resume it from its id.")
    {
        MaxWait = maxWait;
        LastStatus = lastStatus;
    }

    /// <summary>The wait limit that was reached.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>The last status seen before giving up.</summary>
    public JobStatus LastStatus { get; }
}

/// <summary>The vendor does not know the job: the id is wrong, or the job's results are past the vendor's retention
/// (pyannoteAI deletes results 24 hours after completion). The vendor's 404 answer is the
/// <see cref="Exception.InnerException"/>; its status, request id and message are repeated here.</summary>
public sealed class SpeechJobNotFoundException : SpeechJobException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor asked.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="inner">The vendor's 404 answer.</param>
    public SpeechJobNotFoundException(SpeechVendor vendor, string jobId, SpeechApiException inner)
        : base(vendor, jobId, $"{vendor.DisplayName()} job {jobId} was not found: the id is unknown, or the job finished more than 24 hours ago and its results were deleted.{(string.IsNullOrWhiteSpace(inner?.VendorMessage) ? string.Empty : " " + vendor.DisplayName() + " said: " + inner.VendorMessage)}", inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        StatusCode = inner.StatusCode;
        RequestId = inner.RequestId;
        VendorMessage = inner.VendorMessage;
    }

    /// <summary>The HTTP status of the vendor's answer (404).</summary>
    public int StatusCode { get; }

    /// <summary>The vendor's request id, if it sent one.</summary>
    public string? RequestId { get; }

    /// <summary>The vendor's own message, if it sent one.</summary>
    public string? VendorMessage { get; }
}
