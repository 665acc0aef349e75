namespace Pyannote.Sdk.Http;

/// <summary>The one place that decides whether a URL is one the SDK may call or hand to a vendor to fetch.</summary>
internal static class UriRules
{
    /// <summary>Whether <paramref name="uri"/> is absolute with the http or https scheme.</summary>
    public static bool IsAbsoluteHttp(this Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
