using Pyannote.Sdk.Http;

namespace Pyannote.Sdk;

/// <summary>Where audio comes from: a local file, a stream, or a URL the vendor fetches itself.</summary>
public enum AudioInputKind
{
    /// <summary>A local file, streamed from disk.</summary>
    File,

    /// <summary>A caller-owned stream; a non-seekable stream is spooled to a temporary file, never to memory.</summary>
    Stream,

    /// <summary>A URL the vendor downloads (http(s), or pyannoteAI's <c>media://</c>).</summary>
    Url,
}

/// <summary>
/// Audio to send to a vendor. Local files and streams are uploaded by streaming (never read whole into memory);
/// URLs are passed to the vendor to fetch. Create with <see cref="FromFile"/>, <see cref="FromStream"/> or
/// <see cref="FromUrl(Uri)"/>.
/// </summary>
public sealed class AudioInput
{
    private AudioInput(AudioInputKind kind, string? filePath, Stream? stream, Uri? url, string? fileName, string? contentType, bool checksFormat = true)
    {
        Kind = kind;
        FilePath = filePath;
        Stream = stream;
        Url = url;
        FileName = fileName;
        ContentType = contentType;
        ChecksFormat = checksFormat;
    }

    /// <summary>Where the audio comes from.</summary>
    public AudioInputKind Kind { get; }

    /// <summary>The local file path, for <see cref="AudioInputKind.File"/>.</summary>
    public string? FilePath { get; }

    /// <summary>The URL, for <see cref="AudioInputKind.Url"/>.</summary>
    public Uri? Url { get; }

    /// <summary>The file name sent with an upload (from the path, or given with a stream).</summary>
    public string? FileName { get; }

    /// <summary>The media type sent with an upload; inferred from the file extension when not given.</summary>
    public string? ContentType { get; }

    internal Stream? Stream { get; }

    /// <summary>
    /// Whether a local file or stream is checked before anything is sent: it must not be empty, and its first bytes must
    /// be a container the SDK recognises (WAV, MP3, FLAC, OGG/Opus, M4A/MP4/MOV, WebM/Matroska, AAC, AMR, AIFF, CAF,
    /// WMA). <see langword="true"/> unless the input came from <see cref="WithoutFormatCheck"/>. URLs are never checked
    /// (the vendor fetches them).
    /// </summary>
    public bool ChecksFormat { get; }

    /// <summary>
    /// Returns a copy of this input that is sent without the content check: for audio in a container the SDK does not
    /// recognise but the vendor decodes. An empty input is then sent too, and the vendor's own error (or failed job)
    /// comes back as a <see cref="SpeechApiException"/> or <see cref="Jobs.SpeechJobFailedException"/>. The other local
    /// checks still apply (the file exists and is a regular file, the size and extension limits). This input is not
    /// changed.
    /// </summary>
    /// <returns>An input with <see cref="ChecksFormat"/> <see langword="false"/>.</returns>
    public AudioInput WithoutFormatCheck() => new(Kind, FilePath, Stream, Url, FileName, ContentType, checksFormat: false);

