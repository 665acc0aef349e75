namespace Pyannote.Sdk.Webhooks;

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
