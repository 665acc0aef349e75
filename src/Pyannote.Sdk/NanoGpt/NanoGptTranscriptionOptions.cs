namespace Pyannote.Sdk.NanoGpt;

/// <summary>Settings of one NanoGPT transcription. Unset values are not sent, so NanoGPT's defaults apply
/// (model <c>Whisper-Large-V3</c>, language detection, no diarization).</summary>
public sealed class NanoGptTranscriptionOptions
{
    /// <summary>The model; <see langword="null"/> for NanoGPT's default (<see cref="NanoGptModel.WhisperLargeV3"/>).</summary>
    public NanoGptModel? Model { get; set; }

    /// <summary>The spoken language as an ISO 639-1 or 639-3 code, or <c>auto</c>; <see langword="null"/> lets NanoGPT detect it.</summary>
    public string? Language { get; set; }

    /// <summary>Whether to attribute words to speakers. Only <see cref="NanoGptModel.ElevenlabsStt"/> supports it;
    /// <see langword="true"/> with another model is rejected before sending.</summary>
    public bool? Diarize { get; set; }

    /// <summary>Whether to mark non-speech sounds such as laughter. Only <see cref="NanoGptModel.ElevenlabsStt"/> supports
    /// it; <see langword="true"/> with another model is rejected before sending.</summary>
    public bool? TagAudioEvents { get; set; }

    /// <summary>The audio's real length, which NanoGPT uses for billing (sent as minutes); <see langword="null"/> to let
    /// NanoGPT measure it.</summary>
    public TimeSpan? ActualDuration { get; set; }
}
