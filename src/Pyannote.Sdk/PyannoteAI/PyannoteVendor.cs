using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>The vendor descriptor of pyannoteAI: diarization, identification, voiceprints and the speech-to-text add-on (see <see cref="VendorDescriptor"/>).</summary>
internal static class PyannoteVendor
{
    public static VendorDescriptor Descriptor { get; } = new()
    {
        Vendor = SpeechVendor.Pyannote,
        ClientType = typeof(PyannoteClient),
        Key = "pyannote",
        DisplayName = "pyannoteAI",
        ConfigurationSection = "Pyannote",
        ApiKeyVariable = "PYANNOTE_API_KEY",
        Auth = VendorAuth.Bearer,
        DefaultEndpoint = new("https://api.pyannote.ai/"),
        ParseErrorBody = ErrorMappingHandler.ParseBody,
        Capabilities = PyannoteCapabilities.Value,
        MaxUploadBytes = PyannoteValidation.MaxAudioBytes,
        Register = static builder => builder.AddPyannote(),
    };
}
