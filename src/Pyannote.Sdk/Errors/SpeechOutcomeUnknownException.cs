namespace Pyannote.Sdk;

/// <summary>
/// The SDK refused to send a billed request (a job, a synchronous transcription) a second time within one call: a
/// handler outside the SDK's own retry policy — an app-wide resilience handler, a retrying <see cref="DelegatingHandler"/>
/// of the application's, inside or around the SDK's pipeline — tried to repeat it. The first attempt may have been
/// received, processed and billed by the vendor: look it up (job list, dashboard, webhook) before calling again.
/// Not an <see cref="HttpRequestException"/>, so generic retry policies do not repeat it either. (A connection that
/// broke after a billed request went out is <see cref="SpeechTransportException"/> with
/// <see cref="SpeechTransportException.VendorMayHaveReceived"/>.)
/// </summary>
public sealed class SpeechOutcomeUnknownException : SpeechException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor called.</param>
    /// <param name="operation">The SDK operation name (for example <c>together.transcribe</c>).</param>
    /// <param name="message">What happened and what the caller can do.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public SpeechOutcomeUnknownException(SpeechVendor vendor, string? operation, string message, Exception? innerException = null)
        : base(vendor, operation, message, innerException)
    {
    }
}
