namespace Pyannote.Sdk;

/// <summary>
/// A request got no usable answer: the connection was refused, the host name did not resolve, or the connection broke
/// before or while the answer arrived, after the retries the SDK was allowed to make. The original
/// <see cref="HttpRequestException"/> or <see cref="IOException"/> is the <see cref="Exception.InnerException"/>.
/// <see cref="VendorMayHaveReceived"/> tells whether repeating a billed request could bill twice.
/// </summary>
public sealed class SpeechTransportException : SpeechException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor called.</param>
    /// <param name="operation">The SDK operation, if known.</param>
    /// <param name="endpoint">The URL called, without query string or user information, if known.</param>
    /// <param name="attempts">How many attempts were sent.</param>
    /// <param name="vendorMayHaveReceived">Whether the vendor may have received (and may process) the request.</param>
    /// <param name="innerException">The transport's exception.</param>
    public SpeechTransportException(SpeechVendor vendor, string? operation, string? endpoint, int attempts, bool vendorMayHaveReceived, Exception innerException)
        : base(vendor, operation, BuildMessage(vendor, operation, endpoint, attempts, vendorMayHaveReceived, innerException), innerException)
    {
        Endpoint = endpoint;
        Attempts = attempts;
        VendorMayHaveReceived = vendorMayHaveReceived;
    }

    /// <summary>The URL called, without query string or user information, if known.</summary>
    public string? Endpoint { get; }

    /// <summary>How many attempts were sent (1 when the request was not retried).</summary>
    public int Attempts { get; }

    /// <summary>
    /// <see langword="false"/> when the SDK knows the vendor never got the request (the connection was refused or the
    /// name did not resolve), so repeating it cannot bill twice; <see langword="true"/> when the connection broke after
    /// the request may have been sent: a job or transcription may exist and be billed.
    /// </summary>
    public bool VendorMayHaveReceived { get; }

    private static string BuildMessage(SpeechVendor vendor, string? operation, string? endpoint, int attempts, bool mayHaveReceived, Exception inner)
    {
        var what = string.IsNullOrWhiteSpace(operation) ? string.Empty : " " + operation;
        var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        var received = mayHaveReceived
            ? "The connection broke after the request may have been sent: the vendor may have received and processed it."
            : "The vendor did not receive the request: it was not processed.";
        var from = string.IsNullOrEmpty(endpoint) ? string.Empty : " from " + endpoint;
        return $"{vendor.DisplayName()}{what}: no complete answer{from} after {tries} ({inner.Message}). {received}";
    }
}
