namespace Pyannote.Sdk.NanoGpt;

/// <summary>What NanoGPT supports through <see cref="ISpeechClient"/>: diarization and word times with
/// Elevenlabs-STT only, small uploads (larger audio by URL), jobs for the slower models.</summary>
internal static class NanoGptCapabilities
{
    public static SpeechCapabilities Value { get; } = new(SpeechVendor.NanoGpt)
    {
        Diarization = true,
        SpeakerCountHints = false,
        WordTimestamps = true,
        Translation = false,
        ModelSelection = true,
        UrlInput = true,
        MaxUploadBytes = NanoGptClient.MaxUploadBytes,
        AcceptedFormats = NanoGptClient.AllowedExtensions,
        AsyncJobs = true,
        Webhooks = false,
        LiveStreaming = false,
        DefaultModel = NanoGptModel.ElevenlabsStt.ToString(),
    };
}
