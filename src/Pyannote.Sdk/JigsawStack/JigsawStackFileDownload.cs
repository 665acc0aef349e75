using System.Globalization;

namespace Pyannote.Sdk.JigsawStack;

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
    public SpeechRateLimit? RateLimit { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"JigsawStack file {Key} ({BytesWritten.ToString(CultureInfo.InvariantCulture)} bytes read)";
}
