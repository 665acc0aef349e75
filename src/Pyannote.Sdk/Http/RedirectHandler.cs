namespace Pyannote.Sdk.Http;

/// <summary>
/// Follows redirects itself (the SDK's transports never do), so that no credential leaves the vendor's host: each hop is
/// a fresh request without any authentication header, and <see cref="ApiKeyHandler"/> below adds the key again only
/// when the hop is still under the configured endpoint. 301/302 of a POST and 303 become a GET without a body (as
/// browsers and .NET do); 307/308 repeat the method and body, if the body can be sent again. At most
/// <see cref="MaxHops"/> hops; https is never downgraded to http.
/// </summary>
internal sealed class RedirectHandler : DelegatingHandler
{
    internal const int MaxHops = 10;

    /// <summary>Headers that carry credentials, never copied to the next hop.</summary>
    private static readonly string[] CredentialHeaders = ["Authorization", "Proxy-Authorization", "x-api-key", "api-key", "Cookie"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var current = request;
        for (var hop = 0; hop < MaxHops && Next(current, response) is { } next; hop++)
        {
            response.Dispose();
            if (!ReferenceEquals(current, request))
            {
                // The content is the caller's: detach it so disposing the hop's message leaves it alone.
                current.Content = null;
                current.Dispose();
            }

            current = next;
            // A redirect answer proves the previous hop did not process the request: the next hop is the SDK's own send.
            SpeechRequestContext.For(current).Sends.Allow();
            response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>The request for the next hop, or <see langword="null"/> when <paramref name="response"/> is not a redirect to follow.</summary>
    private static HttpRequestMessage? Next(HttpRequestMessage request, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || request.RequestUri is null)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri, location);
        if (!target.IsAbsoluteHttp() || (request.RequestUri.Scheme == Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var keepBody = status is 307 or 308 || (status is 301 or 302 && request.Method != HttpMethod.Post);
        if (status == 303 && request.Method == HttpMethod.Head)
        {
            keepBody = true;
        }

        if (keepBody && request.Content is AttemptContent { SendStarted: true } sent && !sent.Replayable)
        {
            return null;
        }

        var next = new HttpRequestMessage(keepBody ? request.Method : HttpMethod.Get, target)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
            Content = keepBody ? request.Content : null,
        };
        foreach (var header in request.Headers)
        {
            if (!CredentialHeaders.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)next.Options)[option.Key] = option.Value;
        }

        return next;
    }
}
