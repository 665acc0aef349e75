using System.Globalization;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>Settings of a <see cref="JigsawStackClient"/>. The default endpoint is <c>https://api.jigsawstack.com/</c>.</summary>
public sealed class JigsawStackClientOptions : SpeechClientOptions
{
    private protected override Uri DefaultEndpoint => JigsawStackVendor.Descriptor.DefaultEndpoint;
}
