using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.AspNetCore;

/// <summary>
/// The one request pipeline of every webhook endpoint: check what needs no body (headers, query), read the body
/// incrementally within the lower of our limit and the server's, verify, handle, answer.
/// </summary>
internal static class WebhookReceiver
{
    /// <summary>Buffers up to this size come from (and go back to) the shared pool; larger ones are plain arrays the
    /// GC reclaims, so one big delivery cannot leave the pool holding its buffer for the life of the process.</summary>
    internal const int MaxPooledBufferBytes = 1024 * 1024;

    /// <summary>The first buffer: enough for a typical delivery; it grows by doubling as bytes actually arrive.</summary>
    internal const int InitialBufferBytes = 16 * 1024;

    internal delegate TEvent Verify<TEvent>(ReadOnlySpan<byte> body);

    public static async Task ReceiveAsync<TEvent>(HttpContext context, string vendor, long maxBodyBytes, Func<ValueTask> checkBeforeBody, Verify<TEvent> verify, Func<TEvent, HttpContext, CancellationToken, Task> handler)
    {
        var logger = context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Pyannote.Sdk.AspNetCore.Webhooks") ?? NullLogger.Instance;
        var cancellationToken = context.RequestAborted;

        try
        {
            // Headers (or the callback URL's token) first: a delivery that cannot verify is refused unread.
            await checkBeforeBody().ConfigureAwait(false);
        }
        catch (WebhookVerificationException ex)
        {
            await RejectAsync(context, logger, vendor, ex).ConfigureAwait(false);
            return;
        }

        var limit = EffectiveLimit(context, maxBodyBytes);
        PooledBody? body;
        try
        {
            body = await ReadBodyAsync(context.Request, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit tripped mid-body (a chunked body has no Content-Length to refuse up front).
            body = null;
        }
        catch (BadHttpRequestException ex)
        {
            logger.LogWarning("Rejected a {Vendor} webhook: the request body could not be read ({Status}).", vendor, ex.StatusCode);
            await WriteRejectionAsync(context, StatusCodes.Status400BadRequest, WebhookFailureReason.MalformedBody).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            return; // the sender went away
        }

        if (body is null)
        {
            logger.LogWarning("Rejected a {Vendor} webhook: the body is larger than {Max} bytes.", vendor, limit);
            await WriteRejectionAsync(context, StatusCodes.Status413PayloadTooLarge, WebhookFailureReason.BodyTooLarge).ConfigureAwait(false);
            return;
        }

        TEvent evt;
        try
        {
            evt = verify(body.Span);
        }
        catch (WebhookVerificationException ex)
        {
            await RejectAsync(context, logger, vendor, ex).ConfigureAwait(false);
            return;
        }
        finally
        {
            body.Dispose();
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

    /// <summary>
    /// The body limit that applies: the lower of the endpoint's option and the server's <c>MaxRequestBodySize</c>. The
    /// server's limit is raised only when the app asked for it on this endpoint (request size limit metadata, for
    /// example <c>.WithMetadata(new RequestSizeLimitAttribute(n))</c> or <c>DisableRequestSizeLimitAttribute</c>).
    /// </summary>
    internal static long EffectiveLimit(HttpContext context, long maxBodyBytes)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is null)
        {
            return maxBodyBytes;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } optIn && !feature.IsReadOnly)
        {
            feature.MaxRequestBodySize = optIn.MaxRequestBodySize;
        }

        return feature.MaxRequestBodySize is { } server ? Math.Min(server, maxBodyBytes) : maxBodyBytes;
    }

    private static Task RejectAsync(HttpContext context, ILogger logger, string vendor, WebhookVerificationException ex)
    {
        var status = ex.Reason == WebhookFailureReason.BodyTooLarge ? StatusCodes.Status413PayloadTooLarge
            : ex.IsAuthenticationFailure ? StatusCodes.Status401Unauthorized
            : StatusCodes.Status400BadRequest;
        logger.LogWarning("Rejected a {Vendor} webhook ({Reason}): {Message}", vendor, ex.Reason, ex.Message);
        return WriteRejectionAsync(context, status, ex.Reason);
    }

    private static Task WriteRejectionAsync(HttpContext context, int status, WebhookFailureReason reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Webhook rejected: " + reason, context.RequestAborted);
    }

    /// <summary>
    /// Reads the whole body into a buffer that grows as bytes arrive (never sized from <c>Content-Length</c>, which the
    /// sender controls), or returns null as soon as the body is known to exceed <paramref name="max"/> bytes.
    /// </summary>
    internal static async Task<PooledBody?> ReadBodyAsync(HttpRequest request, long max, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > max)
        {
            return null;
        }

        var body = new PooledBody((int)Math.Min(InitialBufferBytes, max + 1));
        try
        {
            while (true)
            {
                if (body.IsFull && !body.TryGrow(max + 1))
                {
                    body.Dispose();
                    return null;
                }

                var read = await request.Body.ReadAsync(body.FreeSpace, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return body;
                }

                body.Advance(read);
                if (body.Length > max)
                {
                    body.Dispose();
                    return null;
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>A growable byte buffer: pooled while small, a plain array once it passes <see cref="MaxPooledBufferBytes"/>.</summary>
    internal sealed class PooledBody : IDisposable
    {
        private byte[] _buffer;

        public PooledBody(int initialCapacity)
        {
            _buffer = Rent(Math.Max(1, initialCapacity));
        }

        public int Length { get; private set; }

        public int Capacity => _buffer.Length;

        public bool IsFull => Length == _buffer.Length;

        public Memory<byte> FreeSpace => _buffer.AsMemory(Length);

        public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

        public void Advance(int count) => Length += count;

        /// <summary>Doubles the buffer, up to <paramref name="cap"/> bytes; false when it is already that large.</summary>
        public bool TryGrow(long cap)
        {
            if (_buffer.Length >= cap)
            {
                return false;
            }

            var bigger = Rent((int)Math.Min(Math.Min((long)_buffer.Length * 2, cap), Array.MaxLength));
            _buffer.AsSpan(0, Length).CopyTo(bigger);
            Return(_buffer);
            _buffer = bigger;
            return true;
        }

        public void Dispose()
        {
            var buffer = Interlocked.Exchange(ref _buffer, Array.Empty<byte>());
            Return(buffer);
            Length = 0;
        }

        private static byte[] Rent(int size) => size <= MaxPooledBufferBytes ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];

        // Only buffers the pool could have handed out go back; a large one is left to the GC.
        private static void Return(byte[] buffer)
        {
            if (buffer.Length is > 0 and <= MaxPooledBufferBytes)
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }
    }
}
