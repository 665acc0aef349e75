namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// How JigsawStack webhook deliveries are checked: the secret(s) behind the callback URL tokens, the clock their expiry
/// is checked against, an optional lookup of the job id each correlation expects, and the body size limit. The secrets
/// never appear in <see cref="ToString"/>.
/// </summary>
public sealed class JigsawStackWebhookOptions
{
    /// <summary>The default body size limit: 8 MiB. A published result runs to about 100 bytes per second of audio
    /// (1.8 MB for the documented 5-hour maximum, about twice that with speakers), so 8 MiB leaves room to spare.</summary>
    public const long DefaultMaxBodyBytes = 8L * 1024 * 1024;

    /// <summary>The secrets tokens are checked against; a token made with any of them is accepted (rotation: add the new
    /// secret, create new callback URLs with it, remove the old one once its jobs have called back).</summary>
    public IList<string> Secrets { get; set; } = new List<string>();

    /// <summary>The largest body accepted, in bytes (default 8 MiB). The ASP.NET Core endpoint also keeps to the
    /// server's own request body limit, whichever is lower.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>The clock callback URL expiries are checked against (default <see cref="TimeProvider.System"/>).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Optional: given a verified correlation id, returns the job id the start call returned for it (the <c>id</c> of
    /// <see cref="JigsawStack.JigsawStackClient.StartTranscriptionAsync(AudioInput, Uri, JigsawStack.JigsawStackTranscriptionOptions?, SpeechRequestOptions?, CancellationToken)"/>'s answer, which you stored), or
    /// <see langword="null"/> when unknown. The ASP.NET Core endpoint then refuses a delivery whose body carries
    /// another id (<see cref="WebhookFailureReason.UnexpectedEventId"/>, 401). Without it the body's id is not checked.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<string?>>? ExpectedJobId { get; set; }

    /// <summary>Describes the settings without the secrets.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"JigsawStackWebhookOptions {{ Secrets = {Secrets?.Count ?? 0} configured, MaxBodyBytes = {MaxBodyBytes} }}";

    /// <summary>Checks the settings (receivers call it before verifying).</summary>
    /// <exception cref="ArgumentException">No secret, or an empty secret.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The body size limit is not positive.</exception>
    /// <exception cref="ArgumentNullException"><see cref="TimeProvider"/> is null.</exception>
    public void Validate()
    {
        ValidateSecrets(Secrets, nameof(Secrets));
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (MaxBodyBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), MaxBodyBytes, "The body size limit must be positive.");
        }
    }

    internal static void ValidateSecrets(ICollection<string>? secrets, string paramName)
    {
        if (secrets is null || secrets.Count == 0)
        {
            throw new ArgumentException("At least one webhook secret is required.", paramName);
        }

        if (secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Webhook secrets must not be null or empty.", paramName);
        }
    }
}
