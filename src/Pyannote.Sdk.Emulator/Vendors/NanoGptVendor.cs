using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Pyannote.Sdk.Emulator.Vendors;

namespace Pyannote.Sdk.Emulator.Internal;

// The NanoGPT module as the shared pipeline sees it (see Vendor): x-api-key or Bearer keys.
internal sealed partial class Vendor
{
    public static Vendor NanoGpt { get; } = Add(new("nanogpt")
    {
        DisplayName = "NanoGPT",
        Order = 3,
        ErrorBody = NanoGptError,
        AuthorizeAsync = static async (context, state) =>
        {
            var key = context.Request.Headers["x-api-key"].ToString();
            if (string.IsNullOrEmpty(key))
            {
                key = EmulatorPipeline.BearerToken(context.Request) ?? "";
            }

            if (state.IsValidKey(key))
            {
                return true;
            }

            await VendorErrors.WriteAsync(context, NanoGpt!, 401, key.Length == 0 ? "API key required" : "Invalid API key").ConfigureAwait(false);
            return false;
        },
        Map = NanoGptApi.Map,
        MaxUploadBytes = static options => options.NanoGptMaxUploadBytes,
    });

    private static JsonNode NanoGptError(HttpContext context, int status, string message, string? param, string? code)
    {
        if (status == 402)
        {
            // The documented insufficient-balance body (docs.nano-gpt.com error-handling).
            return new JsonObject { ["error"] = "Insufficient balance", ["requiredBalance"] = 0.0035, ["status"] = 402 };
        }
        if (status == 429)
        {
            return new JsonObject
            {
                ["error"] = new JsonObject { ["message"] = message, ["code"] = code ?? "rate_limit_exceeded", ["type"] = "rate_limit_error" },
            };
        }
        return new JsonObject { ["error"] = status, ["message"] = message };
    }
}

// The NanoGPT asynchronous runs the emulator holds.
internal sealed partial class EmulatorState
{
    public ConcurrentDictionary<string, NanoGptRun> NanoGptRuns { get; } = new(StringComparer.Ordinal);
}
