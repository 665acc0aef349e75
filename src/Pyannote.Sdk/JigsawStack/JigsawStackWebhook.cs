using System.Security.Cryptography;
using System.Text;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.JigsawStack;

namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// Receives JigsawStack webhook deliveries. JigsawStack does not sign them, so (as it recommends) the secret travels in
/// the callback URL: <see cref="CreateCallbackUrl"/> adds a correlation id of your choosing (<c>webhookId</c>) and a
/// token (<c>webhookKey</c>) that is the HMAC-SHA256 of that id under your secret. On receipt
/// <see cref="ConstructEvent(ReadOnlySpan{byte}, Uri, JigsawStackWebhookOptions)"/> recomputes the token, compares it
/// in constant time, and reads the body. Each job gets its own token, so one URL seen in a log does not let anyone
/// post results for other jobs, and the secret itself never leaves your server.
/// </summary>
public static class JigsawStackWebhook
{
    /// <summary>The query parameter that carries the correlation id.</summary>
    public const string CorrelationIdParameter = "webhookId";

    /// <summary>The query parameter that carries the token.</summary>
    public const string TokenParameter = "webhookKey";

    private const int MaxCorrelationIdLength = 200;

    /// <summary>
    /// Adds <c>webhookId=&lt;correlationId&gt;</c> and <c>webhookKey=&lt;token&gt;</c> to a callback URL, keeping its
    /// existing query. Pass the result as the webhook URL of <see cref="JigsawStackClient.StartTranscriptionAsync"/>.
    /// </summary>
    /// <param name="callbackUrl">Your endpoint, absolute https (http only for local testing).</param>
    /// <param name="secret">Your webhook secret (any string you keep on your server; 32 random bytes recommended).</param>
    /// <param name="correlationId">Your id for this job (for example a recording id), 1 to 200 characters; it comes back in
    /// <see cref="JigsawStackWebhookEvent.CorrelationId"/>.</param>
    /// <returns>The callback URL with the two parameters.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute http(s) or already has the parameters, the secret is
    /// empty, or the correlation id is empty or too long.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Uri CreateCallbackUrl(Uri callbackUrl, string secret, string correlationId)
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
        if (existing.ContainsKey(CorrelationIdParameter) || existing.ContainsKey(TokenParameter))
        {
            throw new ArgumentException($"The callback URL already has a '{CorrelationIdParameter}' or '{TokenParameter}' parameter.", nameof(callbackUrl));
        }

        var builder = new UriBuilder(callbackUrl);
        var query = builder.Query.TrimStart('?');
        var added = $"{CorrelationIdParameter}={Uri.EscapeDataString(correlationId)}&{TokenParameter}={ComputeToken(secret, correlationId)}";
        builder.Query = query.Length == 0 ? added : query + "&" + added;
        return builder.Uri;
    }

    /// <summary>Computes the token for a correlation id: base64url (no padding) of HMAC-SHA256 over
    /// <c>jigsawstack-webhook:v1:{correlationId}</c>, keyed with the UTF-8 bytes of the secret.</summary>
    /// <param name="secret">The webhook secret.</param>
    /// <param name="correlationId">The correlation id.</param>
    /// <returns>The 43-character token.</returns>
    /// <exception cref="ArgumentException">The secret or the correlation id is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string ComputeToken(string secret, string correlationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(correlationId);
        Span<byte> mac = stackalloc byte[32];
        Mac(secret, correlationId, mac);
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Checks the token of a delivery in constant time against each configured secret.</summary>
    /// <param name="correlationId">The <c>webhookId</c> query value received.</param>
    /// <param name="token">The <c>webhookKey</c> query value received.</param>
    /// <param name="secrets">The accepted secrets (several during a rotation).</param>
    /// <exception cref="ArgumentException"><paramref name="secrets"/> is empty or holds an empty secret.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="secrets"/> is null.</exception>
    /// <exception cref="WebhookVerificationException">The id or token is missing (<see cref="WebhookFailureReason.MissingToken"/>)
    /// or wrong (<see cref="WebhookFailureReason.InvalidToken"/>).</exception>
    public static void VerifyToken(string? correlationId, string? token, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var list = secrets.ToList();
        JigsawStackWebhookOptions.ValidateSecrets(list, nameof(secrets));
        if (string.IsNullOrEmpty(correlationId) || string.IsNullOrEmpty(token))
        {
            throw new WebhookVerificationException(SpeechVendor.JigsawStack, WebhookFailureReason.MissingToken, $"The callback URL has no '{CorrelationIdParameter}' or no '{TokenParameter}' parameter.");
        }

        if (correlationId.Length > MaxCorrelationIdLength || !TryDecodeToken(token, out var received))
        {
            throw new WebhookVerificationException(SpeechVendor.JigsawStack, WebhookFailureReason.InvalidToken, "The callback URL's token is not valid.");
        }

        var ok = false;
        Span<byte> expected = stackalloc byte[32];
        foreach (var secret in list)
        {
            Mac(secret, correlationId, expected);
            ok |= CryptographicOperations.FixedTimeEquals(expected, received);
        }

        CryptographicOperations.ZeroMemory(expected);
        if (!ok)
        {
            throw new WebhookVerificationException(SpeechVendor.JigsawStack, WebhookFailureReason.InvalidToken, "The callback URL's token is not valid.");
        }
    }

    /// <summary>Checks the token in the request URL of a delivery, then reads the body.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="requestUri">The URL the delivery was posted to (with its query).</param>
    /// <param name="options">The accepted secrets and the body size limit.</param>
    /// <returns>The verified event.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> has no secret or an empty one, or a non-positive limit.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="WebhookVerificationException">The token is missing or wrong, the body is too large, or it is not a JigsawStack transcription.</exception>
    public static JigsawStackWebhookEvent ConstructEvent(ReadOnlySpan<byte> body, Uri requestUri, JigsawStackWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        var query = WebhookQuery.Parse(requestUri.IsAbsoluteUri ? requestUri.Query : QueryOfRelative(requestUri.OriginalString));
        query.TryGetValue(CorrelationIdParameter, out var id);
        query.TryGetValue(TokenParameter, out var token);
        return ConstructEvent(body, id, token, options);
    }

    /// <summary>Checks a delivery's token given the two query values, then reads the body.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="correlationId">The <c>webhookId</c> query value received.</param>
    /// <param name="token">The <c>webhookKey</c> query value received.</param>
    /// <param name="options">The accepted secrets and the body size limit.</param>
    /// <returns>The verified event.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> has no secret or an empty one, or a non-positive limit.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="WebhookVerificationException">The token is missing or wrong, the body is too large, or it is not a JigsawStack transcription.</exception>
    public static JigsawStackWebhookEvent ConstructEvent(ReadOnlySpan<byte> body, string? correlationId, string? token, JigsawStackWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        VerifyToken(correlationId, token, options.Secrets);
        CheckSize(body, options.MaxBodyBytes);
        return Read(body, correlationId, verified: true);
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

        var key = string.IsNullOrEmpty(transcription.Id)
            ? "jigsawstack:sha256:" + Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant()
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

    private static void Mac(string secret, string correlationId, Span<byte> destination)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes("jigsawstack-webhook:v1:" + correlationId);
        HMACSHA256.HashData(key, data, destination);
        CryptographicOperations.ZeroMemory(key);
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

    private static string QueryOfRelative(string uri)
    {
        var q = uri.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? string.Empty : uri[q..];
    }
}
