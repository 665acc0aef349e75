namespace Pyannote.Sdk;

/// <summary>Which of the SDK's per-attempt limits a request hit.</summary>
public enum SpeechTimeoutKind
{
    /// <summary><see cref="SpeechClientOptions.NetworkTimeout"/>: connecting, or waiting for the response headers after the request body was sent.</summary>
    Network,

    /// <summary><see cref="SpeechClientOptions.UploadTimeout"/>: sending the request body.</summary>
    Upload,
}

/// <summary>
/// One attempt of a vendor request took longer than the SDK's <see cref="SpeechClientOptions.NetworkTimeout"/> or
/// <see cref="SpeechClientOptions.UploadTimeout"/>, and the retries allowed for it (if any) were used up or not safe.
/// Distinct from <see cref="OperationCanceledException"/>, which the SDK throws only when the caller's token fired.
/// A request that creates billed work is never repeated after a timeout, because the vendor may have received it.
/// The wait for a whole job has its own type, <see cref="Jobs.SpeechJobTimeoutException"/>.
/// </summary>
public sealed class SpeechTimeoutException : SpeechException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vendor">The vendor called.</param>
    /// <param name="operation">The SDK operation name (for example <c>pyannote.diarize</c>).</param>
    /// <param name="kind">Which limit was hit.</param>
    /// <param name="timeout">The limit.</param>
    /// <param name="innerException">The cancellation that ended the attempt, if any.</param>
    public SpeechTimeoutException(SpeechVendor vendor, string operation, SpeechTimeoutKind kind, TimeSpan timeout, Exception? innerException = null)
        : base(vendor, operation, BuildMessage(vendor, operation, kind, timeout), innerException)
    {
        Kind = kind;
        Timeout = timeout;
    }

    /// <summary>Which limit was hit.</summary>
    public SpeechTimeoutKind Kind { get; }

    /// <summary>The limit that was reached.</summary>
    public TimeSpan Timeout { get; }

    private static string BuildMessage(SpeechVendor vendor, string operation, SpeechTimeoutKind kind, TimeSpan timeout) => kind switch
    {
        SpeechTimeoutKind.Upload => $"{vendor.DisplayName()} {operation}: sending the request body took longer than the upload timeout ({timeout}). Raise {nameof(SpeechClientOptions)}.{nameof(SpeechClientOptions.UploadTimeout)} for large files.",
        _ => $"{vendor.DisplayName()} {operation}: no response within the network timeout ({timeout}). Raise {nameof(SpeechClientOptions)}.{nameof(SpeechClientOptions.NetworkTimeout)} if the vendor is slow to answer.",
    };
}
