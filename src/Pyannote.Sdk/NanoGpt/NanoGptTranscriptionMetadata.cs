namespace Pyannote.Sdk.NanoGpt;

/// <summary>Billing and audio facts of a NanoGPT transcription. Every value is optional on job results.</summary>
public sealed class NanoGptTranscriptionMetadata
{
    /// <summary>The model that produced the transcript.</summary>
    public NanoGptModel? Model { get; init; }

    /// <summary>The amount charged, in <see cref="Currency"/>.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The currency of <see cref="Cost"/> (for example <c>USD</c>).</summary>
    public string? Currency { get; init; }

    /// <summary>The transcribed file's name.</summary>
    public string? FileName { get; init; }

    /// <summary>The transcribed file's size in bytes.</summary>
    public long? FileSize { get; init; }

    /// <summary>The billed audio length (NanoGPT reports minutes).</summary>
    public TimeSpan? ChargedDuration { get; init; }

    /// <summary>The measured audio length (NanoGPT reports minutes).</summary>
    public TimeSpan? ActualDuration { get; init; }

    /// <summary>The language NanoGPT used or detected.</summary>
    public string? Language { get; init; }
}
