using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.Together;

/// <summary>The vendor descriptor of Together AI: speech-to-text and translation (see <see cref="VendorDescriptor"/>).</summary>
internal static class TogetherVendor
{
    public static VendorDescriptor Descriptor { get; } = new()
    {
        Vendor = SpeechVendor.Together,
        ClientType = typeof(TogetherClient),
        Key = "together",
        DisplayName = "Together AI",
        ConfigurationSection = "Together",
        ApiKeyVariable = "TOGETHER_API_KEY",
        Auth = VendorAuth.Bearer,
        DefaultEndpoint = new("https://api.together.ai/"),
        ParseErrorBody = ErrorMappingHandler.ParseBody,
        Capabilities = TogetherCapabilities.Value,
        MaxUploadBytes = TogetherClient.MaxUploadBytes,
        Register = static builder => builder.AddTogether(),
        RequestIdHeaders = ["x-request-id", "request-id", "x-together-request-id"],
    };
}
