namespace Pyannote.Sdk.PyannoteAI;

/// <summary>What pyannoteAI supports through <see cref="ISpeechClient"/>.</summary>
internal static class PyannoteCapabilities
{
    public static SpeechCapabilities Value { get; } = new(SpeechVendor.Pyannote)
    {
        Diarization = true,
        SpeakerCountHints = true,
        WordTimestamps = true,
        Translation = false,
        ModelSelection = true,
        UrlInput = true,
        MaxUploadBytes = PyannoteValidation.MaxAudioBytes,
        AcceptedFormats = [],
        AsyncJobs = true,
        Webhooks = true,
        LiveStreaming = true,
        DefaultModel = PyannoteTranscriptionModel.ParakeetTdt06bV3.ToString(),
    };
}
