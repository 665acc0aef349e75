using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Pyannote.Sdk.Emulator.Vendors;

namespace Pyannote.Sdk.Emulator.Internal;

// The Together AI module as the shared pipeline sees it (see Vendor): Bearer keys with OpenAI-style error codes.
internal sealed partial class Vendor
{
    public static Vendor Together { get; } = Add(new("together")
    {
        DisplayName = "Together AI",
        Order = 1,
        ErrorBody = TogetherError,
        AuthorizeAsync = static (context, state) => EmulatorPipeline.AuthorizeBearerAsync(context, state, Together!, withCode: true),
        Map = static (app, state) =>
        {
            TogetherRealtimeApi.Map(app, state);
            TogetherApi.Map(app, state);
        },
        MaxUploadBytes = static options => options.TogetherMaxUploadBytes,
    });

    private static JsonNode TogetherError(HttpContext context, int status, string message, string? param, string? code)
    {
        return new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = status switch { 429 => "rate_limit_exceeded", >= 500 => "server_error", _ => "invalid_request_error" },
                ["param"] = param,
                ["code"] = code ?? status switch { 401 => "invalid_api_key", 413 => "payload_too_large", 429 => "rate_limit_exceeded", _ => null },
            },
        };
    }
}
