namespace Pyannote.Sdk.Generated;

// Hand-written stand-ins for types NSwag would emit as public: its exception classes (generateExceptionClasses is off)
// and FileParameter (excluded in the .nswag files whose documents have multipart operations). Generated code in
// Pyannote.Sdk.Generated.<Vendor> finds them in this parent namespace. The pipeline's ErrorMappingHandler throws
// SpeechApiException before generated code sees a non-success status, so the exceptions surface only for a success
// status the document does not declare.

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

/// <summary>Satisfies the signature of generated multipart methods. The SDK never calls those methods: they wrap the
/// file in a one-shot stream, so the hand-written clients build streamed, replayable multipart requests themselves.</summary>
internal sealed class FileParameter(Stream data, string? fileName = null, string? contentType = null)
{
    public Stream Data { get; } = data;

    public string? FileName { get; } = fileName;

    public string? ContentType { get; } = contentType;
}

/// <summary>Satisfies the signature of generated binary-download methods (excluded in the .nswag files whose documents
/// have one). The SDK never calls those methods: the hand-written clients stream downloads themselves, bounded.</summary>
internal sealed class FileResponse(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers, Stream stream, IDisposable? client, IDisposable? response) : IDisposable
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; } = headers;

    public Stream Stream { get; } = stream;

    public void Dispose()
    {
        Stream.Dispose();
        response?.Dispose();
        client?.Dispose();
    }
}
