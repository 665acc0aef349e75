namespace Pyannote.Sdk.JigsawStack;

/// <summary>Settings of a <see cref="JigsawStackClient"/>: endpoint (default <see cref="DefaultEndpoint"/>), timeouts,
/// retries, logging and transport.</summary>
public sealed class JigsawStackClientOptions : SpeechClientOptions
{
    /// <summary>The vendor's public endpoint, <c>https://api.jigsawstack.com/</c> (the host root; paths carry their version prefix).</summary>
    public static Uri DefaultEndpoint => JigsawStackVendor.Descriptor.DefaultEndpoint;

    /// <inheritdoc />
    private protected override Uri VendorEndpoint => DefaultEndpoint;
}
