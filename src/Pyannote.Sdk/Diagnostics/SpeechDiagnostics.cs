using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pyannote.Sdk.Diagnostics;

/// <summary>
/// Names of the SDK's telemetry sources. Subscribe to them with OpenTelemetry
/// (<c>.AddSource(SpeechDiagnostics.ActivitySourceName)</c>, <c>.AddMeter(SpeechDiagnostics.MeterName)</c>) or any
/// <see cref="ActivityListener"/> / <see cref="MeterListener"/>.
/// </summary>
public static class SpeechDiagnostics
{
    /// <summary>The name of the SDK's <see cref="ActivitySource"/>: one span per vendor request (named after the
    /// operation, for example <c>pyannote.diarize</c>), with a <c>retry</c> event for every retry.</summary>
    public const string ActivitySourceName = "Pyannote.Sdk";

    /// <summary>The name of the SDK's <see cref="Meter"/>.</summary>
    public const string MeterName = "Pyannote.Sdk";

    /// <summary>Histogram, seconds: duration of each vendor request including its retries
    /// (tags <c>speech.vendor</c>, <c>speech.operation</c>, <c>http.request.method</c>, <c>http.response.status_code</c>, <c>error.type</c>).</summary>
    public const string RequestDurationInstrument = "pyannote.sdk.client.request.duration";

    /// <summary>Counter: vendor requests finished (same tags as <see cref="RequestDurationInstrument"/>).</summary>
    public const string RequestCountInstrument = "pyannote.sdk.client.requests";

    /// <summary>Counter: retries scheduled (tags <c>speech.vendor</c>, <c>speech.operation</c>, <c>speech.retry.reason</c>).</summary>
    public const string RetryCountInstrument = "pyannote.sdk.client.retries";

    /// <summary>Counter: attempts that hit the SDK's network or upload timeout (tags <c>speech.vendor</c>, <c>speech.operation</c>, <c>speech.timeout.kind</c>).</summary>
    public const string TimeoutCountInstrument = "pyannote.sdk.client.timeouts";

    /// <summary>Observable gauge: requests left in a vendor's rate-limit window, as its last answer reported (tag <c>speech.vendor</c>).</summary>
    public const string RateLimitRemainingInstrument = "pyannote.sdk.client.rate_limit.remaining";

    /// <summary>Observable gauge: requests a vendor allows per rate-limit window, as its last answer reported (tag <c>speech.vendor</c>).</summary>
    public const string RateLimitLimitInstrument = "pyannote.sdk.client.rate_limit.limit";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, typeof(SpeechDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(MeterName, typeof(SpeechDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(RequestDurationInstrument, "s", "Duration of vendor requests, retries included.");

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>(RequestCountInstrument, "{request}", "Vendor requests finished.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetryCountInstrument, "{retry}", "Retries scheduled by the SDK.");

    internal static readonly Counter<long> Timeouts = Meter.CreateCounter<long>(TimeoutCountInstrument, "{timeout}", "Attempts that hit the SDK's network or upload timeout.");

    /// <summary>Tag names (OpenTelemetry semantic conventions where one exists).</summary>
    internal static class Tags
    {
        public const string Vendor = "speech.vendor";
        public const string Operation = "speech.operation";
        public const string JobId = "speech.job.id";
        public const string JobStatus = "speech.job.status";
        public const string RetryReason = "speech.retry.reason";
        public const string RetryDelay = "speech.retry.delay_ms";
        public const string RetryAttempt = "speech.retry.attempt";
        public const string TimeoutKind = "speech.timeout.kind";
        public const string RequestId = "speech.request_id";
        public const string Method = "http.request.method";
        public const string StatusCode = "http.response.status_code";
        public const string UrlFull = "url.full";
        public const string ServerAddress = "server.address";
        public const string ServerPort = "server.port";
        public const string ErrorType = "error.type";
        public const string ResendCount = "http.request.resend_count";
    }
}
