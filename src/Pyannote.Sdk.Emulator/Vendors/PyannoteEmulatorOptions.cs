namespace Pyannote.Sdk.Emulator;

// This vendor's limits on the emulator.
public sealed partial class SpeechEmulatorOptions
{
    /// <summary>pyannoteAI requests allowed per sliding minute when <see cref="EnforceRateLimits"/> is on. Default 100.</summary>
    public int PyannoteRequestsPerMinute { get; set; } = 100;

    /// <summary>Largest pre-signed pyannoteAI upload (bytes). Default 1 GiB.</summary>
    public long PyannoteMaxUploadBytes { get; set; } = 1L << 30;
}
