namespace Pyannote.Sdk.Http;

/// <summary>The one place that strips secrets from text meant for logs, messages and traces.</summary>
internal static class Redaction
{
    /// <summary>A URL without its query string and fragment (pre-signed URLs carry their signature there) and without
    /// user information.</summary>
    public static string Url(string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        var head = cut < 0 ? url : url[..cut];
        var scheme = head.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var at = head.IndexOf('@', scheme + 3);
            var slash = head.IndexOf('/', scheme + 3);
            if (at >= 0 && (slash < 0 || at < slash))
            {
                head = head[..(scheme + 3)] + head[(at + 1)..];
            }
        }

        return cut < 0 ? head : head + "?[redacted]";
    }

    /// <summary>A URL without its query string, fragment and user information.</summary>
    // The original string keeps a literal "?" even for schemes (ftp, media) whose normalised form escapes it to %3F.
    public static string Url(Uri? url) => url is null ? string.Empty : Url(url.OriginalString);
}
