namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// How pyannoteAI webhook deliveries are verified: the team's webhook secret(s), the timestamp tolerance, the accepted
/// signature encodings and the body size limit. Bind it from configuration (for example a <c>Pyannote:Webhooks</c>
/// section) or set it in code. The secrets never appear in <see cref="ToString"/>.
/// </summary>
public sealed class PyannoteWebhookOptions
{
    /// <summary>The default tolerance: 5 minutes either side of the current time.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The default body size limit: 64 MiB (a day of audio with frame-level confidence and transcription is large).</summary>
    public const long DefaultMaxBodyBytes = 64L * 1024 * 1024;

    /// <summary>The team's webhook secrets (dashboard → Webhooks). A delivery signed with any of them is accepted, so a
    /// rotation works by adding the new secret, rotating in the dashboard, then removing the old one.</summary>
    public IList<string> Secrets { get; set; } = new List<string>();

    /// <summary>How far the signed timestamp may be from the current time, in either direction (default 5 minutes).
    /// Must be positive.</summary>
    public TimeSpan Tolerance { get; set; } = DefaultTolerance;

    /// <summary>Which <c>X-Signature</c> encodings are accepted (default all three).</summary>
    public PyannoteSignatureEncodings AcceptedEncodings { get; set; } = PyannoteSignatureEncodings.All;

    /// <summary>The largest body accepted, in bytes (default 64 MiB); larger bodies are rejected with
    /// <see cref="WebhookFailureReason.BodyTooLarge"/> before any work.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>The clock the tolerance is checked against (default <see cref="TimeProvider.System"/>).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Describes the settings without the secrets.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"PyannoteWebhookOptions {{ Secrets = {Secrets?.Count ?? 0} configured, Tolerance = {Tolerance}, AcceptedEncodings = {AcceptedEncodings}, MaxBodyBytes = {MaxBodyBytes} }}";

    /// <summary>Checks the settings (receivers call it before verifying).</summary>
    /// <exception cref="ArgumentException">No secret, an empty secret, or no accepted encoding.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance or the body size limit is not positive.</exception>
    /// <exception cref="ArgumentNullException"><see cref="TimeProvider"/> is null.</exception>
    public void Validate()
    {
        if (Secrets is null || Secrets.Count == 0)
        {
            throw new ArgumentException("At least one webhook secret is required (PyannoteWebhookOptions.Secrets).", nameof(Secrets));
        }

        foreach (var secret in Secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                throw new ArgumentException("Webhook secrets must not be null or empty.", nameof(Secrets));
            }
        }

        if (Tolerance <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be positive.");
        }

        if (MaxBodyBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), MaxBodyBytes, "The body size limit must be positive.");
        }

        if ((AcceptedEncodings & PyannoteSignatureEncodings.All) == PyannoteSignatureEncodings.None)
        {
            throw new ArgumentException("At least one signature encoding must be accepted.", nameof(AcceptedEncodings));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
