using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pyannote.Sdk.DependencyInjection;

namespace Pyannote.Sdk.Http;

/// <summary>
/// The one HTTP pipeline of every vendor client, whether built directly (<c>new TogetherClient(apiKey)</c>) or through
/// dependency injection (the same handlers are added to the <c>IHttpClientFactory</c> client). Outermost first:
/// <list type="number">
/// <item><see cref="ErrorMappingHandler"/>: the final non-success response becomes <see cref="SpeechApiException"/>.</item>
/// <item><see cref="TelemetryHandler"/>: one span, log event and measurement per request, retries included.</item>
/// <item><see cref="RetryHandler"/>: repeats transient failures that are safe to repeat; sees raw responses.</item>
/// <item><see cref="TimeoutHandler"/>: per-attempt network timeout (not over an upload's body) and upload timeout.</item>
/// <item><see cref="RedirectHandler"/>: follows redirects as fresh requests without credentials.</item>
/// <item><see cref="ApiKeyHandler"/>: the vendor's authentication header, per attempt and hop, only under the endpoint.</item>
/// <item>(dependency injection: handlers added with <c>ConfigureHttpClient(vendor, …)</c>)</item>
/// <item><see cref="BilledOnceHandler"/>: a billed request reaches the transport once per call, plus the SDK's own retries.</item>
/// </list>
/// Then the transport (<see cref="SpeechClientOptions.Transport"/> or a pooled <see cref="SocketsHttpHandler"/> that
/// does not follow redirects).
/// </summary>
internal static class SpeechHttpPipeline
{
    /// <summary>The SDK's handlers for one vendor, outermost first, not yet chained.</summary>
    public static IReadOnlyList<DelegatingHandler> CreateHandlers(SpeechVendor vendor, string apiKey, SpeechClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = CreateLogger(options.LoggerFactory);
        return
        [
            new ErrorMappingHandler(vendor, options.MaxResponseBodySize),
            new TelemetryHandler(vendor, options, logger),
            new RetryHandler(vendor, options, logger),
            new TimeoutHandler(vendor, options, logger),
            new RedirectHandler(),
            new ApiKeyHandler(vendor, apiKey, options.EffectiveEndpoint),
        ];
    }

    /// <summary>Chains the handlers over <see cref="SpeechClientOptions.Transport"/> (or a pooled socket handler) into an <see cref="HttpClient"/>.</summary>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> breaks a rule (for example a non-positive timeout).</exception>
    public static HttpClient CreateHttpClient(SpeechVendor vendor, string apiKey, SpeechClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireApiKey(vendor, apiKey);
        options.ThrowIfInvalid(nameof(options));
        HttpMessageHandler handler = options.Transport ?? CreateDefaultTransport();

        var handlers = new List<DelegatingHandler>(CreateHandlers(vendor, apiKey, options)) { new BilledOnceHandler(vendor) };
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
        PipelineCredentials.Attach(client, apiKey);
        return client;
    }

    /// <summary>Checks a constructor's API key; the message names the vendor and the environment variable that
    /// usually holds it, and never the value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="apiKey"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is empty or white space.</exception>
    public static void RequireApiKey(SpeechVendor vendor, string? apiKey)
    {
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            return;
        }

        var variable = SpeechConfiguration.ApiKeyVariable(vendor);
        var message = $"The {vendor.DisplayName()} API key is {(apiKey is null ? "null" : "empty or white space")}. Pass the key to the constructor, for example Environment.GetEnvironmentVariable(\"{variable}\") with {variable} set, or register the client with services.AddSpeechClients(...), which reads {variable} itself.";
        throw apiKey is null ? new ArgumentNullException(nameof(apiKey), message) : new ArgumentException(message, nameof(apiKey));
    }

    /// <summary>The transport used when the caller gives none.</summary>
    public static SocketsHttpHandler CreateDefaultTransport() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        // RedirectHandler follows redirects, without the key on any other host.
        AllowAutoRedirect = false,
    };

    private static ILogger CreateLogger(ILoggerFactory? factory) =>
        factory?.CreateLogger(PipelineLog.Category) ?? NullLogger.Instance;
}
