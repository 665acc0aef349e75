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
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public WebhookRetryReason(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
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

    /// <summary>The header value, exactly as sent to or received from the vendor (empty for <c>default(WebhookRetryReason)</c>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a string to a WebhookRetryReason (the same as <see cref="WebhookRetryReason(string)"/>).</summary>
    /// <param name="value">The header value.</param>
    /// <returns>The reason.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public static implicit operator WebhookRetryReason(string value) => new(value);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(WebhookRetryReason left, WebhookRetryReason right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case (ordinal).</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(WebhookRetryReason left, WebhookRetryReason right) => !left.Equals(right);

    /// <summary>Compares with another value, ignoring case (ordinal).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(WebhookRetryReason other) => ExtensibleValue.Equal(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WebhookRetryReason other && Equals(other);

    /// <summary>A hash code that agrees with <see cref="Equals(WebhookRetryReason)"/> (case-insensitive).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => ExtensibleValue.Hash(_value);

    /// <summary>The header value (<see cref="Value"/>).</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
