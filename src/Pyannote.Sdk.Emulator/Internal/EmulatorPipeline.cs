using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>The middleware in front of every endpoint: request log, faults, rate limits, per-vendor auth (each asked of the
/// request's <see cref="Vendor"/>).</summary>
internal sealed class EmulatorPipeline(EmulatorState state)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        var vendor = VendorOf(path);
        var arrived = state.Now;
        var requestId = Guid.NewGuid().ToString();
        context.Items["emulator.requestId"] = requestId;
        context.Response.Headers["X-Request-Id"] = requestId;
        context.Response.Headers["X-Emulator"] = "Pyannote.Sdk.Emulator";

        var rawFault = context.Request.Headers[SpeechEmulator.FaultHeader].ToString();
        if (string.IsNullOrWhiteSpace(rawFault))
        {
            rawFault = state.DequeueFault(path) ?? "";
        }

        FaultSet? faults = null;
        if (rawFault.Length > 0)
        {
            if (!FaultSet.TryParse(rawFault, out faults, out var error))
            {
                context.Response.StatusCode = 400;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync($"Invalid {SpeechEmulator.FaultHeader}: {error}", context.RequestAborted).ConfigureAwait(false);
                Log(context, vendor, path, arrived, rawFault);
                return;
            }
            context.Items["emulator.faults"] = faults;
        }

        try
        {
            await RunAsync(context, next, vendor, faults).ConfigureAwait(false);
        }
        catch (RequestBodyTooLargeException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await VendorErrors.WriteAsync(context, vendor, 413, $"Request body too large (the emulator reads at most {e.Limit} bytes of it).").ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel's own limits (the server-wide body backstop) or a body that ended early.
            context.Response.Clear();
            await VendorErrors.WriteAsync(context, vendor, e.StatusCode, e.StatusCode == 413 ? "Request body too large." : "Bad request body.").ConfigureAwait(false);
        }
        catch (InvalidDataException) when (!context.Response.HasStarted)
        {
            // A multipart body the reader refuses (section headers too long or too many, bad boundary).
            context.Response.Clear();
            await VendorErrors.WriteAsync(context, vendor, 400, "Malformed multipart body.").ConfigureAwait(false);
        }
        finally
        {
            Log(context, vendor, path, arrived, faults?.Raw);
        }
    }

    private async Task RunAsync(HttpContext context, RequestDelegate next, Vendor vendor, FaultSet? faults)
    {
        if (faults is { SlowHeadersMs: > 0 })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(faults.SlowHeadersMs), state.Options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
        }

        if (faults is { AbortBeforeHeaders: true })
        {
            context.Items["emulator.aborted"] = true;
            context.Abort();
            return;
        }

        // Every answer carries the rate-limit headers (as the vendors' do); reading them takes nothing from any window
        // and creates none. RateLimitAsync below updates them for accepted keys.
        vendor.WriteRateLimitHeaders(context, state);
        if (faults?.Status is { } status)
        {
            WriteRetryAfter(context, faults);
            vendor.OnInjectedStatus(context, state, faults, status);

            await VendorErrors.WriteAsync(context, vendor, status, faults.Message ?? DefaultMessage(status)).ConfigureAwait(false);
            return;
        }

        // Authenticate first: a request with a bad key gets its 401/403 and leaves no trace in the rate-limit state,
        // which is keyed only by keys the emulator accepts.
        if (!await vendor.AuthorizeAsync(context, state).ConfigureAwait(false))
        {
            return;
        }

        if (!await vendor.TakeRateLimitAsync(context, state).ConfigureAwait(false))
        {
            return;
        }

        if (faults is not { RewritesBody: true })
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }
        await WriteFaultedBodyAsync(context, captured.ToArray(), faults).ConfigureAwait(false);
    }

    private async Task WriteFaultedBodyAsync(HttpContext context, byte[] body, FaultSet faults)
    {
        var response = context.Response;
        if (faults.InvalidJson)
        {
            body = "{\"emulator\": \"invalid-json\", \"status\": <not json>"u8.ToArray();
        }
        else if (faults.WrongShape)
        {
            body = "{\"emulator\":\"wrong-shape\",\"jobId\":42,\"status\":{\"unexpected\":true},\"text\":[1,2,3],\"transcription\":false,\"chunks\":\"none\",\"items\":7,\"segments\":{}}"u8.ToArray();
        }

        if (faults.TruncatedJson)
        {
            body = body.AsSpan(0, body.Length / 2).ToArray();
        }

        if (faults.AbortDuringBody)
        {
            response.ContentLength = Math.Max(body.Length, 2);
            await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            // Give the client time to read the headers and the first half before the reset.
            await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted).ConfigureAwait(false);
            context.Items["emulator.aborted"] = true;
            context.Abort();
            return;
        }

        response.ContentLength = body.Length;
        if (faults.SlowBodyMs > 0)
        {
            var half = body.Length / 2;
            await response.Body.WriteAsync(body.AsMemory(0, half), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(faults.SlowBodyMs), state.Options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
            await response.Body.WriteAsync(body.AsMemory(half), context.RequestAborted).ConfigureAwait(false);
            return;
        }
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private void WriteRetryAfter(HttpContext context, FaultSet faults)
    {
        var headers = context.Response.Headers;
        if (faults.RetryAfterSeconds is { } seconds)
        {
            headers.RetryAfter = Math.Ceiling(seconds).ToString(CultureInfo.InvariantCulture);
        }

        if (faults.RetryAfterDateSeconds is { } dateSeconds)
        {
            headers.RetryAfter = (state.Now + TimeSpan.FromSeconds(dateSeconds)).ToString("R", CultureInfo.InvariantCulture);
        }

        if (faults.RetryAfterMs is { } ms)
        {
            headers["retry-after-ms"] = ms.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The <c>Authorization: Bearer</c> check of the vendors that use it: a missing or unknown key gets 401, with
    /// <c>missing_api_key</c>/<c>invalid_api_key</c> codes when <paramref name="withCode"/>.</summary>
    internal static async Task<bool> AuthorizeBearerAsync(HttpContext context, EmulatorState state, Vendor vendor, bool withCode)
    {
        var token = BearerToken(context.Request);
        if (state.IsValidKey(token))
        {
            return true;
        }

        var message = token is null ? "Missing API key. Send Authorization: Bearer <key>." : "Invalid API key.";
        var code = token is null ? "missing_api_key" : "invalid_api_key";
        await VendorErrors.WriteAsync(context, vendor, 401, message, code: withCode ? code : null).ConfigureAwait(false);
        return false;
    }

    internal static string? BearerToken(HttpRequest request)
    {
        var value = request.Headers.Authorization.ToString();
        if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value["Bearer ".Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private void Log(HttpContext context, Vendor vendor, string path, DateTimeOffset arrived, string? fault)
    {
        var aborted = context.Items.ContainsKey("emulator.aborted");
        if (state.Options.EnableConsoleLogging)
        {
            // The only request line --verbose prints: method, path and status. Never the query string (pre-signed
            // storage URLs carry their signature there, JigsawStack keys may travel there) and never a header.
            context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Pyannote.Sdk.Emulator")
                .LogInformation("{Method} {Path} -> {Status}{Fault}", context.Request.Method, path, aborted && !context.Response.HasStarted ? 0 : context.Response.StatusCode, fault is null ? "" : " (fault " + fault + ")");
        }
        state.Log(new EmulatorRequest(
            vendor.Key,
            context.Request.Method,
            path,
            aborted && !context.Response.HasStarted ? 0 : context.Response.StatusCode,
            fault,
            context.Request.Headers.ContainsKey("Authorization"),
            arrived));
    }

    internal static Vendor VendorOf(string path) => Vendor.Of(path);

    private static string DefaultMessage(int status) => status switch
    {
        400 => "Bad request (emulated fault)",
        401 => "Unauthorized (emulated fault)",
        402 => "Subscription is required (emulated fault)",
        403 => "Forbidden (emulated fault)",
        404 => "Not found (emulated fault)",
        408 => "Request timeout (emulated fault)",
        413 => "Payload too large (emulated fault)",
        429 => "Too many requests (emulated fault)",
        500 => "Internal server error (emulated fault)",
        502 => "Bad gateway (emulated fault)",
        503 => "Service unavailable (emulated fault)",
        504 => "Gateway timeout (emulated fault)",
        _ => $"Emulated fault {status}",
    };

    internal static FaultSet? Faults(HttpContext context) =>
        context.Items.TryGetValue("emulator.faults", out var f) ? f as FaultSet : null;
}
