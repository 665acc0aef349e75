using System.Globalization;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>Settings of a <see cref="JigsawStackClient"/>: endpoint (default <see cref="DefaultEndpoint"/>), timeouts,
/// retries, logging and transport.</summary>
public sealed class JigsawStackClientOptions : SpeechClientOptions
{
    /// <summary>The vendor's public endpoint, <c>https://api.jigsawstack.com/</c> (the host root; paths carry their version prefix).</summary>
    public static Uri DefaultEndpoint => JigsawStackVendor.Descriptor.DefaultEndpoint;

    /// <inheritdoc />
    private protected override Uri VendorEndpoint => DefaultEndpoint;
}

/// <summary>
/// What to transcribe and how. Give exactly one source: <see cref="Audio"/> (a public http(s) URL, sent as <c>url</c>,
/// or a local file / stream, uploaded as multipart) or <see cref="FileStoreKey"/> (a file already in the File Store).
/// Unset values are not sent, so the service's defaults apply.
/// </summary>
public sealed class JigsawStackTranscriptionRequest
{
    /// <summary>The audio: a URL the service fetches, or a local file or stream to upload (at most 100 MB; mp3, wav, m4a, flac, aac, ogg, webm).</summary>
    public AudioInput? Audio { get; set; }

    /// <summary>The key of a file uploaded with <see cref="JigsawStackClient.UploadFileAsync"/> (sent as <c>file_store_key</c>).</summary>
    public string? FileStoreKey { get; set; }

    /// <summary>A language code, or <c>auto</c> to detect (the service's default). With <see cref="Translate"/>, the target language.</summary>
    public string? Language { get; set; }

    /// <summary>Translate into English, or into <see cref="Language"/> when given (service default false).</summary>
    public bool? Translate { get; set; }

    /// <summary>Label the transcript by speaker (diarization; service default false).</summary>
    public bool? BySpeaker { get; set; }

    /// <summary>Processing batch size, 1 to 40 (service default 30).</summary>
    public int? BatchSize { get; set; }

    /// <summary>Length of each processed chunk in seconds, more than 0 and at most 15 (service default 3).</summary>
    public double? ChunkDuration { get; set; }

    /// <summary>Ask for one chunk per word, each with its own start and end (<c>word_timestamps</c>, added to the
    /// service in 2026; service default presumably false). The result's <see cref="JigsawStackTranscription.ToTranscript"/>
    /// then has real <see cref="Transcripts.Transcript.Words"/>. Not available with streaming.</summary>
    public bool? WordTimestamps { get; set; }
}

/// <summary>Options of <see cref="JigsawStackClient.UploadFileAsync"/>; unset values are not sent.</summary>
public sealed class JigsawStackFileUploadOptions
{
    /// <summary>The key to store the file under; the service picks one when <see langword="null"/>.</summary>
    public string? Key { get; set; }

    /// <summary>Whether to replace an existing file with the same key (service default false).</summary>
    public bool? Overwrite { get; set; }

    /// <summary>Whether to return a temporary public URL for the file (service default false).</summary>
    public bool? TempPublicUrl { get; set; }
}

/// <summary>The rate-limit headers JigsawStack sends on every response (<c>x-jigsaw-rate-limit-*</c>).</summary>
/// <param name="Limit">Requests allowed in the current window.</param>
/// <param name="Remaining">Requests left in the current window.</param>
/// <param name="Reset">When the window resets (sent as Unix milliseconds).</param>
public sealed record JigsawStackRateLimit(long? Limit, long? Remaining, DateTimeOffset? Reset)
{
    /// <summary>Reads the headers; <see langword="null"/> when none is present.</summary>
    internal static JigsawStackRateLimit? FromResponse(HttpResponseMessage response)
    {
        var limit = Read(response, "x-jigsaw-rate-limit-limit");
        var remaining = Read(response, "x-jigsaw-rate-limit-remaining");
        var reset = Read(response, "x-jigsaw-rate-limit-reset");
        if (limit is null && remaining is null && reset is null)
        {
            return null;
        }

        DateTimeOffset? resetAt = reset is { } ms && ms >= 0 && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        return new JigsawStackRateLimit(limit, remaining, resetAt);
    }

