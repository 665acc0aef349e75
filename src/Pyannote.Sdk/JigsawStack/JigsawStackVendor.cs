using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>The vendor descriptor of JigsawStack: speech-to-text and its file store (see <see cref="VendorDescriptor"/>).</summary>
internal static class JigsawStackVendor
{
    public static VendorDescriptor Descriptor { get; } = new()
    {
        Vendor = SpeechVendor.JigsawStack,
        ClientType = typeof(JigsawStackClient),
        Key = "jigsawstack",
        DisplayName = "JigsawStack",
        ConfigurationSection = "JigsawStack",
        ApiKeyVariable = "JIGSAWSTACK_API_KEY",
        Auth = VendorAuth.ApiKeyHeader("x-api-key"),
        DefaultEndpoint = new("https://api.jigsawstack.com/"),
        ParseErrorBody = ErrorMappingHandler.ParseBody,
        Capabilities = JigsawStackCapabilities.Value,
        MaxUploadBytes = JigsawStackClient.MaxUploadBytes,
        Register = static builder => builder.AddJigsawStack(),
    };
}
