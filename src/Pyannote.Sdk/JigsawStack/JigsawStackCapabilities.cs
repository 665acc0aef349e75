namespace Pyannote.Sdk.JigsawStack;

/// <summary>What JigsawStack supports through <see cref="ISpeechClient"/>: word times (word_timestamps), a webhook for
/// asynchronous results, one model.</summary>
internal static class JigsawStackCapabilities
{
    public static SpeechCapabilities Value { get; } = new(SpeechVendor.JigsawStack)
    {
        Diarization = true,
        SpeakerCountHints = false,
        WordTimestamps = true,
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
