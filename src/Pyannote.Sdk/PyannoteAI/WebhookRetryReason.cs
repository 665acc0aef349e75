namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// Why pyannoteAI redelivered a webhook (the <c>x-retry-reason</c> header), kept as sent. Open-ended: a reason the
/// SDK does not know yet still parses.
/// </summary>
public readonly struct WebhookRetryReason : IEquatable<WebhookRetryReason>
{
    private readonly string? _value;

    /// <summary>Creates a reason from the header value.</summary>
    /// <param name="value">The header value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public WebhookRetryReason(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>The previous attempt got no answer within 10 seconds (<c>http_timeout</c>).</summary>
    public static WebhookRetryReason HttpTimeout { get; } = new("http_timeout");

    /// <summary>The previous attempt was redirected more than twice (<c>too_many_redirects</c>).</summary>
    public static WebhookRetryReason TooManyRedirects { get; } = new("too_many_redirects");

    /// <summary>The previous attempt could not connect (<c>connection_failed</c>).</summary>
    public static WebhookRetryReason ConnectionFailed { get; } = new("connection_failed");

    /// <summary>The previous attempt failed the TLS handshake (<c>ssl_error</c>).</summary>
    public static WebhookRetryReason SslError { get; } = new("ssl_error");

    /// <summary>The previous attempt was answered with a non-2xx status (<c>http_error</c>).</summary>
    public static WebhookRetryReason HttpError { get; } = new("http_error");

    /// <summary>The previous attempt failed for another reason (<c>unknown_error</c>).</summary>
    public static WebhookRetryReason UnknownError { get; } = new("unknown_error");

    /// <inheritdoc />
    public bool Equals(WebhookRetryReason other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WebhookRetryReason other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The header value.</summary>
    /// <returns>The reason as sent.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Compares two reasons, ignoring case.</summary>
    /// <param name="left">The first reason.</param>
    /// <param name="right">The second reason.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(WebhookRetryReason left, WebhookRetryReason right) => left.Equals(right);

    /// <summary>Compares two reasons, ignoring case.</summary>
    /// <param name="left">The first reason.</param>
    /// <param name="right">The second reason.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(WebhookRetryReason left, WebhookRetryReason right) => !left.Equals(right);
}
