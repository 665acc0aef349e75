namespace Pyannote.Sdk;

/// <summary>
/// A request that creates billed work (a job, a synchronous transcription) may have reached the vendor, and the SDK
/// will not send it again: the connection broke after the request went out, or a handler outside the SDK's retry policy
/// (an app-wide resilience handler, a retrying <see cref="DelegatingHandler"/>) tried to repeat it. The vendor may have
/// processed and billed the first attempt: look it up (a job list, the vendor's dashboard, a webhook) before repeating
/// the call. Deliberately not an <see cref="HttpRequestException"/>, which generic retry policies treat as safe to repeat.
/// </summary>
public sealed class SpeechOutcomeUnknownException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor called.</param>
    /// <param name="operation">The SDK operation name (for example <c>together.transcribe</c>).</param>
    /// <param name="message">What happened and what the caller can do.</param>
    /// <param name="innerException">The failure of the attempt that may have reached the vendor, if any.</param>
    public SpeechOutcomeUnknownException(SpeechVendor vendor, string operation, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Vendor = vendor;
        Operation = operation;
    }

    /// <summary>The vendor called.</summary>
    public SpeechVendor Vendor { get; }

    /// <summary>The SDK operation name (for example <c>together.transcribe</c>).</summary>
    public string Operation { get; }

    /// <summary>Whether the SDK refused a second send that a handler outside its own retry policy asked for (as
    /// opposed to the first attempt failing after it went out).</summary>
    public bool RepeatRefused { get; init; }
}