    private static long? Read(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>The immediate answer to a transcription started with a webhook: the result is POSTed to the webhook later.</summary>
public sealed class JigsawStackTranscriptionAcknowledgement
{
    /// <summary>Creates an acknowledgement (for tests and mocks).</summary>
    /// <param name="id">The job id.</param>
    /// <param name="status">The job status.</param>
    public JigsawStackTranscriptionAcknowledgement(string? id, string? status)
    {
        Id = id;
        Status = status;
    }

    /// <summary>The job id; the webhook delivery carries the same id.</summary>
    public string? Id { get; }

    /// <summary><c>processing</c> when queued, <c>error</c> when the job could not be queued.</summary>
    public string? Status { get; }

    /// <summary>The <c>success</c> flag of the answer.</summary>
    public bool? Success { get; init; }

    /// <summary>The service's request log id, if sent.</summary>
    public string? LogId { get; init; }

    /// <summary>The rate-limit headers of the answer, if sent.</summary>
    public JigsawStackRateLimit? RateLimit { get; init; }
}

/// <summary>A file stored in the JigsawStack File Store.</summary>
public sealed class JigsawStackStoredFile
{
    /// <summary>Creates a stored-file description (for tests and mocks).</summary>
    /// <param name="key">The key to pass as <see cref="JigsawStackTranscriptionRequest.FileStoreKey"/>.</param>
    public JigsawStackStoredFile(string key)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
    }

    /// <summary>The file's key.</summary>
    public string Key { get; }

    /// <summary>Where the file can be read (with the API key).</summary>
    public Uri? Url { get; init; }

    /// <summary>The stored size in bytes, if reported.</summary>
    public long? Size { get; init; }

    /// <summary>A temporary public URL, when one was asked for. Treat it as a secret.</summary>
    public Uri? TempPublicUrl { get; init; }

    /// <summary>The rate-limit headers of the answer, if sent.</summary>
    public JigsawStackRateLimit? RateLimit { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"JigsawStack file {Key} ({Size?.ToString(CultureInfo.InvariantCulture) ?? "?"} bytes)";
}

/// <summary>What <see cref="JigsawStackClient.DownloadFileAsync"/> read from the File Store.</summary>
public sealed class JigsawStackFileDownload
{
    /// <summary>Creates a download description (for tests and mocks).</summary>
    /// <param name="key">The file's key.</param>
    /// <param name="bytesWritten">The bytes written to the destination.</param>
    public JigsawStackFileDownload(string key, long bytesWritten)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
        BytesWritten = bytesWritten;
    }

    /// <summary>The file's key.</summary>
    public string Key { get; }

    /// <summary>The bytes written to the destination; 0 when the service answered with JSON instead (see <see cref="Url"/>).</summary>
    public long BytesWritten { get; }

    /// <summary>The content type the service sent with the bytes, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>When the service answered with the JSON its docs describe (<c>success</c>, <c>message</c>, <c>url</c>,
    /// <c>key</c>) rather than the bytes: the file's URL. Treat it as a secret.</summary>
    public Uri? Url { get; init; }

    /// <summary>The rate-limit headers of the answer, if sent.</summary>
    public JigsawStackRateLimit? RateLimit { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"JigsawStack file {Key} ({BytesWritten.ToString(CultureInfo.InvariantCulture)} bytes read)";
}

/// <summary>Token accounting of a JigsawStack call.</summary>
/// <param name="InputTokens">Input tokens.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="InferenceTimeTokens">Tokens charged for inference time.</param>
/// <param name="TotalTokens">Total tokens.</param>
public sealed record JigsawStackUsage(double? InputTokens, double? OutputTokens, double? InferenceTimeTokens, double? TotalTokens);

/// <summary>A timed piece of a JigsawStack transcript.</summary>
/// <param name="Start">Start time.</param>
/// <param name="End">End time; <see langword="null"/> when the service sent none (a trailing chunk).</param>
/// <param name="Text">The text as sent (it often has a leading space).</param>
/// <param name="Speaker">The speaker label as sent (for example <c>Speaker 1</c> or <c>SPEAKER_1</c>), or <see langword="null"/>.</param>
public sealed record JigsawStackChunk(TimeSpan Start, TimeSpan? End, string Text, string? Speaker);
