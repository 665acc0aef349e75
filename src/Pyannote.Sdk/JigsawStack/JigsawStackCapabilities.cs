namespace Pyannote.Sdk.JigsawStack;

/// <summary>What JigsawStack supports through <see cref="ISpeechClient"/>: chunk-level times, a webhook for
/// asynchronous results, one model.</summary>
internal static class JigsawStackCapabilities
{
    public static SpeechCapabilities Value { get; } = new(SpeechVendor.JigsawStack)
    {
        Diarization = true,
        SpeakerCountHints = false,
        WordTimestamps = false,
        Translation = true,
        ModelSelection = false,
        UrlInput = true,
        MaxUploadBytes = JigsawStackClient.MaxUploadBytes,
        AcceptedFormats = JigsawStackClient.AcceptedExtensions,
        AsyncJobs = false,
        Webhooks = true,
        LiveStreaming = false,
        DefaultModel = JigsawStackTranscription.ModelName,
    };
}
