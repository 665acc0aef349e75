using System.Security.Cryptography;
using System.Text;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// Receives JigsawStack webhook deliveries. JigsawStack does not sign them, so (as it recommends) a secret token travels
/// in the callback URL: <see cref="CreateCallbackUrl(Uri, string, string)"/> adds a correlation id of your choosing
/// (<c>webhookId</c>), an expiry (<c>webhookExpires</c>, Unix seconds) and a token (<c>webhookKey</c>) that is the
/// HMAC-SHA256 of both under your secret. On receipt the token is recomputed and compared in constant time, the expiry
/// is checked, and (when you supply it) the body's job id must be the one the start call returned. The token proves the
/// URL is one you made, for that correlation, and still valid; it does not authenticate the body (see docs/webhooks.md
/// for exactly what is and is not protected).
/// </summary>
public static class JigsawStackWebhook
{
    /// <summary>The query parameter that carries the correlation id.</summary>
    public const string CorrelationIdParameter = "webhookId";

    /// <summary>The query parameter that carries the expiry (Unix seconds).</summary>
    public const string ExpiresParameter = "webhookExpires";

    /// <summary>The query parameter that carries the token.</summary>
    public const string TokenParameter = "webhookKey";

    /// <summary>How long a callback URL is accepted when no lifetime is given: 24 hours.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    private const int MaxCorrelationIdLength = 200;

    /// <summary>
    /// Adds <c>webhookId</c>, <c>webhookExpires</c> (now + <see cref="DefaultLifetime"/>) and <c>webhookKey</c> to a
    /// callback URL, keeping its existing query. Pass the result as the webhook URL of
    /// <see cref="JigsawStackClient.StartTranscriptionAsync(AudioInput, Uri, JigsawStackTranscriptionOptions?, SpeechRequestOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="callbackUrl">Your endpoint, absolute https (http only for local testing).</param>
    /// <param name="secret">Your webhook secret (any string you keep on your server; 32 random bytes recommended).</param>
    /// <param name="correlationId">Your id for this job (for example a recording id), 1 to 200 characters; it comes back in
    /// <see cref="JigsawStackWebhookEvent.CorrelationId"/>. Use one per job: it keys <see cref="JigsawStackWebhookEvent.IdempotencyKey"/>.</param>
    /// <returns>The callback URL with the three parameters.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute http(s) or already has the parameters, the secret is
    /// empty, or the correlation id is empty or too long.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Uri CreateCallbackUrl(Uri callbackUrl, string secret, string correlationId) =>
        CreateCallbackUrl(callbackUrl, secret, correlationId, TimeProvider.System.GetUtcNow() + DefaultLifetime);

    /// <summary>Adds the correlation id, the expiry and the token to a callback URL, with the expiry given: make it
    /// cover the longest the job may take (JigsawStack documents up to 4 hours of audio) and no more.</summary>
    /// <param name="callbackUrl">Your endpoint, absolute https (http only for local testing).</param>
    /// <param name="secret">Your webhook secret.</param>
    /// <param name="correlationId">Your id for this job, 1 to 200 characters.</param>
    /// <param name="expiresAt">When the URL stops being accepted (whole seconds are used).</param>
    /// <returns>The callback URL with the three parameters.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute http(s) or already has the parameters, the secret is
    /// empty, the correlation id is empty or too long, or the expiry is before 1970.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Uri CreateCallbackUrl(Uri callbackUrl, string secret, string correlationId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(correlationId);
        if (correlationId.Length > MaxCorrelationIdLength)
        {
            throw new ArgumentException($"The correlation id must be at most {MaxCorrelationIdLength} characters.", nameof(correlationId));
        }

        if (!callbackUrl.IsAbsoluteHttp())
        {
            throw new ArgumentException("The callback URL must be an absolute http(s) URL.", nameof(callbackUrl));
        }

        var existing = WebhookQuery.Parse(callbackUrl.Query);
        if (existing.ContainsKey(CorrelationIdParameter) || existing.ContainsKey(ExpiresParameter) || existing.ContainsKey(TokenParameter))
        {
            throw new ArgumentException($"The callback URL already has a '{CorrelationIdParameter}', '{ExpiresParameter}' or '{TokenParameter}' parameter.", nameof(callbackUrl));
        }

