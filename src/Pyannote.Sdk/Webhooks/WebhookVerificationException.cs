namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// A webhook delivery was rejected: the signature, timestamp, token or body failed a check. The only exception the
/// webhook parsers and verifiers throw for bad input; the message names the check and never contains a secret, an
/// expected signature or an expected token.
/// </summary>
public sealed class WebhookVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The check that failed.</param>
    /// <param name="message">What failed, without secrets.</param>
    /// <param name="innerException">The underlying parser error, if any.</param>
    public WebhookVerificationException(WebhookFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
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
