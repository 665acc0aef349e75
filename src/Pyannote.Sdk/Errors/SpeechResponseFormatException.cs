using Pyannote.Sdk.Http;

namespace Pyannote.Sdk;

/// <summary>The vendor answered with a success status but a body the SDK could not read (truncated, not JSON, or of
/// the wrong shape). Repeating the request may help when the body was cut off in transit. <see cref="Detail"/> says
/// what could not be read; <see cref="SpeechApiException.VendorMessage"/> is empty, since the vendor reported no error.</summary>
public sealed class SpeechResponseFormatException : SpeechApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor that answered.</param>
    /// <param name="statusCode">The HTTP status code of the answer.</param>
    /// <param name="detail">What could not be read.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    /// <param name="operation">The SDK operation that got the answer, if known.</param>
    public SpeechResponseFormatException(SpeechVendor vendor, int statusCode, string detail, Exception? innerException = null, string? operation = null)
        : base(vendor, statusCode, vendorMessage: null, innerException: innerException, operation: operation ?? SpeechRequestContext.CurrentOperation)
    {
        Detail = detail;
    }

    /// <summary>What could not be read.</summary>
    public string Detail { get; }

    /// <inheritdoc />
    public override string Message => $"{base.Message.TrimEnd('.')}, but the response could not be read: {Detail}";
}
