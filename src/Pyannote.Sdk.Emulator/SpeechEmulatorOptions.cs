namespace Pyannote.Sdk.Emulator;

/// <summary>How the emulator encodes the pyannoteAI <c>X-Signature</c> webhook header.</summary>
/// <remarks>The vendor documents base64; community receivers compare lowercase hex or <c>v0=</c> + hex, so all three can be produced.</remarks>
public enum WebhookSignatureEncoding
{
    /// <summary>Base64 of the HMAC-SHA256 digest (the documented form; the default).</summary>
    Base64,

    /// <summary>Lowercase hexadecimal digest.</summary>
    Hex,

    /// <summary><c>v0=</c> followed by the lowercase hexadecimal digest.</summary>
    V0Hex,
}

/// <summary>Settings of a <see cref="SpeechEmulator"/>. Every property has a default suited to a local run; tests usually
/// start from <see cref="ForTests"/>, which removes every delay.</summary>
public sealed partial class SpeechEmulatorOptions
{
    /// <summary>TCP port to listen on (on 127.0.0.1 only). 0, the default, picks a free ephemeral port.</summary>
    public int Port { get; set; }

    /// <summary>The API key every vendor accepts. Defaults to <c>emulator-key</c>.</summary>
    public string ApiKey { get; set; } = "emulator-key";

    /// <summary>When <see langword="true"/>, any non-empty key is accepted (a missing key is still rejected with 401).</summary>
    public bool AcceptAnyApiKey { get; set; }

    /// <summary>Time a pyannoteAI job (or NanoGPT async run) stays <c>created</c>/<c>pending</c> before it starts running. Default 0.5 s.</summary>
    public TimeSpan JobQueuedDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time a job stays <c>running</c>/<c>processing</c> before it reaches its terminal status. Default 2 s.</summary>
    public TimeSpan JobRunningDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Clock used for job progression, webhook retry delays and time limits, rate-limit windows and timestamps. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Secret that signs pyannoteAI webhooks (HMAC-SHA256 keyed with its UTF-8 bytes). Default <c>emulator-webhook-secret</c>.</summary>
    public string WebhookSecret { get; set; } = "emulator-webhook-secret";

    /// <summary>Encoding of the <c>X-Signature</c> header. Default <see cref="WebhookSignatureEncoding.Base64"/>.</summary>
    public WebhookSignatureEncoding WebhookSignatureEncoding { get; set; } = WebhookSignatureEncoding.Base64;

