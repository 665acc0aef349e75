namespace Pyannote.Sdk.Emulator;

// This vendor's limits on the emulator.
public sealed partial class SpeechEmulatorOptions
{
    /// <summary>Largest NanoGPT direct upload (bytes) before 413. Default 3 MB.</summary>
    public long NanoGptMaxUploadBytes { get; set; } = 3L * 1024 * 1024;
}
