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
