using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.AspNetCore;

/// <summary>The one request pipeline of every webhook endpoint: bounded read, verify, handle, answer.</summary>
internal static class WebhookReceiver
{
    internal delegate TEvent Verify<TEvent>(ReadOnlySpan<byte> body);

    public static async Task ReceiveAsync<TEvent>(HttpContext context, string vendor, long maxBodyBytes, Verify<TEvent> verify, Func<TEvent, HttpContext, CancellationToken, Task> handler)
    {
        var logger = context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Pyannote.Sdk.AspNetCore.Webhooks") ?? NullLogger.Instance;
        var cancellationToken = context.RequestAborted;

        var body = await ReadBodyAsync(context.Request, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            logger.LogWarning("Rejected a {Vendor} webhook: the body is larger than {Max} bytes.", vendor, maxBodyBytes);
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, WebhookFailureReason.BodyTooLarge).ConfigureAwait(false);
            return;
        }

        TEvent evt;
        try
        {
            evt = verify(body);
        }
        catch (WebhookVerificationException ex)
        {
            var status = ex.Reason == WebhookFailureReason.BodyTooLarge ? StatusCodes.Status413PayloadTooLarge
                : ex.IsAuthenticationFailure ? StatusCodes.Status401Unauthorized
                : StatusCodes.Status400BadRequest;
            logger.LogWarning("Rejected a {Vendor} webhook ({Reason}): {Message}", vendor, ex.Reason, ex.Message);
            await RejectAsync(context, status, ex.Reason).ConfigureAwait(false);
            return;
        }

        try
        {
            await handler(evt, context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The vendor redelivers on a non-2xx answer, so a failing handler gets another chance.
            logger.LogError(ex, "The {Vendor} webhook handler failed for {Event}.", vendor, evt);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }

            return;
        }

        if (!context.Response.HasStarted && context.Response.StatusCode == StatusCodes.Status200OK && context.Response.ContentLength is null)
        {
            context.Response.ContentLength = 0;
        }
    }

    private static Task RejectAsync(HttpContext context, int status, WebhookFailureReason reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Webhook rejected: " + reason, context.RequestAborted);
    }

    /// <summary>Reads the whole body, or returns null as soon as it exceeds <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long max, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > max)
        {
            return null;
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false } && (sizeFeature.MaxRequestBodySize is null || sizeFeature.MaxRequestBodySize < max + 1))
        {
            // Let the server read up to our own limit; the check below stops at it.
            sizeFeature.MaxRequestBodySize = max + 1;
        }

        var capacity = (int)Math.Min(request.ContentLength ?? 16 * 1024, max + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        return null;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
