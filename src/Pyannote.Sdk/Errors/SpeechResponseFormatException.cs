namespace Pyannote.Sdk;

/// <summary>The vendor answered with a success status but a body the SDK could not read (truncated, not JSON, or of
/// the wrong shape). Repeating the request may help when the body was cut off in transit.</summary>
public sealed class SpeechResponseFormatException : SpeechApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor that answered.</param>
    /// <param name="statusCode">The HTTP status code of the answer.</param>
    /// <param name="detail">What could not be read.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public SpeechResponseFormatException(SpeechVendor vendor, int statusCode, string detail, Exception? innerException = null)
        : base(vendor, statusCode, "The response could not be read: " + detail, innerException: innerException)
    {
    }
}
