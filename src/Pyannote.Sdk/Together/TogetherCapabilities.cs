namespace Pyannote.Sdk.Together;

/// <summary>What Together AI supports through <see cref="ISpeechClient"/>.</summary>
internal static class TogetherCapabilities
{
    public static SpeechCapabilities Value { get; } = new(SpeechVendor.Together)
    {
        Diarization = true,
        SpeakerCountHints = true,
        WordTimestamps = true,
        Translation = true,
        ModelSelection = true,
        UrlInput = true,
        MaxUploadBytes = TogetherClient.MaxUploadBytes,
        AcceptedFormats = TogetherClient.AcceptedExtensions,
        AsyncJobs = false,
        Webhooks = false,
        LiveStreaming = true,
        DefaultModel = TogetherModel.WhisperLargeV3.ToString(),
    };
}
