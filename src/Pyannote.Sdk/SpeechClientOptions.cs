using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.Jobs;

namespace Pyannote.Sdk;

/// <summary>Settings shared by every vendor client: endpoint, timeouts, retries, job waiting, logging and transport.</summary>
public abstract class SpeechClientOptions
{
    /// <summary>The API's base address; <see langword="null"/> for the vendor's public endpoint. Set it for a proxy or the local emulator.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>How long one attempt may take to connect and, once the request body is sent, to receive the response
    /// headers; the time spent sending an upload's body does not count. Default 100 seconds; <see cref="Timeout.InfiniteTimeSpan"/>
    /// for none. Measured in real time. When it expires the SDK throws <see cref="SpeechTimeoutException"/> (after retrying
    /// requests that are safe to repeat).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long sending a request body may take in one attempt; <see langword="null"/> (the default) for no
    /// limit, since large files take minutes. Measured in real time; expiry throws <see cref="SpeechTimeoutException"/>
    /// with <see cref="SpeechTimeoutKind.Upload"/>.</summary>
    public TimeSpan? UploadTimeout { get; set; }

    /// <summary>The largest successful response body the SDK reads, in bytes; a longer one ends the call with
    /// <see cref="SpeechResponseFormatException"/> instead of exhausting memory. Default 128 MiB, about fifty times the
    /// JSON of a day-long recording with word timestamps and speakers. Error bodies are always cut at 64 KiB.</summary>
    public long MaxResponseBodySize { get; set; } = DefaultMaxResponseBodySize;

    /// <summary>The default <see cref="MaxResponseBodySize"/>: 128 MiB.</summary>
    public const long DefaultMaxResponseBodySize = 128L * 1024 * 1024;

    /// <summary>Retry policy for transient failures.</summary>
    public SpeechRetryOptions Retry { get; set; } = new();

    /// <summary>Default polling schedule and maximum wait for vendor jobs.</summary>
    public JobWaitOptions JobWait { get; set; } = new();

    /// <summary>Source of time for polling, backoff and webhook tolerance; replace it in tests. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Receives request logs; <see langword="null"/> for none. API keys, secrets, pre-signed query strings and audio never reach a log.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The innermost HTTP handler (for example a test double, or a handler with a proxy); <see langword="null"/> for a
    /// pooled <see cref="SocketsHttpHandler"/>. The SDK's authentication, retry, logging and tracing handlers always sit on top.</summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>The vendor's public endpoint (each options class exposes it as a static <c>DefaultEndpoint</c>).</summary>
    private protected abstract Uri VendorEndpoint { get; }

    /// <summary>The clock of the per-attempt network and upload timeouts: real time unless a test sets it. Kept apart
    /// from <see cref="TimeProvider"/> so a manual test clock that fires timers as soon as they are created (to run job
    /// waits instantly) does not also fire every timeout.</summary>
    internal TimeProvider? TimeoutClock { get; set; }

    /// <summary>Problems found while binding these options from configuration (set by <c>AddSpeechClients</c>).</summary>
    internal List<string>? ConfigurationErrors { get; set; }

