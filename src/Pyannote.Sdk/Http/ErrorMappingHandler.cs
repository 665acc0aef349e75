using System.Globalization;
using System.Text.Json;
using Pyannote.Sdk.Diagnostics;

namespace Pyannote.Sdk.Http;

/// <summary>
/// Turns every non-success response into <see cref="SpeechApiException"/>, so callers (and the generated clients)
/// only ever see success responses, and a request that got no answer (refused, unresolved, broken connection) into
/// <see cref="SpeechTransportException"/> naming the vendor, endpoint and attempts. The one place that reads each
/// vendor's error body.
/// </summary>
internal sealed class ErrorMappingHandler(SpeechVendor vendor, long maxResponseBodySize = SpeechClientOptions.DefaultMaxResponseBodySize) : DelegatingHandler
{
    /// <summary>The most of an error body that is read: the vendors' error documents are a few hundred bytes.</summary>
    internal const int MaxErrorBodyBytes = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        if (RequestState.For(request) is null)
        {
            request.Options.Set(RequestState.Key, new RequestState());
        }

        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw ToTransportException(vendor, request, ex);
        }

        // The state stays on the request: a body that breaks off later is reported with the attempts made.
        RateLimitMetrics.Record(vendor, SpeechRateLimit.FromResponse(response));

        if (response.IsSuccessStatusCode)
        {
            if (!SpeechRequestContext.For(request).Anonymous)
            {
                CallScope.Record(response);
            }

            var operation = SpeechRequestContext.For(request).Operation;
            if (response.Content.Headers.ContentLength is { } declared && declared > maxResponseBodySize)
            {
                response.Dispose();
                throw BoundedContent.TooLong(vendor, (int)response.StatusCode, operation, maxResponseBodySize, declared);
            }

            response.Content = new BoundedContent(response.Content, maxResponseBodySize, vendor, (int)response.StatusCode, operation);
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(vendor, response, cancellationToken, SpeechRequestContext.For(request).Operation).ConfigureAwait(false);
        }
    }

    /// <summary>Wraps a transport failure of <paramref name="request"/>: attempts from the request's state, and
    /// whether the vendor may have received it (not when the connection was never made).</summary>
    public static SpeechTransportException ToTransportException(SpeechVendor vendor, HttpRequestMessage? request, Exception failure)
    {
        var state = request is null ? null : RequestState.For(request);
        return new(
            vendor,
            request is null ? SpeechRequestContext.CurrentOperation : SpeechRequestContext.For(request).Operation,
            request is null ? null : Redaction.Url(request.RequestUri),
            Math.Max(1, state?.Attempts ?? 1),
            vendorMayHaveReceived: !RetryHandler.IsConnectFailure(failure) || state is { LastAttemptSendStarted: true },
            failure);
    }

    /// <summary>Builds the exception for a non-success response of <paramref name="vendor"/>.</summary>
    public static async Task<SpeechApiException> ToExceptionAsync(SpeechVendor vendor, HttpResponseMessage response, CancellationToken cancellationToken, string? operation = null)
    {
        string body;
        try
        {
            body = await ReadPrefixAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SpeechTimeoutException)
        {
            body = string.Empty;
        }

        var status = (int)response.StatusCode;
        var parsed = VendorDescriptor.For(vendor).ParseErrorBody(body);
        var requestId = parsed.RequestId ?? Header(response, "x-request-id") ?? Header(response, "request-id");
        var message = parsed.Message;
        if (message is null && body.Length > 0 && !LooksLikeMarkup(body))
        {
            message = body.Length > 500 ? body[..500] + "…" : body;
        }

        var exception = new SpeechApiException(vendor, status, message, requestId, parsed.Code, parsed.FieldErrors, RetryAfter(response), operation: operation);
        return VendorDescriptor.For(vendor).RefineException is { } refine ? refine(exception, body) : exception;
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> of a body as UTF-8 and stops, however long the body is.</summary>
    internal static async Task<string> ReadPrefixAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[maxBytes];
        var read = 0;
        int n;
        while (read < maxBytes && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        // A character cut at the limit decodes to U+FFFD; the rest of the body is never read.
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Reads <c>retry-after-ms</c>, then <c>Retry-After</c> as seconds or as an HTTP date (measured from the
    /// response's <c>Date</c> header, else from <paramref name="time"/>'s clock). The one place that parses them.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider? time = null)
    {
        if (Header(response, "retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var msValue) && msValue >= 0 && !double.IsInfinity(msValue))
        {
            return TimeSpan.FromMilliseconds(Math.Min(msValue, TimeSpan.FromDays(1).TotalMilliseconds));
        }

        var ra = response.Headers.RetryAfter;
        if (ra?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (ra?.Date is { } date)
        {
            var wait = date - (response.Headers.Date ?? (time ?? TimeProvider.System).GetUtcNow());
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static bool LooksLikeMarkup(string body) => body.TrimStart().StartsWith('<');

    /// <summary>
    /// Reads the error shapes of all four vendors leniently: pyannoteAI <c>{message, errors[{field,message}]}</c> and
    /// <c>{requestId, message}</c>; Together and OpenAI-style <c>{error:{message,type,param,code}}</c>; JigsawStack
    /// <c>{message, error}</c>; NanoGPT <c>{error: number|string|object, message, status}</c> (a numeric <c>error</c> is the
    /// status repeated, not a code).
    /// </summary>
    internal static (string? Message, string? Code, string? RequestId, IReadOnlyList<SpeechFieldError>? FieldErrors) ParseBody(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || LooksLikeMarkup(body))
        {
            return default;
        }

        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            string? message = Str(root, "message");
            string? code = null;
            var requestId = Str(root, "requestId") ?? Str(root, "request_id");
            List<SpeechFieldError>? fields = null;

            if (root.TryGetProperty("error", out var error))
            {
                switch (error.ValueKind)
                {
                    case JsonValueKind.Object:
                        message ??= Str(error, "message");
                        code = Str(error, "code") ?? Str(error, "type");
                        break;
                    case JsonValueKind.String:
                        // NanoGPT's legacy shape puts the message in "error"; JigsawStack puts a code-like text there.
                        if (message is null)
                        {
                            message = error.GetString();
                        }
                        else
                        {
                            code = error.GetString();
                        }

                        break;
                    case JsonValueKind.Number:
                        // NanoGPT's documented shape repeats the HTTP status here ({error: 413}); that is no error code.
                        break;
                }
            }

            code ??= Str(root, "code");
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                fields = new List<SpeechFieldError>();
                foreach (var e in errors.EnumerateArray())
                {
                    if (e.ValueKind == JsonValueKind.Object)
                    {
                        fields.Add(new SpeechFieldError(Str(e, "field") ?? string.Empty, Str(e, "message") ?? string.Empty));
                    }
                }
            }

            return (message, code, requestId, fields);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
