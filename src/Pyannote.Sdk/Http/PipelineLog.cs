using Microsoft.Extensions.Logging;

namespace Pyannote.Sdk.Http;

/// <summary>The pipeline's log events (source-generated). URLs are passed through <see cref="Redaction.Url(Uri?)"/>;
/// no header, body or key ever reaches these.</summary>
internal static partial class PipelineLog
{
    /// <summary>The logger category of the pipeline.</summary>
    public const string Category = "Pyannote.Sdk.Http";

    [LoggerMessage(EventId = 1, EventName = "RequestStarting", Level = LogLevel.Debug,
        Message = "{Vendor} {Operation}: sending {Method} {Url}")]
    public static partial void RequestStarting(ILogger logger, string vendor, string operation, string method, string url);

    [LoggerMessage(EventId = 2, EventName = "RequestSucceeded", Level = LogLevel.Information,
        Message = "{Vendor} {Operation}: {Method} {Url} answered {StatusCode} in {ElapsedMs:0} ms after {Attempts} attempt(s); request id {RequestId}")]
    public static partial void RequestSucceeded(ILogger logger, string vendor, string operation, string method, string url, int statusCode, double elapsedMs, int attempts, string? requestId);

    [LoggerMessage(EventId = 3, EventName = "RequestFailedStatus", Level = LogLevel.Warning,
        Message = "{Vendor} {Operation}: {Method} {Url} answered {StatusCode} in {ElapsedMs:0} ms after {Attempts} attempt(s); request id {RequestId}")]
    public static partial void RequestFailedStatus(ILogger logger, string vendor, string operation, string method, string url, int statusCode, double elapsedMs, int attempts, string? requestId);

    [LoggerMessage(EventId = 4, EventName = "RequestFailed", Level = LogLevel.Warning,
        Message = "{Vendor} {Operation}: {Method} {Url} failed after {ElapsedMs:0} ms and {Attempts} attempt(s) ({ErrorType})")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string vendor, string operation, string method, string url, double elapsedMs, int attempts, string errorType);

    [LoggerMessage(EventId = 5, EventName = "RequestCanceled", Level = LogLevel.Debug,
        Message = "{Vendor} {Operation}: {Method} {Url} was canceled by the caller after {ElapsedMs:0} ms")]
    public static partial void RequestCanceled(ILogger logger, string vendor, string operation, string method, string url, double elapsedMs);

    [LoggerMessage(EventId = 6, EventName = "RetryScheduled", Level = LogLevel.Warning,
        Message = "{Vendor} {Operation}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs:0} ms")]
    public static partial void RetryScheduled(ILogger logger, string vendor, string operation, int attempt, string reason, double delayMs);

    [LoggerMessage(EventId = 7, EventName = "RetryRefused", Level = LogLevel.Information,
        Message = "{Vendor} {Operation}: attempt {Attempt} failed ({Reason}) and is not repeated: {Why}")]
    public static partial void RetryRefused(ILogger logger, string vendor, string operation, int attempt, string reason, string why);

    [LoggerMessage(EventId = 8, EventName = "AttemptTimedOut", Level = LogLevel.Warning,
        Message = "{Vendor} {Operation}: the attempt hit the {Kind} timeout of {TimeoutMs:0} ms")]
    public static partial void AttemptTimedOut(ILogger logger, string vendor, string operation, SpeechTimeoutKind kind, double timeoutMs);

    [LoggerMessage(EventId = 9, EventName = "OuterResilienceRemoved", Level = LogLevel.Warning,
        Message = "{Vendor}: removed {Handlers} from the HttpClient '{ClientName}': app-wide defaults (ConfigureHttpClientDefaults) put it outside the SDK's pipeline, where its retries would repeat billed requests and its timeouts would override NetworkTimeout. The SDK's own Retry and NetworkTimeout settings apply; to add a resilience handler to this client anyway, use ConfigureHttpClient(vendor, ...), which puts it inside the pipeline, where billed requests are still sent once.")]
    public static partial void OuterResilienceRemoved(ILogger logger, string vendor, string clientName, string handlers);
}
