namespace Pyannote.Sdk.Http;

/// <summary>The one place that strips secrets from text meant for logs, messages and traces.</summary>
internal static class Redaction
{
    /// <summary>A URL without its query string and fragment (pre-signed URLs carry their signature there).</summary>
    public static string Url(string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut] + "?[redacted]";
    }

    /// <summary>A URL without its query string and fragment.</summary>
    public static string Url(Uri? url) => url is null ? string.Empty : Url(url.ToString());
}
