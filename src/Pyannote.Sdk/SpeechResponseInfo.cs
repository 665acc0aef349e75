using System.Globalization;

namespace Pyannote.Sdk;

/// <summary>
/// What a vendor's successful answer said besides its body: the status, the request id, the rate-limit state and the
/// headers. Reachable from every result (<c>Response</c>) without a second call. Immutable.
/// </summary>
public sealed class SpeechResponseInfo
{
    private static readonly string[] RequestIdHeaders = ["x-request-id", "request-id", "x-jigsaw-request-id", "cf-ray"];

    /// <summary>Creates response information (for tests and mocks).</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="headers">The response and content headers.</param>
    public SpeechResponseInfo(int statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        StatusCode = statusCode;
        Headers = headers;
        RequestId = RequestIdHeaders.Select(Header).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        RateLimit = SpeechRateLimit.FromHeaders(Header);
    }

    /// <summary>The HTTP status of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>The vendor's request id, when a request-id header was sent (<c>x-request-id</c>, <c>request-id</c>, …).</summary>
    public string? RequestId { get; }

    /// <summary>The rate-limit state the answer reported, or <see langword="null"/> when it sent none.</summary>
    public SpeechRateLimit? RateLimit { get; }

    /// <summary>The response and content headers, names compared ignoring case (<c>Set-Cookie</c> is left out).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The first value of a header.</summary>
    /// <param name="name">The header name (any case).</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <inheritdoc />
    public override string ToString() => $"HTTP {StatusCode.ToString(CultureInfo.InvariantCulture)}{(RequestId is null ? string.Empty : " request " + RequestId)}";

    internal static SpeechResponseInfo From(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            if (!string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = values.ToArray();
            }
        }

        return new SpeechResponseInfo((int)response.StatusCode, headers);
    }
}

/// <summary>A vendor's rate-limit state, one shape for every vendor: pyannoteAI's <c>X-RateLimit-Limit</c>,
/// <c>-Remaining</c> and <c>-Reset</c> (epoch seconds), JigsawStack's <c>x-jigsaw-rate-limit-*</c> (reset in epoch
/// milliseconds), and the same <c>x-ratelimit-*</c> names from any other vendor.</summary>
/// <param name="Limit">Requests allowed in the window.</param>
/// <param name="Remaining">Requests left in the window.</param>
/// <param name="Reset">When the window resets.</param>
public sealed record SpeechRateLimit(long? Limit, long? Remaining, DateTimeOffset? Reset)
{
    /// <summary>Reads the headers through <paramref name="header"/>; <see langword="null"/> when none is present.</summary>
    internal static SpeechRateLimit? FromHeaders(Func<string, string?> header)
    {
        foreach (var prefix in new[] { "x-jigsaw-rate-limit-", "x-ratelimit-" })
        {
            var limit = Number(header(prefix + "limit"));
            var remaining = Number(header(prefix + "remaining"));
            var reset = Number(header(prefix + "reset"));
            if (limit is null && remaining is null && reset is null)
            {
                continue;
            }

            return new SpeechRateLimit(limit, remaining, reset is { } r ? Epoch(r) : null);
        }

        return null;
    }

    internal static SpeechRateLimit? FromResponse(HttpResponseMessage response) =>
        FromHeaders(name => response.Headers.TryGetValues(name, out var v) ? v.FirstOrDefault() : null);

    // Epoch seconds (pyannoteAI) and milliseconds (JigsawStack) told apart by size: 10^11 seconds is the year 5138.
    private static DateTimeOffset? Epoch(long value) =>
        value < 0 ? null
        : value >= 100_000_000_000 ? (value <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null)
        : DateTimeOffset.FromUnixTimeSeconds(value);

    private static long? Number(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
