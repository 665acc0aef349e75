namespace Pyannote.Sdk.Http;

/// <summary>
/// Adds the vendor's authentication header, as its <see cref="VendorDescriptor.Auth"/> says (<c>Authorization: Bearer</c>
/// or a header of its own such as <c>x-api-key</c>). Only requests under the client's endpoint get it; a pre-signed
/// upload URL or any other host never sees the key.
/// </summary>
internal sealed class ApiKeyHandler : DelegatingHandler
{
    private readonly SpeechVendor _vendor;
    private readonly VendorAuth _auth;
    private readonly string _apiKey;
    private readonly Uri _endpoint;

    public ApiKeyHandler(SpeechVendor vendor, string apiKey, Uri endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _vendor = vendor;
        _auth = VendorDescriptor.For(vendor).Auth;
        _apiKey = apiKey;
        _endpoint = endpoint;
    }

    /// <inheritdoc />
    public override string ToString() => $"{nameof(ApiKeyHandler)}({_vendor.DisplayName()}, key redacted)";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!SpeechRequestContext.For(request).Anonymous && IsUnderEndpoint(request.RequestUri))
        {
            _auth.Apply(request, _apiKey);
            if (CallScope.Current?.Options is { Headers.Count: > 0 } call)
            {
                foreach (var (name, value) in call.Headers)
                {
                    request.Headers.Remove(name);
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }
        else if (request.Headers.TryGetValues(_auth.Header, out var values) && values.Any(v => v.Contains(_apiKey, StringComparison.Ordinal)))
        {
            // Another host (a pre-signed URL, a redirect target) or an anonymous request: never our key.
            request.Headers.Remove(_auth.Header);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private bool IsUnderEndpoint(Uri? uri) =>
        uri is not null
        && Uri.Compare(uri, _endpoint, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && uri.AbsolutePath.StartsWith(_endpoint.AbsolutePath, StringComparison.Ordinal);
}