    /// <summary>Delays before the 1st, 2nd and 3rd webhook redelivery. The vendor uses 0 s, 1 min and 5 min (the default).
    /// The number of entries is the number of retries (at most 3 are used).</summary>
    public IList<TimeSpan> WebhookRetryDelays { get; set; } = new List<TimeSpan> { TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5) };

    /// <summary>Time the emulator waits for a webhook receiver to answer before it counts an <c>http_timeout</c>. Default 10 s.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Accept plain <c>http://</c> webhook URLs for pyannoteAI jobs. The real API requires https; the default
    /// (<see langword="true"/>) allows http so a test can receive on <c>http://127.0.0.1</c>. Set to <see langword="false"/> to get the vendor's 400.</summary>
    public bool AllowHttpWebhooks { get; set; } = true;

    /// <summary>Deliver webhooks to hosts other than loopback. Default <see langword="false"/>: such deliveries are recorded
    /// in <see cref="SpeechEmulator.WebhookDeliveries"/> as skipped and never sent, so the emulator cannot reach the network.</summary>
    public bool AllowNonLoopbackWebhooks { get; set; }

    /// <summary>Enforce the vendors' rate limits (pyannoteAI 100 requests per minute per key, JigsawStack 50 per second).
    /// Rate-limit headers are sent either way. Default <see langword="false"/>.</summary>
    public bool EnforceRateLimits { get; set; }

    /// <summary>Folders scanned at start for <c>&lt;audio&gt;.transcript.json</c> sidecars. An uploaded file whose bytes (SHA-256)
    /// or file name match an indexed audio file gets that sidecar's words and speakers.</summary>
    public IList<string> AudioLibraryDirectories { get; set; } = new List<string>();

    /// <summary>Folder for uploaded files. Default: a fresh folder under the system temp folder, deleted on dispose.</summary>
    public string? StorageDirectory { get; set; }

    /// <summary>Faults served to the next matching requests, for clients that cannot set the <c>x-emulator-fault</c> header.
    /// More can be queued while running with <see cref="SpeechEmulator.EnqueueFault"/>.</summary>
    public IList<EmulatorFaultRule> Faults { get; set; } = new List<EmulatorFaultRule>();

    /// <summary>Live sessions (pyannoteAI live, Together AI real time): hold clients to real time as the vendors do. When
    /// on (the default), a pyannoteAI client more than <see cref="LiveMaxLead"/> ahead of real time is closed with 1008.
    /// Turn it off (as <see cref="ForTests"/> does) so tests and benchmarks can stream 30 s of audio in well under a
    /// second; events still follow audio time, never wall time.</summary>
    public bool PaceLiveAudio { get; set; } = true;

    /// <summary>How far ahead of real time a pyannoteAI live client may run before it is closed with 1008. Default 5 s (the vendor's buffer).</summary>
    public TimeSpan LiveMaxLead { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A pyannoteAI live session that receives no audio for this long is closed with 1008 "client timeout"
    /// (third-party observation, unconfirmed by the vendor). Default 5 s; <see langword="null"/> turns it off (<see cref="ForTests"/>).</summary>
    public TimeSpan? LiveIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Audio a live session may stream before the server closes it with 1011 (a third party reports about 10
    /// minutes at pyannoteAI, unconfirmed). Default <see langword="null"/>: no limit.</summary>
    public TimeSpan? LiveMaxSessionAudio { get; set; }

    /// <summary>How long a created pyannoteAI live session URL stays valid before it is used. Default 10 minutes.</summary>
    public TimeSpan LiveSessionUrlLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Write request logs to the console (the standalone server turns this on). Default <see langword="false"/>.</summary>
    public bool EnableConsoleLogging { get; set; }

    /// <summary>Returns options for tests: no job delays and no webhook retry delays, a webhook receiver time limit of a
    /// minute (a loaded CI machine must not turn a slow first delivery into a timeout; a test about timeouts sets its own
    /// limit and drives <see cref="TimeProvider"/>); everything else default.</summary>
    /// <returns>A new options instance.</returns>
    public static SpeechEmulatorOptions ForTests() => new()
    {
        JobQueuedDelay = TimeSpan.Zero,
        JobRunningDelay = TimeSpan.Zero,
        WebhookRetryDelays = new List<TimeSpan> { TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero },
        WebhookTimeout = TimeSpan.FromMinutes(1),
        PaceLiveAudio = false,
        LiveIdleTimeout = null,
    };
}

/// <summary>A fault served to the next <see cref="Count"/> requests whose path matches <see cref="Path"/>.</summary>
/// <param name="Path">Path to match: the full path (<c>/pyannote/v1/diarize</c>), the vendor-relative path (<c>/v1/diarize</c>) or <c>*</c> for any request.</param>
/// <param name="Fault">A fault in the <c>x-emulator-fault</c> header grammar, e.g. <c>429;retry-after=2</c> (see docs/emulator.md).</param>
/// <param name="Count">How many matching requests get the fault.</param>
public sealed record EmulatorFaultRule(string Path, string Fault, int Count = 1);

/// <summary>One request the emulator served.</summary>
/// <param name="Vendor">Vendor prefix (<c>pyannote</c>, <c>together</c>, <c>jigsawstack</c>, <c>nanogpt</c>), <c>storage</c> for pre-signed URLs, or empty.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Full request path including the vendor prefix, without the query string.</param>
/// <param name="StatusCode">Status code sent (0 when the connection was aborted before headers).</param>
/// <param name="Fault">The injected fault, if any.</param>
/// <param name="HadAuthorization">Whether the request carried an <c>Authorization</c> header.</param>
/// <param name="Timestamp">When the request arrived.</param>
public sealed record EmulatorRequest(string Vendor, string Method, string Path, int StatusCode, string? Fault, bool HadAuthorization, DateTimeOffset Timestamp);

/// <summary>One webhook delivery attempt made (or skipped) by the emulator.</summary>
/// <param name="Vendor">Vendor that sent it (<c>pyannote</c> or <c>jigsawstack</c>).</param>
/// <param name="JobId">Job or request id the webhook reports on.</param>
/// <param name="Url">Target URL.</param>
/// <param name="Attempt">0 for the first delivery, 1–3 for redeliveries (the value of <c>x-retry-num</c>).</param>
/// <param name="StatusCode">Receiver's status code, or <see langword="null"/> when no response was received.</param>
/// <param name="Outcome"><c>delivered</c>, a retry reason (<c>http_error</c>, <c>http_timeout</c>, <c>connection_failed</c>, <c>too_many_redirects</c>, <c>unknown_error</c>), <c>injected_failure</c> or <c>skipped_non_loopback</c>.</param>
/// <param name="Body">Raw JSON body sent.</param>
/// <param name="Timestamp">When the attempt was made.</param>
public sealed record EmulatorWebhookDelivery(string Vendor, string JobId, string Url, int Attempt, int? StatusCode, string Outcome, string Body, DateTimeOffset Timestamp);