    /// <summary>Every rule these settings break, each naming the setting as <paramref name="prefix"/> + its name
    /// (for example <c>Speech:Pyannote:NetworkTimeout</c>); empty when they are valid.</summary>
    internal IEnumerable<string> GetValidationErrors(string prefix)
    {
        if (ConfigurationErrors is { } bound)
        {
            foreach (var e in bound)
            {
                yield return e;
            }
        }

        if (Endpoint is { } endpoint && !endpoint.IsAbsoluteHttp())
        {
            yield return $"{prefix}Endpoint must be an absolute http or https URL (got '{Http.Redaction.Url(endpoint)}').";
        }

        if (NetworkTimeout <= TimeSpan.Zero && NetworkTimeout != Timeout.InfiniteTimeSpan)
        {
            yield return $"{prefix}NetworkTimeout must be positive or infinite (got {NetworkTimeout}).";
        }

        if (UploadTimeout is { } upload && upload <= TimeSpan.Zero && upload != Timeout.InfiniteTimeSpan)
        {
            yield return $"{prefix}UploadTimeout must be positive, infinite or unset (got {upload}).";
        }

        if (MaxResponseBodySize <= 0)
        {
            yield return $"{prefix}MaxResponseBodySize must be positive (got {MaxResponseBodySize}).";
        }

        if (Transport is HttpClientHandler { AllowAutoRedirect: true } or SocketsHttpHandler { AllowAutoRedirect: true })
        {
            yield return $"{prefix}Transport follows redirects itself (AllowAutoRedirect is true), which would carry the API key to whatever host a redirect names; set AllowAutoRedirect = false: the SDK follows redirects itself and keeps the key on the vendor's host.";
        }

        if (Retry is null)
        {
            yield return $"{prefix}Retry must not be null.";
        }
        else
        {
            if (Retry.MaxRetries < 0)
            {
                yield return $"{prefix}Retry:MaxRetries must not be negative (got {Retry.MaxRetries}).";
            }

            if (Retry.BaseDelay < TimeSpan.Zero)
            {
                yield return $"{prefix}Retry:BaseDelay must not be negative (got {Retry.BaseDelay}).";
            }

            if (Retry.MaxDelay < TimeSpan.Zero)
            {
                yield return $"{prefix}Retry:MaxDelay must not be negative (got {Retry.MaxDelay}).";
            }

            if (Retry.MaxRetryAfter < TimeSpan.Zero && Retry.MaxRetryAfter != Timeout.InfiniteTimeSpan)
            {
                yield return $"{prefix}Retry:MaxRetryAfter must not be negative; use Timeout.InfiniteTimeSpan for no limit (got {Retry.MaxRetryAfter}).";
            }
        }

        if (TimeProvider is null)
        {
            yield return $"{prefix}TimeProvider must not be null.";
        }

        string? jobWait = null;
        try
        {
            (JobWait ?? throw new ArgumentNullException(nameof(JobWait), "JobWait must not be null.")).Validate(nameof(JobWait));
        }
        catch (ArgumentException ex)
        {
            jobWait = $"{prefix}JobWait: {ex.Message}";
        }

        if (jobWait is not null)
        {
            yield return jobWait;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first rule these settings break.</summary>
    internal void ThrowIfInvalid(string paramName)
    {
        if (GetValidationErrors(string.Empty).FirstOrDefault() is { } error)
        {
            throw new ArgumentException(error, paramName);
        }
    }

    /// <summary>The endpoint in effect, ending with a slash.</summary>
    internal Uri EffectiveEndpoint
    {
        get
        {
            var e = Endpoint ?? VendorEndpoint;
            return e.AbsoluteUri.EndsWith('/') ? e : new Uri(e.AbsoluteUri + "/");
        }
    }
}

/// <summary>How the SDK retries requests that failed transiently (408, 429, 500, 502, 503, 504, connection failures).
/// Requests that create billed work are retried only when the vendor provably did not process them.</summary>
public sealed class SpeechRetryOptions
{
    /// <summary>The most retries after the first attempt. Default 3; 0 disables retries.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay when the vendor gives no <c>Retry-After</c>; doubled each retry, with jitter. Default 0.5 seconds.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff delay. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <c>Retry-After</c> the SDK will wait for; a longer one ends the retries with the error.
    /// Default 60 seconds; <see cref="Timeout.InfiniteTimeSpan"/> waits as long as the vendor asks.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether a request that creates billed work is retried after a 503 that carries no <c>Retry-After</c>.
    /// Default <see langword="false"/>: a proxy or load balancer may answer 503 after the vendor processed the request,
    /// so only a 503 in which the vendor asks to retry later (or a 429) is taken as proof that nothing was billed.</summary>
    public bool RetryBilledOn503WithoutRetryAfter { get; set; }
}
