namespace Pyannote.Sdk;

/// <summary>
/// The base of every exception the SDK raises for a failure of its own or of a vendor: API errors
/// (<see cref="SpeechApiException"/>), unreadable answers (<see cref="SpeechResponseFormatException"/>), timeouts
/// (<see cref="SpeechTimeoutException"/>), requests that never got an answer (<see cref="SpeechTransportException"/>),
/// job outcomes (<see cref="Jobs.SpeechJobException"/>), options a vendor cannot honour
/// (<see cref="SpeechOptionNotSupportedException"/>) and rejected webhooks
/// (<see cref="Webhooks.WebhookVerificationException"/>). One <c>catch (SpeechException)</c> handles the SDK.
/// Bad arguments (<see cref="ArgumentException"/>, <see cref="FileNotFoundException"/>) and the caller's own
/// cancellation (<see cref="OperationCanceledException"/>) keep their usual .NET types.
/// </summary>
public class SpeechException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor involved.</param>
    /// <param name="operation">The SDK operation (for example <c>pyannote.diarize</c>), if known.</param>
    /// <param name="message">What failed; must not contain secrets.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public SpeechException(SpeechVendor vendor, string? operation, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Vendor = vendor;
        Operation = string.IsNullOrWhiteSpace(operation) ? null : operation;
    }

    /// <summary>The vendor involved.</summary>
    public SpeechVendor Vendor { get; }

    /// <summary>The SDK operation that failed (for example <c>pyannote.diarize</c>, <c>together.transcribe</c>,
    /// <c>nanogpt.job.wait</c>), or <see langword="null"/> when it is not known.</summary>
    public string? Operation { get; }
}
