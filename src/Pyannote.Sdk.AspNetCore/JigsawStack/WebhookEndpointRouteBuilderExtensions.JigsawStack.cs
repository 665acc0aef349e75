using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pyannote.Sdk.AspNetCore;
using Pyannote.Sdk.Webhooks;

namespace Microsoft.AspNetCore.Builder;

// The JigsawStack webhook endpoints (the shared receive loop is WebhookReceiver).
public static partial class WebhookEndpointRouteBuilderExtensions
{
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
