namespace Pyannote.Sdk;

/// <summary>
/// The secrets of one vendor registered with <c>AddSpeechClients</c>, as named options (the name is the vendor key,
/// <see cref="SpeechVendorExtensions.Key"/>): read them with <c>IOptionsMonitor&lt;SpeechVendorCredentials&gt;.Get("pyannote")</c>.
/// Bound from <c>Speech:&lt;Vendor&gt;:ApiKey</c> and <c>Speech:&lt;Vendor&gt;:WebhookSecret</c>; the API key falls back to
/// the vendor's environment variable (<c>PYANNOTE_API_KEY</c>, <c>TOGETHER_API_KEY</c>, <c>JIGSAWSTACK_API_KEY</c>,
/// <c>NANOGPT_API_KEY</c>). <see cref="ToString"/> never shows either value.
/// </summary>
public sealed class SpeechVendorCredentials
{
    /// <summary>The vendor API key. Required: a missing key fails the host at start-up.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The secret that signs the vendor's webhooks (pyannoteAI), if webhooks are used.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Says which values are set, never the values.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() =>
        $"{nameof(SpeechVendorCredentials)}(ApiKey: {(string.IsNullOrEmpty(ApiKey) ? "unset" : "set")}, WebhookSecret: {(string.IsNullOrEmpty(WebhookSecret) ? "unset" : "set")})";
}

/// <summary>Settings of <c>AddSpeechClients</c> that are not tied to one vendor. Bound from <c>Speech:DefaultVendor</c>.</summary>
public sealed class SpeechClientsOptions
{
    /// <summary>The vendor resolved as plain <see cref="ISpeechClient"/>. When unset and exactly one vendor is registered,
    /// that vendor; otherwise resolve a keyed <see cref="ISpeechClient"/> (<c>"pyannote"</c>, <c>"together"</c>,
    /// <c>"jigsawstack"</c>, <c>"nanogpt"</c>).</summary>
    public SpeechVendor? DefaultVendor { get; set; }

    /// <summary>Configuration values that could not be read (reported by start-up validation).</summary>
    internal List<string>? ConfigurationErrors { get; set; }
}