    /// <summary>Audio from a local file. The file is checked when it is sent, not here: it must be a regular file (symbolic
    /// links are followed; FIFOs, devices, sockets and directories are refused), not empty, and start like a recognised
    /// audio or video container (see <see cref="ChecksFormat"/>).</summary>
    /// <param name="path">Path of the file.</param>
    /// <param name="contentType">Media type; inferred from the extension when <see langword="null"/>.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static AudioInput FromFile(string path, string? contentType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fileName = Path.GetFileName(path);
        return new AudioInput(AudioInputKind.File, Path.GetFullPath(path), null, null, fileName, contentType ?? MediaTypes.FromFileName(fileName));
    }

    /// <summary>Audio from a stream the caller owns (it is not disposed). A seekable stream is read from its current
    /// position and can be re-sent on retry; a non-seekable stream is first spooled to a temporary file. Before anything is
    /// sent, the stream's first bytes are checked like a file's (see <see cref="ChecksFormat"/>); every byte is still
    /// uploaded.</summary>
    /// <param name="stream">The audio bytes.</param>
    /// <param name="fileName">The file name to send (its extension tells vendors the format).</param>
    /// <param name="contentType">Media type; inferred from <paramref name="fileName"/> when <see langword="null"/>.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException">The stream is not readable, or the file name is empty.</exception>
    public static AudioInput FromStream(Stream stream, string fileName, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }

        return new AudioInput(AudioInputKind.Stream, null, stream, null, fileName, contentType ?? MediaTypes.FromFileName(fileName));
    }

    /// <summary>Audio at a URL the vendor downloads itself.</summary>
    /// <param name="url">An absolute URL (http(s); pyannoteAI also takes <c>media://</c> keys).</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute.</exception>
    public static AudioInput FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"The URL must be absolute (was '{Redaction.Url(url.OriginalString)}').", nameof(url));
        }

        return new AudioInput(AudioInputKind.Url, null, null, url, Path.GetFileName(url.AbsolutePath), null);
    }

    /// <summary>Audio at a URL the vendor downloads itself.</summary>
    /// <param name="url">An absolute URL (http(s); pyannoteAI also takes <c>media://</c> keys).</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException">The URL is empty or not absolute.</exception>
    public static AudioInput FromUrl(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{Redaction.Url(url)}' is not an absolute URL.", nameof(url));
        }

        return FromUrl(uri);
    }

    /// <summary>Describes the input without secrets: a URL's query string (which may hold a pre-signed token) is left out.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => Kind switch
    {
        AudioInputKind.File => $"file {FileName}",
        AudioInputKind.Stream => $"stream {FileName}",
        _ => $"url {Redaction.Url(Url!.ToString())}",
    };

    /// <summary>Whether the URL's scheme is http or https.</summary>
    internal bool IsHttpUrl => Url.IsAbsoluteHttp();

    /// <summary>
    /// Checks a local input before anything is sent: the file exists and is a regular file, is within
    /// <paramref name="maxBytes"/>, and has an accepted extension. Throws <see cref="ArgumentException"/> naming
    /// <paramref name="paramName"/> and the rule. The content itself is checked when the input is opened
    /// (<see cref="OpenAsync"/>), which every call does before its first request.
    /// </summary>
    internal void ValidateLocal(string paramName, SpeechVendor vendor, long maxBytes, IReadOnlyCollection<string>? allowedExtensions, string? limitNote = null)
    {
        if (Kind == AudioInputKind.Url)
        {
            return;
        }

        // What the path is comes first: a FIFO or a device is refused as such whatever its name.
        long? length = null;
        if (Kind == AudioInputKind.File)
        {
            length = LocalAudioFile.Resolve(FilePath!, paramName).Length;
        }
        else if (Stream!.CanSeek)
        {
            length = Stream.Length - Stream.Position;
        }

        if (allowedExtensions is { Count: > 0 })
        {
            var ext = Path.GetExtension(FileName ?? string.Empty).ToLowerInvariant();
            if (!allowedExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"{vendor.DisplayName()} does not accept '{(ext.Length == 0 ? "(no extension)" : ext)}' files ('{FileName}'); accepted: {string.Join(", ", allowedExtensions)}.", paramName);
            }
        }

        if (length is { } len && len > maxBytes)
        {
            throw new ArgumentException($"The audio is {len:N0} bytes; {vendor.DisplayName()} accepts at most {maxBytes:N0} bytes ({MediaTypes.FormatSize(maxBytes)}) for this operation.{(limitNote is null ? string.Empty : " " + limitNote)}", paramName);
        }
    }

    /// <summary>Opens the input for upload: a seekable source of known length (spooling a non-seekable stream to a
    /// temporary file, with the size limit enforced while spooling).</summary>
    internal Task<UploadSource> OpenAsync(SpeechVendor vendor, long maxBytes, string paramName, CancellationToken cancellationToken) =>
        UploadSource.OpenAsync(this, vendor, maxBytes, paramName, cancellationToken);
}
