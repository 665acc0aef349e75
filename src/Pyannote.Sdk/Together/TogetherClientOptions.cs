namespace Pyannote.Sdk.Together;

/// <summary>Settings of a <see cref="TogetherClient"/>. The default endpoint is <c>https://api.together.ai/</c>.</summary>
public sealed class TogetherClientOptions : SpeechClientOptions
{
    private protected override Uri DefaultEndpoint => TogetherVendor.Descriptor.DefaultEndpoint;
}
