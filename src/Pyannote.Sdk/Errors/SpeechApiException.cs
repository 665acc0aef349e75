using System.Net;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk;

/// <summary>
/// A vendor answered with a non-success HTTP status. Carries the vendor, the status code, the vendor's request id and
/// message, field errors (for validation failures), the <c>Retry-After</c> the vendor asked for, and whether
/// repeating the request may help. Never carries the API key or request headers.
/// </summary>
public class SpeechApiException : SpeechException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor that answered.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="vendorMessage">The vendor's own error message, if it sent one.</param>
    /// <param name="requestId">The vendor's request id, if it sent one.</param>
    /// <param name="errorCode">The vendor's machine-readable error code or type, if any.</param>
    /// <param name="fieldErrors">Per-field validation errors, if any.</param>
    /// <param name="retryAfter">The delay the vendor asked for before retrying, if any.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    /// <param name="operation">The SDK operation that got the answer (for example <c>pyannote.diarize</c>), if known.</param>
    public SpeechApiException(
        SpeechVendor vendor,
        int statusCode,
        string? vendorMessage = null,
        string? requestId = null,
        string? errorCode = null,
        IReadOnlyList<SpeechFieldError>? fieldErrors = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null,
        string? operation = null)
        : base(vendor, operation ?? SpeechRequestContext.CurrentOperation, BuildMessage(vendor, operation ?? SpeechRequestContext.CurrentOperation, statusCode, vendorMessage, requestId, errorCode, fieldErrors), innerException)
    {
        StatusCode = statusCode;
        VendorMessage = vendorMessage;
        RequestId = requestId;
        ErrorCode = errorCode;
        FieldErrors = fieldErrors ?? Array.Empty<SpeechFieldError>();
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The vendor's own error message, in the vendor's words, if it sent one (never text the SDK wrote).</summary>
    public string? VendorMessage { get; }

    /// <summary>The vendor's request id (from the body or a request-id header), for support tickets.</summary>
    public string? RequestId { get; }

    /// <summary>The vendor's machine-readable error code or type (for example <c>audio_too_long</c>), if any.</summary>
    public string? ErrorCode { get; }

    /// <summary>Per-field validation errors (pyannoteAI 400 responses), empty otherwise.</summary>
    public IReadOnlyList<SpeechFieldError> FieldErrors { get; }

    /// <summary>The delay the vendor asked for before retrying (<c>Retry-After</c> or <c>retry-after-ms</c>), if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether repeating the same request later may succeed (408, 429, 500, 502, 503, 504).</summary>
    public bool IsRetriable => IsRetriableStatus(StatusCode);

    internal static bool IsRetriableStatus(int statusCode) => statusCode is 408 or 429 or 500 or 502 or 503 or 504;

    private static string BuildMessage(SpeechVendor vendor, string? operation, int statusCode, string? vendorMessage, string? requestId, string? errorCode, IReadOnlyList<SpeechFieldError>? fieldErrors)
    {
        var reason = Enum.IsDefined(typeof(HttpStatusCode), statusCode) ? " (" + (HttpStatusCode)statusCode + ")" : string.Empty;
        var text = $"{vendor.DisplayName()}{(operation is null ? string.Empty : " " + operation)} answered {statusCode}{reason}";
        if (!string.IsNullOrWhiteSpace(errorCode))
        {
            text += $" [{errorCode}]";
        }

        text += string.IsNullOrWhiteSpace(vendorMessage) ? "." : $": {vendorMessage}";
        if (fieldErrors is { Count: > 0 })
        {
            text += " Fields: " + string.Join("; ", fieldErrors.Select(e => $"{e.Field}: {e.Message}"));
        }

        if (!string.IsNullOrWhiteSpace(requestId))
        {
            text += $" (request id {requestId})";
        }

        return text;
    }
}

/// <summary>One field-level validation error returned by a vendor.</summary>
/// <param name="Field">The request field the vendor rejected.</param>
/// <param name="Message">Why the vendor rejected it.</param>
public sealed record SpeechFieldError(string Field, string Message);
