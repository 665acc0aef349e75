using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Webhooks;

/// <summary>
/// Verifies and reads pyannoteAI webhook deliveries. A delivery is signed with HMAC-SHA256 over
/// <c>v0:{X-Request-Timestamp}:{raw body}</c>, keyed with the UTF-8 bytes of the team's webhook secret; the signature
/// arrives in <c>X-Signature</c> as base64, hex or <c>v0=</c>+hex (the vendor's sources disagree, all three are
/// accepted by default). Always pass the raw request bytes: re-serialised JSON does not verify.
/// </summary>
/// <example>
/// <code>
/// var evt = PyannoteWebhook.ConstructEvent(bodyBytes, request.Headers, secret);
/// if (evt.Diarization is { } result) { /* ... */ }
/// </code>
/// </example>
public static class PyannoteWebhook
{
    private const int MacLength = 32;
    private const string PrefixV0 = "v0=";

    /// <summary>Verifies a delivery against one secret and reads it, checking the timestamp against the system clock.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="headers">The request headers (names matched ignoring case).</param>
    /// <param name="secret">The team's webhook secret.</param>
    /// <param name="tolerance">How far the timestamp may be from now in either direction; default 5 minutes.</param>
    /// <returns>The typed event.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty, or <paramref name="tolerance"/> is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or <paramref name="secret"/> is null.</exception>
    /// <exception cref="WebhookVerificationException">The delivery failed a check (see <see cref="WebhookVerificationException.Reason"/>).</exception>
    public static PyannoteWebhookEvent ConstructEvent(ReadOnlySpan<byte> body, IEnumerable<KeyValuePair<string, string>> headers, string secret, TimeSpan? tolerance = null) =>
        ConstructEvent(body, PyannoteWebhookHeaders.From(headers), Options(secret, tolerance, null));

    /// <summary>Verifies a delivery against one secret and reads it, checking the timestamp against the time given
    /// (for tests and replays of stored deliveries).</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="headers">The request headers (names matched ignoring case).</param>
    /// <param name="secret">The team's webhook secret.</param>
    /// <param name="tolerance">How far the timestamp may be from <paramref name="utcNow"/> in either direction.</param>
    /// <param name="utcNow">The current time.</param>
    /// <returns>The typed event.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty, or <paramref name="tolerance"/> is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or <paramref name="secret"/> is null.</exception>
    /// <exception cref="WebhookVerificationException">The delivery failed a check.</exception>
    public static PyannoteWebhookEvent ConstructEvent(ReadOnlySpan<byte> body, IEnumerable<KeyValuePair<string, string>> headers, string secret, TimeSpan tolerance, DateTimeOffset utcNow) =>
        ConstructEvent(body, PyannoteWebhookHeaders.From(headers), Options(secret, tolerance, new FixedClock(utcNow)));

    /// <summary>Verifies a delivery given the two signature header values directly, and reads it.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="signature">The <c>X-Signature</c> header value.</param>
    /// <param name="timestamp">The <c>X-Request-Timestamp</c> header value.</param>
    /// <param name="secret">The team's webhook secret.</param>
    /// <param name="tolerance">How far the timestamp may be from now in either direction; default 5 minutes.</param>
    /// <returns>The typed event (without retry information, which travels in other headers).</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty, or <paramref name="tolerance"/> is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is null.</exception>
    /// <exception cref="WebhookVerificationException">The delivery failed a check.</exception>
    public static PyannoteWebhookEvent ConstructEvent(ReadOnlySpan<byte> body, string? signature, string? timestamp, string secret, TimeSpan? tolerance = null) =>
        ConstructEvent(body, new PyannoteWebhookHeaders { Signature = signature, Timestamp = timestamp }, Options(secret, tolerance, null));

