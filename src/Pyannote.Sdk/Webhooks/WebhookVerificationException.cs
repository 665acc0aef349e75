namespace Pyannote.Sdk.Webhooks;

/// <summary>Why a webhook delivery was rejected.</summary>
public enum WebhookFailureReason
{
    /// <summary>A required header (or query parameter) is absent or empty.</summary>
    MissingHeader,

    /// <summary>The timestamp header is not a whole number of Unix seconds in the representable range.</summary>
    MalformedTimestamp,

    /// <summary>The signature header holds no value in an accepted encoding (base64, lowercase hex, <c>v0=</c>+hex).</summary>
    MalformedSignature,

    /// <summary>No accepted secret produces the signature sent: the body, the timestamp or the secret differs.</summary>
    SignatureMismatch,

    /// <summary>The signature is valid but the timestamp is further from the current time than the tolerance (a replay or a skewed clock).</summary>
    OutsideTolerance,

    /// <summary>The body is larger than the configured limit.</summary>
    BodyTooLarge,

    /// <summary>The body is not a webhook payload of the expected shape (not UTF-8 JSON, missing fields, invalid values).</summary>
    MalformedBody,

    /// <summary>The secret token of an unsigned vendor's callback URL is absent.</summary>
    MissingToken,

    /// <summary>The secret token of an unsigned vendor's callback URL does not match.</summary>
    InvalidToken,
}

/// <summary>
/// A webhook delivery was rejected: the signature, timestamp, token or body failed a check. The only exception the
/// webhook parsers and verifiers throw for bad input; the message names the check and never contains a secret, an
/// expected signature or an expected token.
/// </summary>
public sealed class WebhookVerificationException : SpeechException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor the delivery claims to come from.</param>
    /// <param name="reason">The check that failed.</param>
    /// <param name="message">What failed, without secrets.</param>
    /// <param name="innerException">The underlying parser error, if any.</param>
    public WebhookVerificationException(SpeechVendor vendor, WebhookFailureReason reason, string message, Exception? innerException = null)
        : base(vendor, vendor.Key() + ".webhook", message, innerException)
    {
        Reason = reason;
    }

    /// <summary>The check that failed.</summary>
    public WebhookFailureReason Reason { get; }

    /// <summary>Whether the failure means the sender could not prove it knows the secret (answer 401), as opposed to a
    /// malformed request (answer 400) or an oversized body (413).</summary>
    public bool IsAuthenticationFailure => Reason is WebhookFailureReason.SignatureMismatch
        or WebhookFailureReason.OutsideTolerance
        or WebhookFailureReason.MissingToken
        or WebhookFailureReason.InvalidToken;
}
