namespace Pyannote.Sdk.Http;

/// <summary>
/// The one HTTP pipeline of every vendor client, whether built directly (<c>new TogetherClient(apiKey)</c>) or through
/// dependency injection: error mapping, then authentication, over the transport. Outermost first.
/// </summary>
internal static class SpeechHttpPipeline
{
    /// <summary>The SDK's handlers for one vendor, outermost first, not yet chained.</summary>
    public static IReadOnlyList<DelegatingHandler> CreateHandlers(SpeechVendor vendor, string apiKey, SpeechClientOptions options) =>
    [
        new ErrorMappingHandler(vendor),
        new ApiKeyHandler(vendor, apiKey, options.EffectiveEndpoint),
    ];

    /// <summary>Chains the handlers over <see cref="SpeechClientOptions.Transport"/> (or a pooled socket handler) into an <see cref="HttpClient"/>.</summary>
    public static HttpClient CreateHttpClient(SpeechVendor vendor, string apiKey, SpeechClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        HttpMessageHandler handler = options.Transport ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };

        var handlers = CreateHandlers(vendor, apiKey, options);
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = handler;
            handler = handlers[i];
        }

        // The caller's transport is theirs to dispose; our own handlers are disposed with the client.
        var client = new HttpClient(handler, disposeHandler: options.Transport is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return client;
    }
}
