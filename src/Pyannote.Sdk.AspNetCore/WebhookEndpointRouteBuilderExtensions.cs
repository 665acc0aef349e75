using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pyannote.Sdk.AspNetCore;
using Pyannote.Sdk.Webhooks;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps endpoints that receive pyannoteAI and JigsawStack webhooks. Each checks what needs no body first (the signature
/// and timestamp headers, or the callback URL's token) and refuses a delivery that fails without reading its body; then
/// reads the raw body as it arrives, up to the lower of the options' <c>MaxBodyBytes</c> and the server's own
/// <c>MaxRequestBodySize</c> (raise the server's for this endpoint only with request size limit metadata, for example
/// <c>.WithMetadata(new RequestSizeLimitAttribute(n))</c>); verifies it, hands the typed event to your handler and answers
/// 200. A rejected delivery gets 400 (malformed), 401 (bad signature, stale timestamp, bad token) or 413 (too large),
/// with a body naming only the failed check. If the
/// handler throws, the answer is 500 so the vendor redelivers. pyannoteAI waits at most 10 seconds for the answer:
/// queue long work (for example in a <c>Channel</c> read by a hosted service) instead of doing it in the handler.
/// </summary>
public static class WebhookEndpointRouteBuilderExtensions
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

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to receive JigsawStack webhooks whose callback URL was made with
    /// <see cref="JigsawStackWebhook.CreateCallbackUrl(Uri, string, string)"/>; the token is checked against the
    /// <see cref="JigsawStackWebhookOptions"/> configured in dependency injection.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, for example <c>/webhooks/jigsawstack</c>.</param>
    /// <param name="handler">Called with each verified event, the request's context and its abort token.</param>
    /// <returns>A builder to add conventions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The configured options have no secret or break another rule.</exception>
    public static IEndpointConventionBuilder MapJigsawStackWebhook(this IEndpointRouteBuilder endpoints, string pattern, Func<JigsawStackWebhookEvent, HttpContext, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var monitor = endpoints.ServiceProvider.GetRequiredService<IOptionsMonitor<JigsawStackWebhookOptions>>();
        monitor.CurrentValue.Validate();
        return MapJigsawStack(endpoints, pattern, () => monitor.CurrentValue, handler);
    }

    /// <summary>Maps <c>POST <paramref name="pattern"/></c> to receive JigsawStack webhooks, checked with the options given.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, for example <c>/webhooks/jigsawstack</c>.</param>
    /// <param name="options">The secret(s) and body size limit.</param>
    /// <param name="handler">Called with each verified event, the request's context and its abort token.</param>
    /// <returns>A builder to add conventions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has no secret or breaks another rule.</exception>
    public static IEndpointConventionBuilder MapJigsawStackWebhook(this IEndpointRouteBuilder endpoints, string pattern, JigsawStackWebhookOptions options, Func<JigsawStackWebhookEvent, HttpContext, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return MapJigsawStack(endpoints, pattern, () => options, handler);
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

    private static IEndpointConventionBuilder MapJigsawStack(IEndpointRouteBuilder endpoints, string pattern, Func<JigsawStackWebhookOptions> options, Func<JigsawStackWebhookEvent, HttpContext, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapPost(pattern, context =>
        {
            var current = options();
            var query = context.Request.Query;
            var callback = new JigsawStackCallbackQuery
            {
                CorrelationId = query[JigsawStackWebhook.CorrelationIdParameter],
                Expires = query[JigsawStackWebhook.ExpiresParameter],
                Token = query[JigsawStackWebhook.TokenParameter],
            };
            string? expectedId = null;
            return WebhookReceiver.ReceiveAsync(
                context,
                "JigsawStack",
                current.MaxBodyBytes,
                async () =>
                {
                    JigsawStackWebhook.VerifyToken(callback, current);
                    if (current.ExpectedJobId is { } lookup)
                    {
                        expectedId = await lookup(callback.CorrelationId!, context.RequestAborted).ConfigureAwait(false);
                    }
                },
                body => JigsawStackWebhook.ConstructEvent(body, callback, current, expectedId),
                handler);
        });
    }
}
