using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Pyannote.Sdk.Emulator.Vendors;

namespace Pyannote.Sdk.Emulator.Internal;

// The JigsawStack module as the shared pipeline sees it (see Vendor): x-api-key (header or query), a fixed per-second
// limit for all keys, File Store read URLs.
internal sealed partial class Vendor
{
    public static Vendor JigsawStack { get; } = Add(new("jigsawstack")
    {
        DisplayName = "JigsawStack",
        Order = 2,
        ErrorBody = JigsawStackError,
        AuthorizeAsync = static async (context, state) =>
        {
            var request = context.Request;
            string? key = request.Headers["x-api-key"].ToString();
            if (string.IsNullOrEmpty(key))
            {
                key = request.Query["x-api-key"].ToString();
            }

            if (string.IsNullOrEmpty(key))
            {
                await VendorErrors.WriteAsync(context, JigsawStack!, 401, "Missing API key. Send the x-api-key header.").ConfigureAwait(false);
                return false;
            }
            if (state.IsValidKey(key))
            {
                return true;
            }

            await VendorErrors.WriteAsync(context, JigsawStack!, 403, "Invalid API key.").ConfigureAwait(false);
            return false;
        },
        WriteRateLimitHeaders = static (context, state) =>
        {
            var headers = context.Response.Headers;
            var limit = state.Options.JigsawStackRequestsPerSecond;
            var (remaining, reset) = state.PeekSecond(limit);
            headers["x-jigsaw-rate-limit-limit"] = limit.ToString(CultureInfo.InvariantCulture);
            headers["x-jigsaw-rate-limit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["x-jigsaw-rate-limit-reset"] = reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        },
        TakeRateLimitAsync = static async (context, state) =>
        {
            var headers = context.Response.Headers;
            var limit = state.Options.JigsawStackRequestsPerSecond;
            var (remaining, reset) = state.TakeSecond(limit);
            headers["x-jigsaw-rate-limit-limit"] = limit.ToString(CultureInfo.InvariantCulture);
            headers["x-jigsaw-rate-limit-remaining"] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
            headers["x-jigsaw-rate-limit-reset"] = reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            if (remaining < 0)
            {
                headers.RetryAfter = "1";
                await VendorErrors.WriteAsync(context, JigsawStack!, 429, "Rate limit exceeded").ConfigureAwait(false);
                return false;
            }

            return true;
        },
        Map = JigsawStackApi.Map,
        MaxUploadBytes = static options => options.JigsawStackMaxUploadBytes,
        ResolveUrl = static (state, url) =>
        {
            const string read = "/jigsawstack/v1/store/file/read/";
            return state.OwnPath(url) is { } path && path.StartsWith(read, StringComparison.Ordinal) && state.Storage.TryGet("jigsawstack", path[read.Length..], out var j)
                ? (true, state.Content.FromFile(j.Path, j.Sha256, j.FileName ?? path[read.Length..]))
                : (false, null);
        },
    });

    private static JsonNode JigsawStackError(HttpContext context, int status, string message, string? param, string? code)
    {
        return new JsonObject
        {
            ["success"] = false,
            ["message"] = message,
            ["error"] = code ?? status switch
            {
                400 => "validation_error",
                401 => "missing_api_key",
                403 => "invalid_api_key",
                404 => "not_found",
                413 => "payload_too_large",
                429 => "rate_limit_exceeded",
                _ => "application_error",
            },
        };
    }
}
