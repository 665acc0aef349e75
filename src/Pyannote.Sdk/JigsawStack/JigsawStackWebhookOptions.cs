namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// How JigsawStack webhook deliveries are checked: the secret(s) behind the callback URL tokens and the body size
/// limit. The secrets never appear in <see cref="ToString"/>.
/// </summary>
public sealed class JigsawStackWebhookOptions
{
    /// <summary>The default body size limit: 16 MiB.</summary>
    public const long DefaultMaxBodyBytes = 16L * 1024 * 1024;

    /// <summary>The secrets tokens are checked against; a token made with any of them is accepted (rotation: add the new
    /// secret, create new callback URLs with it, remove the old one once its jobs have called back).</summary>
    public IList<string> Secrets { get; set; } = new List<string>();

    /// <summary>The largest body accepted, in bytes (default 16 MiB).</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Describes the settings without the secrets.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"JigsawStackWebhookOptions {{ Secrets = {Secrets?.Count ?? 0} configured, MaxBodyBytes = {MaxBodyBytes} }}";

    /// <summary>Checks the settings (receivers call it before verifying).</summary>
    /// <exception cref="ArgumentException">No secret, or an empty secret.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The body size limit is not positive.</exception>
    public void Validate()
    {
        ValidateSecrets(Secrets, nameof(Secrets));
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
