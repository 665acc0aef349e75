using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Pyannote.Sdk.Http;

/// <summary>
/// Runs after every other configuration of the SDK's <c>IHttpClientFactory</c> clients (<c>Pyannote.Sdk.*</c>) and
/// makes the promises of the pipeline hold whatever the host added:
/// <list type="bullet">
/// <item>resilience handlers that app-wide defaults (<c>ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler())</c>,
/// Polly policy handlers) put outside the SDK's pipeline are taken out of the SDK's clients, with a warning: their retries
/// would repeat billed requests and their timeouts would silently override <see cref="SpeechClientOptions.NetworkTimeout"/>;
/// the SDK's own retries and timeouts apply instead;</item>
/// <item><see cref="BilledOnceHandler"/> goes innermost, under every handler the host added, so nothing repeats a billed request;</item>
/// <item>a primary handler that follows redirects is told not to (<see cref="RedirectHandler"/> follows them without credentials).</item>
/// </list>
/// </summary>
internal sealed class SpeechHandlerBuilderFilter(ILoggerFactory? loggerFactory = null) : IHttpMessageHandlerBuilderFilter
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>Handler types that retry or time out requests: Microsoft.Extensions.Http.Resilience and Microsoft.Extensions.Http.Polly.</summary>
    private static readonly string[] ResilienceHandlerTypes =
    [
        "Microsoft.Extensions.Http.Resilience.ResilienceHandler",
        "Microsoft.Extensions.Http.PolicyHttpMessageHandler",
    ];

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (VendorOf(builder.Name) is not { } vendor)
        {
            return;
        }

        var handlers = builder.AdditionalHandlers;
        var sdkStart = -1;
        for (var i = 0; i < handlers.Count; i++)
        {
            if (handlers[i] is ErrorMappingHandler)
            {
                sdkStart = i;
                break;
            }
        }

        var removed = new List<string>();
        for (var i = sdkStart - 1; i >= 0; i--)
        {
            var type = handlers[i].GetType();
            if (ResilienceHandlerTypes.Contains(type.FullName, StringComparer.Ordinal))
            {
                removed.Add(type.Name);
                handlers.RemoveAt(i);
            }
        }

        bool first;
        lock (_warned)
        {
            first = _warned.Add(builder.Name!);
        }

        if (removed.Count > 0 && first)
        {
            var logger = loggerFactory?.CreateLogger(PipelineLog.Category);
            if (logger is not null)
            {
                PipelineLog.OuterResilienceRemoved(logger, vendor.Key(), builder.Name!, string.Join(", ", removed));
            }
        }

        handlers.Add(new BilledOnceHandler(vendor));

        try
        {
            switch (builder.PrimaryHandler)
            {
                case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler { AllowAutoRedirect: true } classic:
                    classic.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (InvalidOperationException)
        {
            // A handler that already sent requests cannot change; options validation refuses such a Transport up front.
        }
    };

    private static SpeechVendor? VendorOf(string? clientName)
    {
        if (clientName is null || !clientName.StartsWith("Pyannote.Sdk.", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var vendor in Enum.GetValues<SpeechVendor>())
        {
            if (string.Equals(clientName, "Pyannote.Sdk." + vendor.Key(), StringComparison.Ordinal))
            {
                return vendor;
            }
        }

        return null;
    }
}
