namespace Pyannote.Sdk.NanoGpt;

/// <summary>Settings of a <see cref="NanoGptClient"/>: endpoint (default <see cref="DefaultEndpoint"/>), timeouts,
/// retries, job polling, logging and transport.</summary>
public sealed class NanoGptClientOptions : SpeechClientOptions
{
    /// <summary>NanoGPT's public endpoint, <c>https://nano-gpt.com/</c>, the host root (paths carry their <c>/api</c> prefix).</summary>
    public static Uri DefaultEndpoint => NanoGptVendor.Descriptor.DefaultEndpoint;

    /// <inheritdoc />
    private protected override Uri VendorEndpoint => DefaultEndpoint;
}
