namespace Pyannote.Sdk;

/// <summary>
/// An option was set that the vendor cannot honour (for example <see cref="TranscriptionOptions.NumSpeakers"/> on a
/// vendor without speaker-count hints). Thrown before any request is sent; check
/// <c>ISpeechClient.Capabilities</c> to avoid it.
/// </summary>
public sealed class SpeechOptionNotSupportedException : SpeechException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor that cannot honour the option.</param>
    /// <param name="option">The option as the caller wrote it (for example <c>TranscriptionOptions.NumSpeakers</c>).</param>
    /// <param name="reason">Why the vendor cannot honour it, and what to do instead.</param>
    public SpeechOptionNotSupportedException(SpeechVendor vendor, string option, string reason)
        : base(vendor, null, $"{vendor.DisplayName()} does not support {option}: {reason}")
    {
        Option = option;
    }

    /// <summary>The option as the caller wrote it (for example <c>TranscriptionOptions.NumSpeakers</c>).</summary>
    public string Option { get; }
}
