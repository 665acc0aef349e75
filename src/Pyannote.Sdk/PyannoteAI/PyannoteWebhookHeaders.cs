namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// The headers of a pyannoteAI webhook delivery that the SDK reads. Build one from any header collection with
/// <see cref="From(IEnumerable{KeyValuePair{string, string}})"/> (names are matched ignoring case) or set the values directly.
/// </summary>
public sealed record PyannoteWebhookHeaders
{
    /// <summary>The signature header, <c>X-Signature</c>.</summary>
    public const string SignatureName = "X-Signature";

    /// <summary>The signed timestamp header (Unix seconds), <c>X-Request-Timestamp</c>.</summary>
    public const string TimestampName = "X-Request-Timestamp";

    /// <summary>The retry number header (1 to 3 on redeliveries, absent on the first), <c>x-retry-num</c>.</summary>
    public const string RetryNumberName = "x-retry-num";

    /// <summary>The retry reason header (absent on the first delivery), <c>x-retry-reason</c>.</summary>
    public const string RetryReasonName = "x-retry-reason";

    /// <summary>The <c>X-Signature</c> value. Several signatures may be given separated by commas or spaces; one match is enough.</summary>
    public string? Signature { get; init; }

    /// <summary>The <c>X-Request-Timestamp</c> value.</summary>
    public string? Timestamp { get; init; }

    /// <summary>The <c>x-retry-num</c> value (not covered by the signature).</summary>
    public string? RetryNumber { get; init; }

    /// <summary>The <c>x-retry-reason</c> value (not covered by the signature).</summary>
    public string? RetryReason { get; init; }

    /// <summary>Picks the webhook headers out of a header collection, matching names ignoring case. When a name appears
    /// more than once, the values are joined with commas (as HTTP does).</summary>
    /// <param name="headers">The request headers.</param>
    /// <returns>The webhook headers; absent headers are <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    public static PyannoteWebhookHeaders From(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? signature = null, timestamp = null, retryNumber = null, retryReason = null;
        foreach (var (name, value) in headers)
        {
            if (name is null)
            {
                continue;
            }

            if (name.Equals(SignatureName, StringComparison.OrdinalIgnoreCase))
            {
                signature = Join(signature, value);
            }
            else if (name.Equals(TimestampName, StringComparison.OrdinalIgnoreCase))
            {
                timestamp = Join(timestamp, value);
            }
            else if (name.Equals(RetryNumberName, StringComparison.OrdinalIgnoreCase))
            {
                retryNumber = Join(retryNumber, value);
            }
            else if (name.Equals(RetryReasonName, StringComparison.OrdinalIgnoreCase))
            {
                retryReason = Join(retryReason, value);
            }
        }

        return new PyannoteWebhookHeaders { Signature = signature, Timestamp = timestamp, RetryNumber = retryNumber, RetryReason = retryReason };
    }

    /// <summary>Writes the headers that are set as name/value pairs (for sending a test delivery).</summary>
    /// <returns>The headers, in the order signature, timestamp, retry number, retry reason.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> ToList()
    {
        var list = new List<KeyValuePair<string, string>>(4);
        Add(SignatureName, Signature);
        Add(TimestampName, Timestamp);
        Add(RetryNumberName, RetryNumber);
        Add(RetryReasonName, RetryReason);
        return list;

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                list.Add(new KeyValuePair<string, string>(name, value));
            }
        }
    }

    /// <summary>Describes which headers are present, without their values (the signature is not echoed).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"PyannoteWebhookHeaders {{ Signature = {(Signature is null ? "absent" : "present")}, Timestamp = {Timestamp ?? "absent"}, RetryNumber = {RetryNumber ?? "absent"}, RetryReason = {RetryReason ?? "absent"} }}";

    private static string? Join(string? existing, string? value) =>
        value is null ? existing : existing is null ? value : existing + "," + value;
}
