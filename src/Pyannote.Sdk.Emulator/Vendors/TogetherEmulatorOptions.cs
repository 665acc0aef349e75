namespace Pyannote.Sdk.Emulator;

// This vendor's limits on the emulator.
public sealed partial class SpeechEmulatorOptions
{
    /// <summary>Largest Together direct upload (bytes) before 413. Default 80 MB.</summary>
    public long TogetherMaxUploadBytes { get; set; } = 80L * 1024 * 1024;
}
