namespace Pyannote.Sdk.Generated;

// Hand-written stand-ins for NSwag's exception classes (generateExceptionClasses is off because NSwag emits them as
// public). The pipeline's ErrorMappingHandler throws SpeechApiException before generated code sees a non-success
// status, so these surface only for a success status the document does not declare.

/// <summary>Raised by generated clients for an undeclared response.</summary>
internal class GeneratedApiException : Exception
{
    public GeneratedApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : base($"{message} (HTTP {statusCode})", innerException)
    {
        StatusCode = statusCode;
        Response = response;
    }

    public int StatusCode { get; }

    public string? Response { get; }
}

/// <summary>Raised by generated clients for an undeclared response with a typed body.</summary>
internal class GeneratedApiException<TResult> : GeneratedApiException
{
    public GeneratedApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
        Result = result;
    }

    public TResult Result { get; }
}
