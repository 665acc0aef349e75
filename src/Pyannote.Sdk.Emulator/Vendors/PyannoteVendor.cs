using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Pyannote.Sdk.Emulator.Vendors;

namespace Pyannote.Sdk.Emulator.Internal;

// The pyannoteAI module as the shared pipeline sees it (see Vendor): Bearer keys, a sliding per-key minute limit,
// media:// and pre-signed storage URLs.
internal sealed partial class Vendor
{
    public static Vendor Pyannote { get; } = Add(new("pyannote")
    {
        DisplayName = "pyannoteAI",
        Order = 0,
        ErrorBody = PyannoteError,
        AuthorizeAsync = static (context, state) => EmulatorPipeline.AuthorizeBearerAsync(context, state, Pyannote!, withCode: false),
        WriteRateLimitHeaders = static (context, state) =>
        {
            var key = EmulatorPipeline.BearerToken(context.Request);
            var limit = state.Options.PyannoteRequestsPerMinute;
            var remaining = state.IsValidKey(key) ? state.PeekKeyedMinute(key!, limit) : limit;
            context.Response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        },
        TakeRateLimitAsync = static async (context, state) =>
        {
            var headers = context.Response.Headers;
            var limit = state.Options.PyannoteRequestsPerMinute;
            var (remaining, reset) = state.TakeKeyedMinute(EmulatorPipeline.BearerToken(context.Request) ?? "", limit);
            headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
            if (remaining < 0)
            {
                headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((reset - state.Now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await VendorErrors.WriteAsync(context, Pyannote!, 429, "Too many requests").ConfigureAwait(false);
                return false;
            }

            return true;
        },
        OnInjectedStatus = static (context, state, faults, status) =>
        {
            if (status == 429 && !context.Response.Headers.ContainsKey("X-RateLimit-Reset"))
            {
                context.Response.Headers["X-RateLimit-Reset"] = (state.Now + TimeSpan.FromSeconds(faults.RetryAfterSeconds ?? 60)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            }
        },
        Map = static (app, state) =>
        {
            PyannoteApi.Map(app, state);
            PyannoteLiveApi.Map(app, state);
            PyannoteStorageApi.Map(app, state);
        },
        MaxUploadBytes = static options => options.PyannoteMaxUploadBytes,
        ResolveUrl = static (state, url) =>
        {
            if (url.StartsWith("media://", StringComparison.Ordinal))
            {
                return (true, state.Storage.TryGet("pyannote", url["media://".Length..], out var media)
                    ? state.Content.FromFile(media.Path, media.Sha256, media.FileName ?? Path.GetFileName(url))
                    : null);
            }

            const string storage = "/storage/pyannote/";
            return state.OwnPath(url) is { } path && path.StartsWith(storage, StringComparison.Ordinal) && state.Storage.TryGet("pyannote", path[storage.Length..], out var p)
                ? (true, state.Content.FromFile(p.Path, p.Sha256, p.FileName))
                : (false, null);
        },
    });

    private static JsonNode PyannoteError(HttpContext context, int status, string message, string? param, string? code)
    {
        if (status == 400)
        {
            return new JsonObject
            {
                ["message"] = "Invalid request",
                ["errors"] = new JsonArray(new JsonObject { ["field"] = param ?? "body", ["message"] = message }),
            };
        }
        return new JsonObject { ["requestId"] = VendorErrors.RequestId(context), ["message"] = message };
    }
}

// The pyannoteAI jobs the emulator holds.
internal sealed partial class EmulatorState
{
    public ConcurrentDictionary<string, PyannoteJob> PyannoteJobs { get; } = new(StringComparer.Ordinal);
}
