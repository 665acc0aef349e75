using System.Net.Http.Headers;

namespace Pyannote.Sdk.Http;

/// <summary>
/// Adds the vendor's authentication header: <c>Authorization: Bearer</c> for pyannoteAI and Together AI,
/// <c>x-api-key</c> for JigsawStack and NanoGPT. Only requests under the client's endpoint get it; a pre-signed
/// upload URL or any other host never sees the key.
/// </summary>
internal sealed class ApiKeyHandler : DelegatingHandler
{
    private readonly SpeechVendor _vendor;
    private readonly string _apiKey;
    private readonly Uri _endpoint;

    public ApiKeyHandler(SpeechVendor vendor, string apiKey, Uri endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _vendor = vendor;
        _apiKey = apiKey;
        _endpoint = endpoint;
    }

    /// <inheritdoc />
    public override string ToString() => $"{nameof(ApiKeyHandler)}({_vendor.DisplayName()}, key redacted)";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!SpeechRequestContext.For(request).Anonymous && IsUnderEndpoint(request.RequestUri))
        {
            if (UsesBearer(_vendor))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
            }
            else
            {
                request.Headers.Remove("x-api-key");
                request.Headers.TryAddWithoutValidation("x-api-key", _apiKey);
            }
        }
        else
        {
            // Another host (a pre-signed URL, a redirect target) or an anonymous request: never our key.
            if (request.Headers.Authorization is { Parameter: { } parameter } && parameter == _apiKey)
            {
                request.Headers.Authorization = null;
            }

            if (request.Headers.TryGetValues("x-api-key", out var values) && values.Contains(_apiKey, StringComparer.Ordinal))
            {
                request.Headers.Remove("x-api-key");
            }
        }

        return base.SendAsync(request, cancellationToken);
    }

    internal static bool UsesBearer(SpeechVendor vendor) => vendor is SpeechVendor.Pyannote or SpeechVendor.Together;

    private bool IsUnderEndpoint(Uri? uri) =>
        uri is not null
        && Uri.Compare(uri, _endpoint, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && uri.AbsolutePath.StartsWith(_endpoint.AbsolutePath, StringComparison.Ordinal);
}
