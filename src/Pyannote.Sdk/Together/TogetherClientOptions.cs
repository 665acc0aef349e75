namespace Pyannote.Sdk.Together;

/// <summary>Settings of a <see cref="TogetherClient"/>: endpoint (default <see cref="DefaultEndpoint"/>), timeouts,
/// retries, logging and transport.</summary>
public sealed class TogetherClientOptions : SpeechClientOptions
{
    /// <summary>The vendor's public endpoint, <c>https://api.together.ai/</c> (the host root; paths carry their version prefix).</summary>
    public static Uri DefaultEndpoint => TogetherVendor.Descriptor.DefaultEndpoint;

    /// <inheritdoc />
    private protected override Uri VendorEndpoint => DefaultEndpoint;
}
