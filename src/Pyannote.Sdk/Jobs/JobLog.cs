using Microsoft.Extensions.Logging;

namespace Pyannote.Sdk.Jobs;

/// <summary>The job waits' log events (source-generated): status changes at Information, each poll at Debug.</summary>
internal static partial class JobLog
{
    /// <summary>The logger category of job waits.</summary>
    public const string Category = "Pyannote.Sdk.Jobs";

    [LoggerMessage(EventId = 101, EventName = "JobStatusChanged", Level = LogLevel.Information,
        Message = "{Vendor} job {JobId}: {PreviousStatus} -> {Status} (poll {Poll})")]
    public static partial void StatusChanged(ILogger logger, string vendor, string jobId, string previousStatus, string status, int poll);

    [LoggerMessage(EventId = 102, EventName = "JobPolled", Level = LogLevel.Debug,
        Message = "{Vendor} job {JobId}: still {Status} (poll {Poll})")]
    public static partial void Polled(ILogger logger, string vendor, string jobId, string status, int poll);

    [LoggerMessage(EventId = 103, EventName = "JobPollFailed", Level = LogLevel.Warning,
        Message = "{Vendor} job {JobId}: poll {Poll} failed ({Failures} of {MaxFailures} in a row tolerated); still waiting")]
    public static partial void PollFailed(ILogger logger, Exception exception, string vendor, string jobId, int poll, int failures, int maxFailures);

    [LoggerMessage(EventId = 104, EventName = "JobWaitCanceled", Level = LogLevel.Warning,
        Message = "{Vendor} job {JobId}: the caller canceled the wait while the job was {Status}; the job keeps running on the vendor's side and can be resumed from its id")]
    public static partial void WaitCanceled(ILogger logger, string vendor, string jobId, string status);
}
