namespace Pyannote.Sdk.PyannoteAI;

/// <summary>Settings of a <see cref="PyannoteClient"/>: endpoint (default <see cref="DefaultEndpoint"/>), timeouts,
/// retries, job waiting, logging and transport.</summary>
public sealed class PyannoteClientOptions : SpeechClientOptions
{
    /// <summary>pyannoteAI's public endpoint, <c>https://api.pyannote.ai/</c> (paths carry their own <c>/v1</c> or <c>/v2</c>).</summary>
    public static Uri DefaultEndpoint => PyannoteVendor.Descriptor.DefaultEndpoint;

    /// <inheritdoc />
    private protected override Uri VendorEndpoint => DefaultEndpoint;
}