    /// <summary>Verifies a delivery with the given settings (several secrets for rotation, clock, encodings, size limit) and reads it.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="options">The verification settings.</param>
    /// <returns>The typed event.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> has no secret, an empty secret, a non-positive tolerance or size limit, or no encoding.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="WebhookVerificationException">The delivery failed a check.</exception>
    public static PyannoteWebhookEvent ConstructEvent(ReadOnlySpan<byte> body, PyannoteWebhookHeaders headers, PyannoteWebhookOptions options)
    {
        var (timestamp, encoding) = Verify(body, headers, options);
        return Read(body, headers, timestamp, encoding);
    }

    /// <summary>Checks a delivery's signature and timestamp without reading the body.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="options">The verification settings.</param>
    /// <returns>The encoding of the signature that matched.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> breaks a rule (see <see cref="ConstructEvent(ReadOnlySpan{byte}, PyannoteWebhookHeaders, PyannoteWebhookOptions)"/>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="WebhookVerificationException">The signature, timestamp or size check failed.</exception>
    public static PyannoteSignatureEncodings ValidateSignature(ReadOnlySpan<byte> body, PyannoteWebhookHeaders headers, PyannoteWebhookOptions options) =>
        Verify(body, headers, options).Encoding;

    /// <summary>
    /// UNSAFE: reads a delivery WITHOUT checking its signature or timestamp. Anyone can forge such a body; use it only
    /// for deliveries already verified elsewhere, stored deliveries, or tests.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="headers">The delivery's headers, for the retry information; optional.</param>
    /// <returns>The typed event, with <see cref="PyannoteWebhookEvent.IsVerified"/> false.</returns>
    /// <exception cref="WebhookVerificationException">The body is not a pyannoteAI webhook payload (<see cref="WebhookFailureReason.MalformedBody"/>).</exception>
    public static PyannoteWebhookEvent ParseUnverified(ReadOnlySpan<byte> body, PyannoteWebhookHeaders? headers = null)
    {
        DateTimeOffset? timestamp = headers?.Timestamp is { } ts && UnixSeconds.TryParse(ts, out _, out var at) ? at : null;
        return Read(body, headers, timestamp, null);
    }

