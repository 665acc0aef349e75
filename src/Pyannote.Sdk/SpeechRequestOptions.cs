namespace Pyannote.Sdk;

/// <summary>
/// Settings for one call, on top of the client's <see cref="SpeechClientOptions"/>: extra request headers, a network
/// timeout and a retry limit of its own, and upload progress. Pass it as the <c>requestOptions</c> argument; every
/// request the call makes (an upload, the job creation, its polls) uses it. Not thread-safe while being filled in;
/// reusing one instance for many calls afterwards is fine.
/// </summary>
/// <example>JigsawStack's documented privacy and cache switches:
/// <code>new SpeechRequestOptions { Headers = { ["x-jigsaw-no-request-log"] = "true", ["x-jigsaw-skip-cache"] = "true" } }</code></example>
public sealed class SpeechRequestOptions
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "x-api-key", "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Cookie", "Proxy-Authorization",
    };

    /// <summary>Headers added to every request of the call that goes to the vendor's endpoint (never to a pre-signed
    /// storage URL or another host). The authentication header and the framing headers cannot be set here.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The network timeout of each attempt for this call; <see langword="null"/> for the client's
    /// <see cref="SpeechClientOptions.NetworkTimeout"/>.</summary>
    public TimeSpan? NetworkTimeout { get; set; }

    /// <summary>The most retries for each request of this call (0 turns retries off); <see langword="null"/> for the
    /// client's <see cref="SpeechRetryOptions.MaxRetries"/>. Billed requests are still never repeated when the vendor may
    /// have processed them.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>Receives <see cref="Sdk.UploadProgress"/> while a local file or stream is sent (at most about ten
    /// reports a second, plus one when the body is complete; a retry starts again from zero).</summary>
    public IProgress<UploadProgress>? UploadProgress { get; set; }

    /// <summary>Checks the settings; the clients call it before sending anything.</summary>
    /// <param name="paramName">The argument name to report.</param>
    /// <exception cref="ArgumentException">A header is reserved, malformed or has a line break, or a limit is out of range.</exception>
    internal void Validate(string paramName)
    {
        foreach (var (name, value) in Headers)
        {
            if (string.IsNullOrWhiteSpace(name) || Reserved.Contains(name))
            {
                throw new ArgumentException($"The header '{name}' cannot be set per call (authentication and framing headers belong to the client).", paramName);
            }

            if (value is null || value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException($"The header '{name}' needs a value without line breaks.", paramName);
            }

            using var probe = new HttpRequestMessage();
            if (!probe.Headers.TryAddWithoutValidation(name, value))
            {
                throw new ArgumentException($"'{name}' is not a valid request header name.", paramName);
            }
        }

        if (NetworkTimeout is { } t && t <= TimeSpan.Zero && t != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(paramName, t, "NetworkTimeout must be positive (or Timeout.InfiniteTimeSpan).");
        }

        if (MaxRetries is < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxRetries, "MaxRetries must not be negative.");
        }
    }
}

/// <summary>How far an upload got.</summary>
/// <param name="BytesSent">Bytes of the file or stream sent so far in this attempt.</param>
/// <param name="TotalBytes">The upload's size, when known.</param>
/// <param name="Elapsed">Time since this attempt started sending the body.</param>
public readonly record struct UploadProgress(long BytesSent, long? TotalBytes, TimeSpan Elapsed);