        var builder = new UriBuilder(callbackUrl);
        var query = builder.Query.TrimStart('?');
        var expires = Seconds(expiresAt, nameof(expiresAt));
        var added = $"{CorrelationIdParameter}={Uri.EscapeDataString(correlationId)}&{ExpiresParameter}={expires}&{TokenParameter}={ComputeToken(secret, correlationId, expiresAt)}";
        builder.Query = query.Length == 0 ? added : query + "&" + added;
        return builder.Uri;
    }

    /// <summary>Computes the token for a correlation id and expiry: base64url (no padding) of HMAC-SHA256 over
    /// <c>jigsawstack-webhook:v2:{expires}:{correlationId}</c> (expires in Unix seconds), keyed with the UTF-8 bytes of the secret.</summary>
    /// <param name="secret">The webhook secret.</param>
    /// <param name="correlationId">The correlation id.</param>
    /// <param name="expiresAt">The expiry (whole seconds are used).</param>
    /// <returns>The 43-character token.</returns>
    /// <exception cref="ArgumentException">The secret is empty, or the expiry is before 1970.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string ComputeToken(string secret, string correlationId, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(correlationId);
        Span<byte> mac = stackalloc byte[32];
        Mac(secret, correlationId, Seconds(expiresAt, nameof(expiresAt)), mac);
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Checks the callback parameters of a delivery: the token in constant time against each configured
    /// secret, then the expiry against <see cref="JigsawStackWebhookOptions.TimeProvider"/>. Needs no body, so a receiver
    /// calls it before reading one.</summary>
    /// <param name="query">The <c>webhookId</c>, <c>webhookExpires</c> and <c>webhookKey</c> values received.</param>
    /// <param name="options">The accepted secrets and the clock.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> has no secret or an empty one.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="WebhookVerificationException">A parameter is missing (<see cref="WebhookFailureReason.MissingToken"/>),
    /// the token is wrong (<see cref="WebhookFailureReason.InvalidToken"/>) or the URL has expired
    /// (<see cref="WebhookFailureReason.ExpiredToken"/>).</exception>
    public static void VerifyToken(JigsawStackCallbackQuery query, JigsawStackWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (correlationId, expires, token) = (query.CorrelationId, query.Expires, query.Token);
        if (string.IsNullOrEmpty(correlationId) || string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(token))
        {
            throw new WebhookVerificationException(SpeechVendor.JigsawStack, WebhookFailureReason.MissingToken, $"The callback URL lacks '{CorrelationIdParameter}', '{ExpiresParameter}' or '{TokenParameter}'.");
        }

        if (correlationId.Length > MaxCorrelationIdLength || !UnixSeconds.TryParse(expires, out var digits, out var expiresAt) || !TryDecodeToken(token, out var received))
        {
            throw new WebhookVerificationException(SpeechVendor.JigsawStack, WebhookFailureReason.InvalidToken, "The callback URL's token is not valid.");
        }

        var ok = false;
        Span<byte> expected = stackalloc byte[32];
        foreach (var secret in options.Secrets)
        {
            Mac(secret, correlationId, digits, expected);
            ok |= CryptographicOperations.FixedTimeEquals(expected, received);
        }

        CryptographicOperations.ZeroMemory(expected);
        if (!ok)
        {
            throw new WebhookVerificationException(SpeechVendor.JigsawStack, WebhookFailureReason.InvalidToken, "The callback URL's token is not valid.");
        }

        // Checked after the token, so only a genuine (if old) URL is told it expired.
        if (options.TimeProvider.GetUtcNow() > expiresAt)
        {
            throw new WebhookVerificationException(SpeechVendor.JigsawStack, WebhookFailureReason.ExpiredToken, $"The callback URL expired at {expiresAt:u}.");
        }
    }

    /// <summary>Checks the callback parameters in the request URL of a delivery, then reads the body.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="requestUri">The URL the delivery was posted to (with its query).</param>
    /// <param name="options">The accepted secrets, clock and body size limit.</param>
    /// <param name="expectedId">The job id the start call returned for this correlation, when you have it: a body with
    /// another id (or none) is refused with <see cref="WebhookFailureReason.UnexpectedEventId"/>.</param>
    /// <returns>The verified event.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> has no secret or an empty one, or a non-positive limit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="WebhookVerificationException">The token is missing, wrong or expired, the id is not the expected
    /// one, the body is too large, or it is not a JigsawStack transcription.</exception>
    public static JigsawStackWebhookEvent ConstructEvent(ReadOnlySpan<byte> body, Uri requestUri, JigsawStackWebhookOptions options, string? expectedId = null) =>
        ConstructEvent(body, JigsawStackCallbackQuery.FromUri(requestUri), options, expectedId);

    /// <summary>Checks a delivery's callback parameters, then reads the body.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="query">The <c>webhookId</c>, <c>webhookExpires</c> and <c>webhookKey</c> values received.</param>
    /// <param name="options">The accepted secrets, clock and body size limit.</param>
    /// <param name="expectedId">The job id the start call returned for this correlation, when you have it.</param>
    /// <returns>The verified event.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> has no secret or an empty one, or a non-positive limit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="WebhookVerificationException">The token is missing, wrong or expired, the id is not the expected
    /// one, the body is too large, or it is not a JigsawStack transcription.</exception>
    public static JigsawStackWebhookEvent ConstructEvent(ReadOnlySpan<byte> body, JigsawStackCallbackQuery query, JigsawStackWebhookOptions options, string? expectedId = null)
    {
        VerifyToken(query, options);
        CheckSize(body, options.MaxBodyBytes);
        var evt = Read(body, query.CorrelationId, verified: true);
        if (expectedId is not null && !string.Equals(evt.Id, expectedId, StringComparison.Ordinal))
        {
            throw new WebhookVerificationException(SpeechVendor.JigsawStack, WebhookFailureReason.UnexpectedEventId, "The delivery's job id is not the one the start call returned for this callback URL.");
        }

        return evt;
    }

    /// <summary>
    /// UNSAFE: reads a delivery WITHOUT checking any token. JigsawStack deliveries are unsigned, so anyone who knows the
    /// URL can post one; use it only behind another check, for stored deliveries, or in tests.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <returns>The event, with <see cref="JigsawStackWebhookEvent.IsVerified"/> false.</returns>
    /// <exception cref="WebhookVerificationException">The body is not a JigsawStack transcription (<see cref="WebhookFailureReason.MalformedBody"/>).</exception>
    public static JigsawStackWebhookEvent ParseUnverified(ReadOnlySpan<byte> body) => Read(body, null, verified: false);

    private static JigsawStackWebhookEvent Read(ReadOnlySpan<byte> body, string? correlationId, bool verified)
    {
        JigsawStackTranscription transcription;
        try
        {
            transcription = JigsawStackMapper.Parse(body);
        }
        catch (Exception ex) when (ex is SpeechResponseFormatException or ArgumentException or InvalidOperationException or NullReferenceException or FormatException or OverflowException)
        {
            // The parser is shared with synchronous answers and reports bad bodies as SpeechResponseFormatException; the
            // rest are caught so a receiver only ever sees WebhookVerificationException.
            throw new WebhookVerificationException(SpeechVendor.JigsawStack, WebhookFailureReason.MalformedBody, "The JigsawStack webhook body could not be read.", ex);
        }

        // A verified delivery is keyed by its correlation id, the one value the token vouches for: a replay to the same
        // URL, whatever body it carries, gets the same key. An unverified one can only be keyed by what it says.
        var key = verified && correlationId is not null ? "jigsawstack:correlation:" + correlationId
            : string.IsNullOrEmpty(transcription.Id) ? "jigsawstack:sha256:" + Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant()
            : "jigsawstack:" + transcription.Id;
        return new JigsawStackWebhookEvent(transcription, key) { CorrelationId = correlationId, IsVerified = verified };
    }

    private static void CheckSize(ReadOnlySpan<byte> body, long max)
    {
        if (body.Length > max)
        {
            throw new WebhookVerificationException(SpeechVendor.JigsawStack, WebhookFailureReason.BodyTooLarge, $"The webhook body ({body.Length} bytes) is larger than the limit ({max} bytes).");
        }
    }

    private static void Mac(string secret, string correlationId, string expiresSeconds, Span<byte> destination)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes("jigsawstack-webhook:v2:" + expiresSeconds + ":" + correlationId);
        HMACSHA256.HashData(key, data, destination);
        CryptographicOperations.ZeroMemory(key);
    }

    private static string Seconds(DateTimeOffset at, string paramName)
    {
        var seconds = at.ToUnixTimeSeconds();
        return seconds < 0
            ? throw new ArgumentOutOfRangeException(paramName, "The expiry must not be before 1970-01-01.")
            : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool TryDecodeToken(string token, out byte[] mac)
    {
        mac = Array.Empty<byte>();
        if (token.Length != 43)
        {
            return false;
        }

        var base64 = token.Replace('-', '+').Replace('_', '/') + "=";
        var buffer = new byte[33];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written != 32)
        {
            return false;
        }

        mac = buffer[..32];
        return true;
    }
}
