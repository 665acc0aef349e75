using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pyannote.Sdk.AspNetCore;
using Pyannote.Sdk.Webhooks;

namespace Microsoft.AspNetCore.Builder;

// The PyannoteAI webhook endpoints (the shared receive loop is WebhookReceiver).
public static partial class WebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to receive pyannoteAI webhooks, verified with the
    /// <see cref="PyannoteWebhookOptions"/> configured in dependency injection (for example
    /// <c>services.Configure&lt;PyannoteWebhookOptions&gt;(configuration.GetSection("Pyannote:Webhooks"))</c>). The
    /// options are read for every delivery, so a reloaded configuration (secret rotation) applies at once.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, for example <c>/webhooks/pyannote</c>.</param>
    /// <param name="handler">Called with each verified event, the request's context and its abort token.</param>
    /// <returns>A builder to add conventions (authorization is not needed; the signature is the authentication).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The configured options have no secret or break another rule.</exception>
    public static IEndpointConventionBuilder MapPyannoteWebhook(this IEndpointRouteBuilder endpoints, string pattern, Func<PyannoteWebhookEvent, HttpContext, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var monitor = endpoints.ServiceProvider.GetRequiredService<IOptionsMonitor<PyannoteWebhookOptions>>();
        monitor.CurrentValue.Validate();
        return MapPyannote(endpoints, pattern, () => monitor.CurrentValue, handler);
    }

    /// <summary>Maps <c>POST <paramref name="pattern"/></c> to receive pyannoteAI webhooks, verified with the options given.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, for example <c>/webhooks/pyannote</c>.</param>
    /// <param name="options">The secret(s), tolerance, encodings and body size limit.</param>
    /// <param name="handler">Called with each verified event, the request's context and its abort token.</param>
    /// <returns>A builder to add conventions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has no secret or breaks another rule.</exception>
    public static IEndpointConventionBuilder MapPyannoteWebhook(this IEndpointRouteBuilder endpoints, string pattern, PyannoteWebhookOptions options, Func<PyannoteWebhookEvent, HttpContext, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return MapPyannote(endpoints, pattern, () => options, handler);
    }

    private static IEndpointConventionBuilder MapPyannote(IEndpointRouteBuilder endpoints, string pattern, Func<PyannoteWebhookOptions> options, Func<PyannoteWebhookEvent, HttpContext, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapPost(pattern, context =>
        {
            var current = options();
            var headers = context.Request.Headers;
            var webhookHeaders = new PyannoteWebhookHeaders
            {
                Signature = headers[PyannoteWebhookHeaders.SignatureName].ToString(),
                Timestamp = headers[PyannoteWebhookHeaders.TimestampName].ToString(),
                RetryNumber = headers[PyannoteWebhookHeaders.RetryNumberName].ToString(),
                RetryReason = headers[PyannoteWebhookHeaders.RetryReasonName].ToString(),
            };
            return WebhookReceiver.ReceiveAsync(
                context,
                "pyannoteAI",
                current.MaxBodyBytes,
                () =>
                {
                    PyannoteWebhook.ValidateHeaders(webhookHeaders, current);
                    return ValueTask.CompletedTask;
                },
                body => PyannoteWebhook.ConstructEvent(body, webhookHeaders, current),
                handler);
        });
    }
}
