namespace Pyannote.Sdk;

/// <summary>The hosted speech APIs this SDK talks to.</summary>
public enum SpeechVendor
{
    /// <summary>pyannoteAI: speaker diarization, identification and voiceprints, with a speech-to-text add-on.</summary>
    Pyannote,

    /// <summary>Together AI: speech-to-text and translation, with optional diarization.</summary>
    Together,

    /// <summary>JigsawStack: speech-to-text with optional diarization (<c>by_speaker</c>).</summary>
    JigsawStack,

    /// <summary>NanoGPT: speech-to-text, synchronous or as a job, with diarization on some models.</summary>
    NanoGpt,
}

/// <summary>Helpers for <see cref="SpeechVendor"/>.</summary>
public static class SpeechVendorExtensions
{
    /// <summary>The vendor's product name as users know it, for messages (for example "pyannoteAI").</summary>
    /// <param name="vendor">The vendor.</param>
    /// <returns>The display name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vendor"/> is not a known vendor.</exception>
    public static string DisplayName(this SpeechVendor vendor) => VendorDescriptor.For(vendor).DisplayName;

    /// <summary>The lower-case key used for keyed services, configuration sections and telemetry tags
    /// (<c>pyannote</c>, <c>together</c>, <c>jigsawstack</c>, <c>nanogpt</c>).</summary>
    /// <param name="vendor">The vendor.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vendor"/> is not a known vendor.</exception>
    public static string Key(this SpeechVendor vendor) => VendorDescriptor.For(vendor).Key;
}
