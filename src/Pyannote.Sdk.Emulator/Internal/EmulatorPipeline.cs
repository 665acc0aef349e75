using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>The middleware in front of every endpoint: request log, faults, rate limits, per-vendor auth.</summary>
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
        WriteRateLimitHeaders(context, vendor);
        if (faults?.Status is { } status)
        {
            WriteRetryAfter(context, faults);
            if (status == 429 && vendor == Vendor.Pyannote && !context.Response.Headers.ContainsKey("X-RateLimit-Reset"))
            {
                context.Response.Headers["X-RateLimit-Reset"] = (state.Now + TimeSpan.FromSeconds(faults.RetryAfterSeconds ?? 60)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            }

            await VendorErrors.WriteAsync(context, vendor, status, faults.Message ?? DefaultMessage(status)).ConfigureAwait(false);
            return;
        }

        // Authenticate first: a request with a bad key gets its 401/403 and leaves no trace in the rate-limit state,
        // which is keyed only by keys the emulator accepts.
        if (!await AuthorizeAsync(context, vendor).ConfigureAwait(false))
        {
            return;
        }

        if (!await RateLimitAsync(context, vendor).ConfigureAwait(false))
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

    private async Task<bool> RateLimitAsync(HttpContext context, Vendor vendor)
    {
        var headers = context.Response.Headers;
        if (vendor == Vendor.Pyannote)
        {
            var (remaining, reset) = state.TakePyannote(BearerToken(context.Request) ?? "");
            headers["X-RateLimit-Limit"] = state.Options.PyannoteRequestsPerMinute.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
            if (remaining < 0)
            {
                headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((reset - state.Now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await VendorErrors.WriteAsync(context, vendor, 429, "Too many requests").ConfigureAwait(false);
                return false;
            }
        }
        else if (vendor == Vendor.JigsawStack)
        {
            var (remaining, reset) = state.TakeJigsawStack();
            headers["x-jigsaw-rate-limit-limit"] = state.Options.JigsawStackRequestsPerSecond.ToString(CultureInfo.InvariantCulture);
            headers["x-jigsaw-rate-limit-remaining"] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
            headers["x-jigsaw-rate-limit-reset"] = reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            if (remaining < 0)
            {
                headers.RetryAfter = "1";
                await VendorErrors.WriteAsync(context, vendor, 429, "Rate limit exceeded").ConfigureAwait(false);
                return false;
            }
        }
        return true;
    }

    private void WriteRateLimitHeaders(HttpContext context, Vendor vendor)
    {
        var headers = context.Response.Headers;
        if (vendor == Vendor.Pyannote)
        {
            var key = BearerToken(context.Request);
            var remaining = state.IsValidKey(key) ? state.PeekPyannote(key!) : state.Options.PyannoteRequestsPerMinute;
            headers["X-RateLimit-Limit"] = state.Options.PyannoteRequestsPerMinute.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        }
        else if (vendor == Vendor.JigsawStack)
        {
            var (remaining, reset) = state.PeekJigsawStack();
            headers["x-jigsaw-rate-limit-limit"] = state.Options.JigsawStackRequestsPerSecond.ToString(CultureInfo.InvariantCulture);
            headers["x-jigsaw-rate-limit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["x-jigsaw-rate-limit-reset"] = reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }
    }

    private async Task<bool> AuthorizeAsync(HttpContext context, Vendor vendor)
    {
        var request = context.Request;
        switch (vendor)
        {
            case Vendor.Pyannote:
            case Vendor.Together:
                {
                    var token = BearerToken(request);
                    if (state.IsValidKey(token))
                    {
                        return true;
                    }

                    var message = token is null ? "Missing API key. Send Authorization: Bearer <key>." : "Invalid API key.";
                    var code = token is null ? "missing_api_key" : "invalid_api_key";
                    await VendorErrors.WriteAsync(context, vendor, 401, message, code: vendor == Vendor.Together ? code : null).ConfigureAwait(false);
                    return false;
                }
            case Vendor.JigsawStack:
                {
                    string? key = request.Headers["x-api-key"].ToString();
                    if (string.IsNullOrEmpty(key))
                    {
                        key = request.Query["x-api-key"].ToString();
                    }

                    if (string.IsNullOrEmpty(key))
                    {
                        await VendorErrors.WriteAsync(context, vendor, 401, "Missing API key. Send the x-api-key header.").ConfigureAwait(false);
                        return false;
                    }
                    if (state.IsValidKey(key))
                    {
                        return true;
                    }

                    await VendorErrors.WriteAsync(context, vendor, 403, "Invalid API key.").ConfigureAwait(false);
                    return false;
                }
            case Vendor.NanoGpt:
                {
                    var key = request.Headers["x-api-key"].ToString();
                    if (string.IsNullOrEmpty(key))
                    {
                        key = BearerToken(request) ?? "";
                    }

                    if (state.IsValidKey(key))
                    {
                        return true;
                    }

                    await VendorErrors.WriteAsync(context, vendor, 401, key.Length == 0 ? "API key required" : "Invalid API key").ConfigureAwait(false);
                    return false;
                }
            default:
                return true;
        }
    }

    private static string? BearerToken(HttpRequest request)
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
            VendorName(vendor),
            context.Request.Method,
            path,
            aborted && !context.Response.HasStarted ? 0 : context.Response.StatusCode,
            fault,
            context.Request.Headers.ContainsKey("Authorization"),
            arrived));
    }

    internal static Vendor VendorOf(string path)
    {
        var segment = path.TrimStart('/');
        var slash = segment.IndexOf('/');
        if (slash >= 0)
        {
            segment = segment[..slash];
        }

        return segment.ToLowerInvariant() switch
        {
            "pyannote" => Vendor.Pyannote,
            "together" => Vendor.Together,
            "jigsawstack" => Vendor.JigsawStack,
            "nanogpt" => Vendor.NanoGpt,
            "storage" => Vendor.Storage,
            _ => Vendor.None,
        };
    }

    internal static string VendorName(Vendor vendor) => vendor switch
    {
        Vendor.Pyannote => "pyannote",
        Vendor.Together => "together",
        Vendor.JigsawStack => "jigsawstack",
        Vendor.NanoGpt => "nanogpt",
        Vendor.Storage => "storage",
        _ => "",
    };

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
