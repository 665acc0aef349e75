namespace Pyannote.Sdk.Emulator;

// This vendor's limits on the emulator.
public sealed partial class SpeechEmulatorOptions
{
    /// <summary>JigsawStack requests allowed per second when <see cref="EnforceRateLimits"/> is on. Default 50.</summary>
    public int JigsawStackRequestsPerSecond { get; set; } = 50;

    /// <summary>Largest JigsawStack upload (transcribe or file store, bytes) before 413. Default 100 MB.</summary>
    public long JigsawStackMaxUploadBytes { get; set; } = 100L * 1024 * 1024;
}
