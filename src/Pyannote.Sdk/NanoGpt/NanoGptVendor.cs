using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.NanoGpt;

/// <summary>The vendor descriptor of NanoGPT: speech-to-text, synchronous or as a job (see <see cref="VendorDescriptor"/>).</summary>
internal static class NanoGptVendor
{
    public static VendorDescriptor Descriptor { get; } = new()
    {
        Vendor = SpeechVendor.NanoGpt,
        ClientType = typeof(NanoGptClient),
        Key = "nanogpt",
        DisplayName = "NanoGPT",
        ConfigurationSection = "NanoGpt",
        ApiKeyVariable = "NANOGPT_API_KEY",
        Auth = VendorAuth.ApiKeyHeader("x-api-key"),
        DefaultEndpoint = new("https://nano-gpt.com/"),
        ParseErrorBody = ErrorMappingHandler.ParseBody,
        RefineException = NanoGptInsufficientBalanceException.Refine,
        Capabilities = NanoGptCapabilities.Value,
        MaxUploadBytes = NanoGptClient.MaxUploadBytes,
        Register = static builder => builder.AddNanoGpt(),
    };
}
