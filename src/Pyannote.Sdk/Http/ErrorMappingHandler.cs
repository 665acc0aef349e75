using System.Globalization;
using System.Text.Json;

namespace Pyannote.Sdk.Http;

/// <summary>
/// Turns every non-success response into <see cref="SpeechApiException"/>, so callers (and the generated clients)
/// only ever see success responses. The one place that reads each vendor's error body.
/// </summary>
internal sealed class ErrorMappingHandler(SpeechVendor vendor) : DelegatingHandler
{
    private const int MaxErrorBodyChars = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(vendor, response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Builds the exception for a non-success response of <paramref name="vendor"/>.</summary>
    public static async Task<SpeechApiException> ToExceptionAsync(SpeechVendor vendor, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > MaxErrorBodyChars)
            {
                body = body[..MaxErrorBodyChars];
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
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

        return new SpeechApiException(vendor, status, message, requestId, parsed.Code, parsed.FieldErrors, RetryAfter(response));
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
    /// <c>{message, error}</c>; NanoGPT <c>{error: number|string|object, message, status}</c>.
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
                        code = error.GetRawText();
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