    /// <summary>
    /// Produces valid signature headers for a body, as pyannoteAI would send them, so an endpoint can be tested with
    /// real deliveries. Set <see cref="PyannoteWebhookHeaders.RetryNumber"/> and <see cref="PyannoteWebhookHeaders.RetryReason"/>
    /// with a <c>with</c> expression to simulate a redelivery.
    /// </summary>
    /// <param name="body">The exact body bytes that will be sent.</param>
    /// <param name="secret">The webhook secret.</param>
    /// <param name="timestamp">The time to sign (its whole Unix seconds are used).</param>
    /// <param name="encoding">The signature encoding: <see cref="PyannoteSignatureEncodings.Base64"/> (default, as documented),
    /// <see cref="PyannoteSignatureEncodings.Hex"/> or <see cref="PyannoteSignatureEncodings.PrefixedHex"/>.</param>
    /// <returns>The <c>X-Signature</c> and <c>X-Request-Timestamp</c> values.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty, <paramref name="timestamp"/> is before 1970,
    /// or <paramref name="encoding"/> is not exactly one encoding.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is null.</exception>
    public static PyannoteWebhookHeaders CreateSignatureHeaders(ReadOnlySpan<byte> body, string secret, DateTimeOffset timestamp, PyannoteSignatureEncodings encoding = PyannoteSignatureEncodings.Base64)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var seconds = timestamp.ToUnixTimeSeconds();
        if (seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), "The timestamp must not be before 1970-01-01.");
        }

        if (encoding is not (PyannoteSignatureEncodings.Base64 or PyannoteSignatureEncodings.Hex or PyannoteSignatureEncodings.PrefixedHex))
        {
            throw new ArgumentException("Choose exactly one signature encoding: Base64, Hex or PrefixedHex.", nameof(encoding));
        }

        var ts = seconds.ToString(CultureInfo.InvariantCulture);
        Span<byte> mac = stackalloc byte[MacLength];
        ComputeMac(secret, ts, body, mac);
        var signature = encoding switch
        {
            PyannoteSignatureEncodings.Base64 => Convert.ToBase64String(mac),
            PyannoteSignatureEncodings.Hex => Convert.ToHexString(mac).ToLowerInvariant(),
            _ => PrefixV0 + Convert.ToHexString(mac).ToLowerInvariant(),
        };
        return new PyannoteWebhookHeaders { Signature = signature, Timestamp = ts };
    }

    private static PyannoteWebhookOptions Options(string secret, TimeSpan? tolerance, TimeProvider? clock)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (tolerance is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), t, "The tolerance must be positive.");
        }

        var options = new PyannoteWebhookOptions { Tolerance = tolerance ?? PyannoteWebhookOptions.DefaultTolerance };
        options.Secrets.Add(secret);
        if (clock is not null)
        {
            options.TimeProvider = clock;
        }

        return options;
    }

    /// <summary>
    /// Checks what can be checked before the body is read: the signature header is present and holds a signature in an
    /// accepted encoding, and the timestamp header is a whole number of Unix seconds within the tolerance. A receiver
    /// calls it first so that a delivery which cannot verify is refused without reading (or buffering) its body; the
    /// signature itself is checked by <see cref="ConstructEvent(ReadOnlySpan{byte}, PyannoteWebhookHeaders, PyannoteWebhookOptions)"/>
    /// once the body is in.
    /// </summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="options">The verification settings.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> breaks a rule (see <see cref="PyannoteWebhookOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="WebhookVerificationException">A header is missing or malformed (<see cref="WebhookFailureReason.MissingHeader"/>,
    /// <see cref="WebhookFailureReason.MalformedTimestamp"/>, <see cref="WebhookFailureReason.MalformedSignature"/>) or the
    /// timestamp is outside the tolerance (<see cref="WebhookFailureReason.OutsideTolerance"/>).</exception>
    public static void ValidateHeaders(PyannoteWebhookHeaders headers, PyannoteWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ = CheckHeaders(headers, options);
    }

    private static (string SignedTimestamp, DateTimeOffset Timestamp, List<(byte[] Bytes, PyannoteSignatureEncodings Encoding)> Candidates) CheckHeaders(PyannoteWebhookHeaders headers, PyannoteWebhookOptions options)
    {
        if (string.IsNullOrWhiteSpace(headers.Signature))
        {
            throw new WebhookVerificationException(SpeechVendor.Pyannote, WebhookFailureReason.MissingHeader, $"The {PyannoteWebhookHeaders.SignatureName} header is missing or empty.");
        }

        if (string.IsNullOrWhiteSpace(headers.Timestamp))
        {
            throw new WebhookVerificationException(SpeechVendor.Pyannote, WebhookFailureReason.MissingHeader, $"The {PyannoteWebhookHeaders.TimestampName} header is missing or empty.");
        }

        if (!UnixSeconds.TryParse(headers.Timestamp, out var signedTimestamp, out var timestamp))
        {
            throw new WebhookVerificationException(SpeechVendor.Pyannote, WebhookFailureReason.MalformedTimestamp, $"The {PyannoteWebhookHeaders.TimestampName} header is not a whole number of Unix seconds.");
        }

        var candidates = DecodeSignatures(headers.Signature, options.AcceptedEncodings);
        if (candidates.Count == 0)
        {
            throw new WebhookVerificationException(SpeechVendor.Pyannote, WebhookFailureReason.MalformedSignature, $"The {PyannoteWebhookHeaders.SignatureName} header holds no signature in an accepted encoding ({options.AcceptedEncodings}).");
        }

        // The timestamp is checked before the signature: it needs no body, so a stale delivery is refused unread. A
        // forged timestamp cannot pass, because the signature covers it.
        var skew = (options.TimeProvider.GetUtcNow() - timestamp).Duration();
        if (skew > options.Tolerance)
        {
            throw new WebhookVerificationException(SpeechVendor.Pyannote, WebhookFailureReason.OutsideTolerance, $"The webhook timestamp is {skew.TotalSeconds:0} s from the current time, more than the tolerance of {options.Tolerance.TotalSeconds:0} s.");
        }

        return (signedTimestamp, timestamp, candidates);
    }

    private static (DateTimeOffset Timestamp, PyannoteSignatureEncodings Encoding) Verify(ReadOnlySpan<byte> body, PyannoteWebhookHeaders headers, PyannoteWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        if (body.Length > options.MaxBodyBytes)
        {
            throw new WebhookVerificationException(SpeechVendor.Pyannote, WebhookFailureReason.BodyTooLarge, $"The webhook body ({body.Length} bytes) is larger than the limit ({options.MaxBodyBytes} bytes).");
        }

        var (signedTimestamp, timestamp, candidates) = CheckHeaders(headers, options);
        PyannoteSignatureEncodings? matched = null;
        Span<byte> mac = stackalloc byte[MacLength];
        foreach (var secret in options.Secrets)
        {
            ComputeMac(secret, signedTimestamp, body, mac);
            foreach (var (bytes, encoding) in candidates)
            {
                // Every candidate is compared in full so the time taken does not depend on where a match is.
                if (CryptographicOperations.FixedTimeEquals(mac, bytes) && matched is null)
                {
                    matched = encoding;
                }
            }
        }

        CryptographicOperations.ZeroMemory(mac);
        if (matched is not { } found)
        {
            throw new WebhookVerificationException(SpeechVendor.Pyannote, WebhookFailureReason.SignatureMismatch, "The webhook signature does not match the body and timestamp for any configured secret.");
        }

        return (timestamp, found);
    }

    private static void ComputeMac(string secret, string signedTimestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        try
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData("v0:"u8);
            hmac.AppendData(Encoding.ASCII.GetBytes(signedTimestamp));
            hmac.AppendData(":"u8);
            hmac.AppendData(body);
            hmac.GetHashAndReset(destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static List<(byte[] Bytes, PyannoteSignatureEncodings Encoding)> DecodeSignatures(string header, PyannoteSignatureEncodings accepted)
    {
        var list = new List<(byte[], PyannoteSignatureEncodings)>();
        foreach (var token in header.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith(PrefixV0, StringComparison.OrdinalIgnoreCase))
            {
                if ((accepted & PyannoteSignatureEncodings.PrefixedHex) != 0 && TryDecodeHex(token.AsSpan(PrefixV0.Length), out var prefixed))
                {
                    list.Add((prefixed, PyannoteSignatureEncodings.PrefixedHex));
                }
            }
            else if (token.Length == MacLength * 2)
            {
                if ((accepted & PyannoteSignatureEncodings.Hex) != 0 && TryDecodeHex(token, out var hex))
                {
                    list.Add((hex, PyannoteSignatureEncodings.Hex));
                }
            }
            else if (token.Length == 44 && (accepted & PyannoteSignatureEncodings.Base64) != 0)
            {
                var bytes = new byte[MacLength + 3];
                if (Convert.TryFromBase64String(token, bytes, out var written) && written == MacLength)
                {
                    list.Add((bytes[..MacLength], PyannoteSignatureEncodings.Base64));
                }
            }
        }

        return list;
    }

    private static bool TryDecodeHex(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = Array.Empty<byte>();
        if (text.Length != MacLength * 2)
        {
            return false;
        }

        var result = new byte[MacLength];
        for (var i = 0; i < MacLength; i++)
        {
            var hi = HexValue(text[2 * i]);
            var lo = HexValue(text[(2 * i) + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            result[i] = (byte)((hi << 4) | lo);
        }

        bytes = result;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static PyannoteWebhookEvent Read(ReadOnlySpan<byte> body, PyannoteWebhookHeaders? headers, DateTimeOffset? timestamp, PyannoteSignatureEncodings? encoding)
    {
        try
        {
            return ReadCore(body, headers, timestamp, encoding);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or SpeechResponseFormatException or ArgumentException or FormatException or OverflowException or NullReferenceException)
        {
            // Invalid UTF-8 inside a string surfaces only when the string is read (InvalidOperationException); the
            // output mapper is shared with polling and reports bad shapes as SpeechResponseFormatException; a null
            // element inside an array (which the generated DTOs admit) is caught too. A receiver only ever sees
            // WebhookVerificationException.
            throw Malformed(ex is SpeechResponseFormatException ? "the output could not be read." : "the body holds an invalid value.", ex);
        }
    }

    private static PyannoteWebhookEvent ReadCore(ReadOnlySpan<byte> body, PyannoteWebhookHeaders? headers, DateTimeOffset? timestamp, PyannoteSignatureEncodings? encoding)
    {
        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize(body, Pyannote.Sdk.Generated.PyannoteAI.PyannoteAIJsonContext.Default.JsonElement);
        }
        catch (JsonException ex)
        {
            throw Malformed("the body is not valid UTF-8 JSON: " + ex.Message, ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"the body must be a JSON object (was {root.ValueKind}).");
        }

        var jobId = RequiredString(root, "jobId");
        var status = new JobStatus(RequiredString(root, "status"));
        JsonElement? output = root.TryGetProperty("output", out var o) && o.ValueKind != JsonValueKind.Null ? o : null;
        if (output is { ValueKind: not JsonValueKind.Object })
        {
            throw Malformed($"'output' must be a JSON object (was {output.Value.ValueKind}).");
        }

        var kind = PyannoteWebhookJobKind.Unknown;
        DiarizationResult? diarization = null;
        IdentificationResult? identification = null;
        string? voiceprint = null, warning = null, error = null;
        if (output is { } value)
        {
            var dto = PyannoteMapper.Parse(value);
            warning = dto.Warning;
            error = dto.Error;
            if (status.IsSucceeded)
            {
                kind = PyannoteMapper.DetectKind(dto);
                switch (kind)
                {
                    case PyannoteWebhookJobKind.Voiceprint:
                        voiceprint = PyannoteMapper.ToVoiceprint(dto);
                        break;
                    case PyannoteWebhookJobKind.Identification:
                        diarization = identification = PyannoteMapper.ToIdentificationResult(dto);
                        break;
                    default:
                        diarization = PyannoteMapper.ToDiarizationResult(dto);
                        break;
                }
            }
        }

        return new PyannoteWebhookEvent(jobId, status)
        {
            JobKind = kind,
            IsStatusOnly = output is null,
            Diarization = diarization,
            Identification = identification,
            Voiceprint = voiceprint,
            Warning = warning,
            Error = error,
            RawOutput = output,
            RetryNumber = ParseRetryNumber(headers?.RetryNumber),
            RetryReason = string.IsNullOrWhiteSpace(headers?.RetryReason) ? (WebhookRetryReason?)null : new WebhookRetryReason(headers.RetryReason.Trim()),
            Timestamp = timestamp,
            SignatureEncoding = encoding,
        };
    }

    // x-retry-num is not signed and only informs; an unreadable value counts as a redelivery of unknown number rather
    // than failing a delivery whose body is authentic.
    private static int ParseRetryNumber(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 0;
        }

        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
    }

    private static string RequiredString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw Malformed($"'{name}' must be a string.");
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? throw Malformed($"'{name}' must not be empty.") : text;
    }

    private static WebhookVerificationException Malformed(string detail, Exception? inner = null) =>
        new(SpeechVendor.Pyannote, WebhookFailureReason.MalformedBody, "The pyannoteAI webhook body could not be read: " + detail, inner);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
