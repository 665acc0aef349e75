namespace Pyannote.Sdk.Http;

/// <summary>Media types for audio file extensions, and size formatting for messages.</summary>
internal static class MediaTypes
{
    public const string OctetStream = "application/octet-stream";

    public static string FromFileName(string? fileName) => Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant() switch
    {
        ".wav" => "audio/wav",
        ".mp3" => "audio/mpeg",
        ".m4a" => "audio/mp4",
        ".mp4" => "video/mp4",
        ".aac" => "audio/aac",
        ".flac" => "audio/flac",
        ".ogg" => "audio/ogg",
        ".opus" => "audio/opus",
        ".webm" => "audio/webm",
        ".mov" => "video/quicktime",
        _ => OctetStream,
    };

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1_000_000 when bytes % 1_000_000 == 0 => $"{bytes / 1_000_000} MB",
        _ => $"{bytes:N0} bytes",
    };
}
